import { parseDocument } from "yaml";
import { taskFileKeys } from "./render-task-file.js";
import { taskFileFrontMatterSchema } from "./task-spec.js";
import type { TaskFileFrontMatter } from "./task-spec.js";
import { yamlErrorSummary, yamlValue } from "./yaml-value.js";

export type ParseTaskFileResult =
  | { ok: true; frontMatter: TaskFileFrontMatter; brief: string }
  | { ok: false; errors: string[] };

const closingLine = /^(?:---|\.\.\.)[ \t]*$/;

/**
 * Reads a task file written by renderTaskFile (or edited by hand): front matter between `---`
 * lines, validated against the schema, then the brief. The brief is returned byte for byte,
 * without the blank line after the front matter and the final newline renderTaskFile adds.
 * A file written with CRLF line endings is read as LF.
 */
export function parseTaskFile(text: string): ParseTaskFileResult {
  let source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  if (source.startsWith("---\r\n")) source = source.replace(/\r\n/g, "\n");
  if (!/^---[ \t]*\n/.test(source)) {
    return { ok: false, errors: ["the file must start with a `---` line that opens the YAML front matter"] };
  }
  const lines = source.split("\n");
  const close = lines.findIndex((line, index) => index > 0 && closingLine.test(line));
  if (close === -1) {
    return { ok: false, errors: ["the YAML front matter has no closing `---` line"] };
  }

  const doc = parseDocument(lines.slice(1, close).join("\n"), { uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((error) => {
        const line = error.linePos?.[0]?.line;
        // +1 for the opening `---`: the line number is the file's.
        return `${line === undefined ? "front matter" : `line ${line + 1}`}: ${yamlErrorSummary(error.message)}`;
      }),
    };
  }
  const data = yamlValue(doc);
  if (!data.ok) return { ok: false, errors: [`front matter: ${data.message}`] };
  const checked = taskFileFrontMatterSchema.safeParse(data.value ?? {});
  if (!checked.success) {
    // Errors in the order the keys are written; unknown keys last.
    const rank = (issue: { path: PropertyKey[] }): number => {
      const index = taskFileKeys.indexOf(issue.path[0] as (typeof taskFileKeys)[number]);
      return index === -1 ? taskFileKeys.length : index;
    };
    const written = (data.value ?? {}) as Record<PropertyKey, unknown>;
    return {
      ok: false,
      errors: [...checked.error.issues]
        .sort((a, b) => rank(a) - rank(b))
        .map((issue) => {
          const where = issue.path.map(String).join(".") || "front matter";
          const missing = issue.path.length === 1 && written[issue.path[0] as PropertyKey] === undefined;
          return `${where}: ${missing ? "missing" : issue.message}`;
        }),
    };
  }

  let brief = lines.slice(close + 1).join("\n");
  if (brief.startsWith("\n")) brief = brief.slice(1);
  if (brief.endsWith("\n")) brief = brief.slice(0, -1);
  return { ok: true, frontMatter: checked.data, brief };
}

import type { ConfigIssue } from "./config-issue.js";
import { codeSpan } from "./describe-value.js";

/**
 * A Markdown list, one line per issue, for the `autopilot/config` check run, a PR comment or the
 * terminal: ``- `merge.method` (line 4, col 11): must be one of …``.
 */
export function formatConfigIssues(issues: readonly ConfigIssue[], file?: string): string {
  return issues
    .map((issue) => {
      const message = issue.message.replace(/\s*\n\s*/g, " ");
      const line =
        issue.line === undefined
          ? undefined
          : `line ${issue.line}${issue.column === undefined ? "" : `, col ${issue.column}`}`;
      // An issue about the whole file (syntax, not a mapping) names the file itself and has no key.
      if (issue.path === "") return `- ${line === undefined ? "" : `${line}: `}${message}`;
      const where = [file === undefined ? undefined : codeSpan(file), line].filter((part) => part !== undefined);
      const location = where.length > 0 ? ` (${where.join(" ")})` : "";
      return `- ${codeSpan(issue.path)}${location}: ${message}`;
    })
    .join("\n");
}

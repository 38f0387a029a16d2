import { Buffer } from "node:buffer";
// options come compiled: no path compiler (minimatch) is loaded here, see compile-scan-options-with.ts
import type { CompiledScanOptions } from "./compile-scan-options-with.js";
import { scanTextCompiled } from "./scan-text-compiled.js";
import type { SecretFinding } from "./secret-finding.js";

interface AddedLines {
  path: string;
  /** new-file line number of each added line */
  numbers: number[];
  texts: string[];
}

const HUNK_HEADER = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

const C_ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, "\\": 92 };

/** git C-quotes paths with unusual characters: `"b/caf\303\251.txt"` holds UTF-8 bytes in octal. */
function unquoteGitPath(quoted: string): string {
  const bytes: number[] = [];
  for (let i = 1; i < quoted.length - 1; i++) {
    const ch = String.fromCodePoint(quoted.codePointAt(i)!);
    if (ch !== "\\") {
      bytes.push(...Buffer.from(ch, "utf8"));
      i += ch.length - 1;
      continue;
    }
    const next = quoted[i + 1] ?? "";
    const octal = /^[0-7]{3}/.exec(quoted.slice(i + 1));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 3;
    } else {
      bytes.push(C_ESCAPES[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/** The path of a `---` / `+++` header line, undefined for `/dev/null`. */
function parseDiffPath(raw: string): string | undefined {
  let path = raw.trim();
  if (path.startsWith('"')) path = unquoteGitPath(path.slice(0, path.lastIndexOf('"') + 1));
  else path = path.replace(/\t.*$/, "");
  return path === "/dev/null" ? undefined : path;
}

/**
 * The added lines of every file in a unified diff. Hunk line counts decide where a hunk ends, so
 * an added line that itself starts with `++` or `--` is never mistaken for a file header.
 */
function collectAddedLines(diff: string, defaultPath: string | undefined): AddedLines[] {
  const files: AddedLines[] = [];
  let current: AddedLines | undefined =
    defaultPath === undefined ? undefined : { path: defaultPath, numbers: [], texts: [] };
  if (current) files.push(current);
  let minusPrefixed = false;
  let oldLeft = 0;
  let newLeft = 0;
  let newLine = 0;
  for (const rawLine of diff.split("\n")) {
    const line = rawLine.endsWith("\r") ? rawLine.slice(0, -1) : rawLine;
    if (oldLeft > 0 || newLeft > 0) {
      const marker = line[0];
      if (marker === "+") {
        current?.numbers.push(newLine);
        current?.texts.push(line.slice(1));
        newLine++;
        newLeft--;
        continue;
      }
      if (marker === "-") {
        oldLeft--;
        continue;
      }
      if (marker === " " || line === "") {
        newLine++;
        oldLeft--;
        newLeft--;
        continue;
      }
      if (marker === "\\") continue;
      // anything else ends the hunk early (a truncated or hand-edited diff)
      oldLeft = 0;
      newLeft = 0;
    }
    if (line.startsWith("\\")) continue;
    if (line.startsWith("diff --git ")) {
      current = undefined;
      minusPrefixed = false;
      continue;
    }
    if (line.startsWith("--- ")) {
      minusPrefixed = (parseDiffPath(line.slice(4)) ?? "a/").startsWith("a/");
      continue;
    }
    if (line.startsWith("+++ ")) {
      const parsed = parseDiffPath(line.slice(4));
      if (parsed === undefined) {
        current = undefined; // a deleted file adds nothing
        continue;
      }
      const path = minusPrefixed && parsed.startsWith("b/") ? parsed.slice(2) : parsed;
      current = { path, numbers: [], texts: [] };
      files.push(current);
      continue;
    }
    const hunk = HUNK_HEADER.exec(line);
    if (hunk) {
      oldLeft = hunk[1] === undefined ? 1 : Number(hunk[1]);
      newLine = Number(hunk[2]);
      newLeft = hunk[3] === undefined ? 1 : Number(hunk[3]);
    }
  }
  return files;
}

function scanAddedLines(files: readonly AddedLines[], compiled: CompiledScanOptions): SecretFinding[] {
  const findings: SecretFinding[] = [];
  for (const file of files) {
    if (file.texts.length === 0) continue;
    // the added lines are scanned as one text, so a private key added as a block is still a block
    for (const finding of scanTextCompiled(file.texts.join("\n"), file.path, compiled)) {
      findings.push({ ...finding, line: file.numbers[finding.line - 1] ?? finding.line });
    }
  }
  return findings;
}

/** Secrets on the added lines of a multi-file `git diff`, with new-file paths and line numbers. */
export function scanDiffCompiled(unifiedDiff: string, compiled: CompiledScanOptions): SecretFinding[] {
  return scanAddedLines(collectAddedLines(unifiedDiff, undefined), compiled);
}

/** Secrets on the added lines of one file's hunks, as in GitHub's `files[].patch`. */
export function scanPatchCompiled(file: string, patch: string, compiled: CompiledScanOptions): SecretFinding[] {
  return scanAddedLines(collectAddedLines(patch, file), compiled);
}

import { isAscii } from "node:buffer";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
// the scanner's own modules, not its index: `autopilot scan` does not load the gates and diffs
import { compileScanOptions } from "../core/secrets/compile-scan-options.js";
import { isProbablyBinary } from "../core/secrets/is-probably-binary.js";
import { scanTextCompiled } from "../core/secrets/scan-text.js";
import type { SecretAllowlist } from "../core/secrets/secret-finding.js";

/** A file to scan: its path as shown (relative to the working directory) and whether it was named. */
export interface ListedFile {
  path: string;
  /** named on the command line: it must be readable; a walked file that vanished is skipped */
  explicit: boolean;
}

/** What the CLI prints of a finding. */
export interface ReportedFinding {
  file: string;
  line: number;
  column: number;
  rule: string;
  preview: string;
}

export interface FileListScan {
  /** findings per scanned file, with the file's index in the list */
  findings: { index: number; findings: ReportedFinding[] }[];
  files: number;
  bytes: number;
}

/** A file that could not be read: the message for the user, and whether it is their mistake. */
export class FileReadError extends Error {}

/** files claimed at a time: enough to make claiming cheap, few enough to finish evenly */
export const CHUNK = 16;

/**
 * Reads and scans files of `files`, in this thread, a chunk at a time: binary files are
 * skipped, the allowlist is compiled once. With `next` (a counter shared between threads), the
 * chunks are claimed from it, so that threads that started late or run slowly take fewer;
 * without it, every file is scanned.
 */
export function scanFileList(
  cwd: string,
  files: readonly ListedFile[],
  allowlist: SecretAllowlist,
  next?: Int32Array,
): FileListScan {
  const compiled = compileScanOptions({ allowlist });
  const out: FileListScan = { findings: [], files: 0, bytes: 0 };
  if (next === undefined) {
    for (let index = 0; index < files.length; index++) scanOne(cwd, files[index]!, index, compiled, out);
    return out;
  }
  for (let from = Atomics.add(next, 0, CHUNK); from < files.length; from = Atomics.add(next, 0, CHUNK)) {
    const to = Math.min(files.length, from + CHUNK);
    for (let index = from; index < to; index++) scanOne(cwd, files[index]!, index, compiled, out);
  }
  return out;
}

function scanOne(
  cwd: string,
  file: ListedFile,
  index: number,
  compiled: ReturnType<typeof compileScanOptions>,
  out: FileListScan,
): void {
  const buf = readBuffer(resolve(cwd, file.path), file.path, file.explicit);
  if (buf === undefined || isProbablyBinary(buf)) return;
  out.files += 1;
  out.bytes += buf.length;
  // most source is ASCII: latin1 decodes it to the same string faster than utf8 does, and the
  // scan reads the bytes themselves instead of copying the text back into bytes
  const ascii = isAscii(buf);
  const text = buf.toString(ascii ? "latin1" : "utf8");
  const found = scanTextCompiled(text, file.path, compiled, ascii ? buf : undefined);
  if (found.length === 0) return;
  out.findings.push({
    index,
    findings: found.map(({ file: shown, line, column, rule, preview }) => ({
      file: shown,
      line,
      column,
      rule,
      preview,
    })),
  });
}

/** Explicit paths must be readable; a listed file that vanished meanwhile is skipped. */
export function readBuffer(path: string, shown: string, explicit: boolean): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!explicit && code === "ENOENT") return undefined;
    throw new FileReadError(`cannot read ${shown}: ${code ?? (error as Error).message}`);
  }
}

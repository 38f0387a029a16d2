import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { compileScanOptions, isProbablyBinary, scanTextCompiled } from "../core/secrets/index.js";
import type { SecretAllowlist } from "../core/secrets/index.js";

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
  /** findings per scanned file, with the file's index in the list it came from */
  findings: { index: number; findings: ReportedFinding[] }[];
  files: number;
  bytes: number;
}

/** A file that could not be read: the message for the user, and whether it is their mistake. */
export class FileReadError extends Error {}

/**
 * Reads and scans `files` one after the other, in this thread: binary files are skipped, the
 * allowlist is compiled once. `indices[i]` is the index reported for `files[i]`.
 */
export function scanFileList(cwd: string, files: readonly ListedFile[], indices: readonly number[], allowlist: SecretAllowlist): FileListScan {
  const compiled = compileScanOptions({ allowlist });
  const out: FileListScan = { findings: [], files: 0, bytes: 0 };
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    const buf = readBuffer(resolve(cwd, file.path), file.path, file.explicit);
    if (buf === undefined || isProbablyBinary(buf)) continue;
    out.files += 1;
    out.bytes += buf.length;
    const found = scanTextCompiled(buf.toString("utf8"), file.path, compiled);
    if (found.length === 0) continue;
    out.findings.push({
      index: indices[i]!,
      findings: found.map(({ file: shown, line, column, rule, preview }) => ({ file: shown, line, column, rule, preview })),
    });
  }
  return out;
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

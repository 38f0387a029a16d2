import { isAscii } from "node:buffer";
import { resolve } from "node:path";
// the scanner's own modules, not its index: `autopilot scan` does not load the gates and diffs
import { compileScanOptionsWith, type CompiledScanOptions } from "../core/secrets/compile-scan-options-with.js";
import { isProbablyBinary } from "../core/secrets/is-probably-binary.js";
import { scanAsciiCompiled, scanUtf8Compiled } from "../core/secrets/scan-text-compiled.js";
import type { SecretAllowlist } from "../core/secrets/secret-finding.js";
import { FileReader } from "./file-reader.js";

export { FileReadError } from "./file-reader.js";

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

/** A listed file that was not scanned, and why. */
export interface SkippedFile {
  file: string;
  reason: string;
}

export interface FileListScan {
  /** findings per scanned file, with the file's index in the list */
  findings: { index: number; findings: ReportedFinding[] }[];
  /** files left unread that the user is told of: too large, or named and not a regular file */
  skipped: (SkippedFile & { index: number })[];
  files: number;
  bytes: number;
}

/** below this many files per thread, a worker's start-up (its module load, JIT warm-up) costs more than it saves */
export const MIN_FILES_PER_THREAD = 400;

/** files claimed at a time: enough to make claiming cheap, few enough to finish evenly */
export const CHUNK = 16;

/**
 * The allowlist compiled once for a scan. The path compiler (scope's patterns, minimatch) is
 * loaded only for an allowlist with paths: `autopilot scan FILE` in a repository without them
 * does not pay for it.
 */
export async function compileAllowlist(allowlist: SecretAllowlist): Promise<CompiledScanOptions> {
  const compilePaths = allowlist.paths?.length
    ? (await import("../core/scope/compile-patterns.js")).compilePatterns
    : undefined;
  return compileScanOptionsWith({ allowlist }, compilePaths);
}

/**
 * Reads and scans files of `files`, in this thread, a chunk at a time: binary files are
 * skipped, symbolic links scanned as their link text, devices and files over 100 MiB not read
 * (FileReader); `compiled` is the allowlist (`compileAllowlist`). With `next` (a counter shared
 * between threads), the chunks are claimed from it, so that threads that started late or run
 * slowly take fewer; without it, every file is scanned.
 */
export function scanFileList(
  cwd: string,
  files: readonly ListedFile[],
  compiled: CompiledScanOptions,
  next?: Int32Array,
): FileListScan {
  const reader = new FileReader();
  const out: FileListScan = { findings: [], skipped: [], files: 0, bytes: 0 };
  if (next === undefined) {
    for (let index = 0; index < files.length; index++) scanOne(cwd, files[index]!, index, compiled, reader, out);
    return out;
  }
  for (let from = Atomics.add(next, 0, CHUNK); from < files.length; from = Atomics.add(next, 0, CHUNK)) {
    const to = Math.min(files.length, from + CHUNK);
    for (let index = from; index < to; index++) scanOne(cwd, files[index]!, index, compiled, reader, out);
  }
  return out;
}

/** The scans of several threads as one: findings in the order of the list, counts summed. */
export function mergeScans(results: readonly FileListScan[]): {
  findings: ReportedFinding[];
  skipped: SkippedFile[];
  files: number;
  bytes: number;
} {
  const perFile = results.flatMap((result) => result.findings).sort((a, b) => a.index - b.index);
  const skipped = results.flatMap((result) => result.skipped).sort((a, b) => a.index - b.index);
  return {
    findings: perFile.flatMap((entry) => entry.findings),
    skipped: skipped.map(({ file, reason }) => ({ file, reason })),
    files: results.reduce((total, result) => total + result.files, 0),
    bytes: results.reduce((total, result) => total + result.bytes, 0),
  };
}

/** the bytes isProbablyBinary reads (git's 8000) */
const SNIFF = 8000;
/** control characters that isProbablyBinary counts (tab, newlines, form feed and escape are text) */
const CONTROL = /[\x00-\x08\x0e-\x1a\x1c-\x1f]/;

function scanOne(
  cwd: string,
  file: ListedFile,
  index: number,
  compiled: CompiledScanOptions,
  reader: FileReader,
  out: FileListScan,
): void {
  const buf = reader.read(resolve(cwd, file.path), file.path, file.explicit);
  if (buf === undefined) return;
  if (!Buffer.isBuffer(buf)) {
    // a device or FIFO met in a walk is simply not a file to scan; one named, or a file too large, is reported
    if (buf.tooLarge || file.explicit) out.skipped.push({ index, file: file.path, reason: buf.notScanned });
    return;
  }
  // the regex finds no control character in most text at once (in its first bytes, read one per
  // character); a file with some is judged byte by byte, as before
  if (CONTROL.test(buf.toString("latin1", 0, Math.min(buf.length, SNIFF))) && isProbablyBinary(buf)) return;
  out.files += 1;
  out.bytes += buf.length;
  // most source is ASCII: its bytes are scanned as they are, and only the lines worth reading
  // are decoded; other text is decoded from UTF-8 only when a pass over its bytes finds a line
  // that could hold a finding
  const found = isAscii(buf) ? scanAsciiCompiled(buf, file.path, compiled) : scanUtf8Compiled(buf, file.path, compiled);
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

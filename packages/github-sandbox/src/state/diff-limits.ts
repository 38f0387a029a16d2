import type { ComparedFile } from "../git/index.js";

/**
 * How much diff GitHub shows in one `files[]` answer (compare, a pull request's files, a commit).
 * GitHub documents neither number; these are what it is seen to do: a file whose patch is too
 * large comes without `patch` (its line counts stay), and once the patches already in one answer
 * add up to about 20,000 lines, the files after come with no patch and zero counts, looking like
 * binary files (github.com/orgs/community/discussions/213491).
 */
export interface DiffLimits {
  /** A file whose patch is longer than this (UTF-8 bytes) is sent without `patch`. */
  patchBytes: number;
  /** Once the patches sent in one answer reach this many lines, later files get no patch and zero counts. */
  responseLines: number;
}

export const githubDiffLimits: Readonly<DiffLimits> = { patchBytes: 1024 * 1024, responseLines: 20_000 };

/** Checks limits given as an option: whole numbers >= 0, with a specific message otherwise. */
export function checkDiffLimits(limits: Partial<DiffLimits> | undefined): DiffLimits {
  const merged = { ...githubDiffLimits, ...limits };
  for (const [name, value] of Object.entries(merged)) {
    if (!(Number.isInteger(value) && value >= 0)) {
      throw new RangeError(`sandbox diffLimits: ${name} must be a whole number >= 0, got ${String(value)}`);
    }
  }
  return merged;
}

const patchLines = (patch: string): number => patch.split("\n").length;

/**
 * Shows the files of one answer as GitHub would: call the returned function on each file, in
 * the answer's order (it counts the lines already shown).
 */
export function diffLimiter(limits: DiffLimits): (file: ComparedFile) => ComparedFile {
  let shown = 0;
  return (file) => {
    if (file.patch === undefined) return file;
    if (shown >= limits.responseLines) {
      const { patch: _omitted, ...rest } = file;
      return { ...rest, additions: 0, deletions: 0, changes: 0 };
    }
    if (Buffer.byteLength(file.patch, "utf8") > limits.patchBytes) {
      const { patch: _omitted, ...rest } = file;
      return rest;
    }
    shown += patchLines(file.patch);
    return file;
  };
}

/**
 * Splits a unified diff of one file (GitHub's `patch`, which starts at the first `@@` line) into
 * its hunks, each starting with its `@@ -a,b +c,d @@` header so it still says where it applies.
 * Text before the first header (git's `diff --git`/`index` lines, when a patch carries them) is
 * returned as `preamble`.
 */
export function splitHunks(patch: string): { preamble: string; hunks: string[] } {
  const lines = patch.split("\n");
  const hunks: string[][] = [];
  const preamble: string[] = [];
  for (const line of lines) {
    if (line.startsWith("@@ ")) hunks.push([line]);
    else if (hunks.length === 0) preamble.push(line);
    else hunks[hunks.length - 1]?.push(line);
  }
  return { preamble: preamble.join("\n"), hunks: hunks.map((hunk) => hunk.join("\n")) };
}

/** A unified-diff hunk header, `@@ -a,b +c,d @@ section`; counts default to 1 as git writes them. */
export interface HunkHeader {
  oldStart: number;
  oldCount: number;
  newStart: number;
  newCount: number;
  /** what follows the second `@@` (the function git found), kept as it is */
  section: string;
}

const hunkHeader = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@(.*)$/;

/** The header of a hunk's first line, or undefined when it is not one. */
export function parseHunkHeader(line: string): HunkHeader | undefined {
  const match = hunkHeader.exec(line);
  if (match === null) return undefined;
  return {
    oldStart: Number(match[1]),
    oldCount: Number(match[2] ?? "1"),
    newStart: Number(match[3]),
    newCount: Number(match[4] ?? "1"),
    section: match[5] ?? "",
  };
}

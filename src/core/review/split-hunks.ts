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

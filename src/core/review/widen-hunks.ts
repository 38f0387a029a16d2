import { type HunkHeader, parseHunkHeader, splitHunks } from "./split-hunks.js";

type Hunk = HunkHeader & { lines: string[] };

function parse(text: string): Hunk | undefined {
  const [first = "", ...lines] = text.split("\n");
  const header = parseHunkHeader(first);
  if (header === undefined) return undefined;
  // a trailing empty piece is the newline at the end of the patch, not a line
  if (lines.at(-1) === "") lines.pop();
  return { ...header, lines };
}

/**
 * A file's patch with `extra` more lines of context above and below each hunk, read from the file
 * as the PR's head has it (`newText`), so a reviewer sees more of the code around a change than
 * GitHub's three lines. A hunk is not widened into its neighbour, and the headers are adjusted so
 * the new version's line numbers stay right. A patch that does not parse is returned as it is.
 */
export function widenPatch(patch: string, newText: string, extra: number): string {
  if (extra <= 0) return patch;
  const { preamble, hunks: texts } = splitHunks(patch);
  const hunks = texts.map(parse);
  if (hunks.length === 0 || hunks.some((hunk) => hunk === undefined)) return patch;
  const file = newText.split("\n");
  if (file.at(-1) === "") file.pop();
  const parsed = hunks as Hunk[];
  const out: string[] = [];
  /** the last line of the new version a hunk already shows: the next one starts after it */
  let coveredTo = 0;
  parsed.forEach((hunk, index) => {
    // a pure deletion of a whole file has newStart 0: nothing to widen with
    if (hunk.newStart === 0) {
      out.push(texts[index] as string);
      return;
    }
    const previousEnd = coveredTo;
    const nextStart = index === parsed.length - 1 ? file.length + 1 : (parsed[index + 1] as Hunk).newStart;
    const firstNew = hunk.newStart;
    const lastNew = hunk.newStart + hunk.newCount - 1;
    const up = Math.max(0, Math.min(extra, firstNew - 1 - previousEnd));
    const down = Math.max(0, Math.min(extra, nextStart - 1 - lastNew));
    const above = file.slice(firstNew - 1 - up, firstNew - 1).map((line) => ` ${line}`);
    const below = file.slice(lastNew, lastNew + down).map((line) => ` ${line}`);
    const head = `@@ -${hunk.oldStart - above.length},${hunk.oldCount + above.length + below.length} +${firstNew - above.length},${hunk.newCount + above.length + below.length} @@${hunk.section}`;
    out.push([head, ...above, ...hunk.lines, ...below].join("\n"));
    coveredTo = lastNew + below.length;
  });
  return [...(preamble.trim() === "" ? [] : [preamble]), ...out].join("\n");
}

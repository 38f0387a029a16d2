import { parseHunkHeader } from "./split-hunks.js";

/**
 * A hunk with the new file's line number in front of every line it keeps: context and added lines
 * carry their number, removed lines a blank gutter of the same width, so a reviewer can cite
 * `file:line` as the new version numbers it (the models are asked for exactly that). The `@@`
 * header stays as it is; a hunk whose header does not parse is returned unchanged.
 */
export function numberHunk(hunk: string): string {
  const [header = "", ...lines] = hunk.split("\n");
  const parsed = parseHunkHeader(header);
  if (parsed === undefined) return hunk;
  let next = parsed.newStart;
  const last = next + Math.max(0, parsed.newCount - 1);
  const width = String(Math.max(last, next)).length;
  const gutter = " ".repeat(width);
  const numbered = lines.map((line) => {
    // "\ No newline at end of file" and a trailing empty split piece keep no number
    if (line.startsWith("\\") || line === "") return line === "" ? line : `${gutter} ${line}`;
    if (line.startsWith("-")) return `${gutter} ${line}`;
    const text = `${String(next).padStart(width)} ${line}`;
    next += 1;
    return text;
  });
  return [header, ...numbered].join("\n");
}

import { createHash } from "node:crypto";

/**
 * What the pull request itself changes, independent of where its base is: each file's name and
 * status and its added and removed lines, in name order. Bringing the branch up to date with its
 * base moves hunk positions and context lines, not these; any change of the task's own lines
 * changes it. Undefined when a file has no patch (binary, or too large for GitHub to send one):
 * its content is unknown, so a review of it can never be carried over.
 */
export function changeFingerprint(
  files: ReadonlyArray<{ filename: string; status?: string; patch?: string | null }>,
): string | undefined {
  if (files.some((file) => file.patch === undefined || file.patch === null)) return undefined;
  const hash = createHash("sha256");
  for (const file of [...files].sort((a, b) => (a.filename < b.filename ? -1 : a.filename > b.filename ? 1 : 0))) {
    hash.update(`\u0000file ${file.filename} ${file.status ?? ""}\n`);
    for (const line of (file.patch ?? "").split("\n"))
      if (line.startsWith("+") || line.startsWith("-")) hash.update(`${line}\n`);
  }
  return hash.digest("hex").slice(0, 32);
}

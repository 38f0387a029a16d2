/** One file's part of a `git diff -p`: what GitHub's `patch`, `additions`, `deletions` are made of. */
export interface PatchSection {
  /** the hunks, from the first `@@` on, lines joined by `\n` without a final newline; "" if none */
  hunks: string;
  additions: number;
  deletions: number;
  binary: boolean;
}

/**
 * Splits a whole `git diff -p` into its per-file sections, in output order. A section starts at
 * `diff --git `; no hunk line can, since every hunk line starts with ` `, `+`, `-` or `\`. The
 * header lines before the first `@@` (index, mode, rename, ---/+++) are dropped, as in GitHub's
 * `patch` field; counting `+`/`-` lines after it gives the same numbers as `--numstat`.
 */
export function splitPatch(text: string): PatchSection[] {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const sections: PatchSection[] = [];
  let header: string[] = [];
  let hunks: string[] | undefined;
  const flush = (): void => {
    if (header.length === 0) return;
    const body = hunks ?? [];
    let additions = 0;
    let deletions = 0;
    for (const line of body) {
      if (line.startsWith("+")) additions += 1;
      else if (line.startsWith("-")) deletions += 1;
    }
    const binary =
      hunks === undefined && header.some((line) => line.startsWith("Binary files ") || line === "GIT binary patch");
    sections.push({ hunks: body.join("\n"), additions, deletions, binary });
  };
  for (const line of lines) {
    if (line.startsWith("diff --git ")) {
      flush();
      header = [line];
      hunks = undefined;
    } else if (hunks !== undefined) hunks.push(line);
    else if (line.startsWith("@@")) hunks = [line];
    else header.push(line);
  }
  flush();
  return sections;
}

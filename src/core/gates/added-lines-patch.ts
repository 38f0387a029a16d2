/**
 * The lines `head` adds to `base`, as unified-diff hunks with head's line numbers (`@@ -0,0 +n,k @@`),
 * for a file GitHub sent without a patch. A line counts as added when head holds it more often than
 * base does (the later copies are the added ones), so everything new is in it, whatever a real diff
 * would have paired; a line that only moved is not. Empty when nothing was added.
 */
export function addedLinesPatch(base: string, head: string): string {
  const left = new Map<string, number>();
  for (const line of splitLines(base)) left.set(line, (left.get(line) ?? 0) + 1);
  const hunks: string[] = [];
  let run: { start: number; lines: string[] } | undefined;
  const close = (): void => {
    if (run === undefined) return;
    const added = run.lines.map((line) => `+${line}`).join("\n");
    hunks.push(`@@ -0,0 +${run.start},${run.lines.length} @@\n${added}`);
    run = undefined;
  };
  splitLines(head).forEach((line, index) => {
    const remaining = left.get(line) ?? 0;
    if (remaining > 0) {
      left.set(line, remaining - 1);
      close();
      return;
    }
    if (run === undefined) run = { start: index + 1, lines: [] };
    run.lines.push(line);
  });
  close();
  return hunks.join("\n");
}

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n").map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line));
  if (text.endsWith("\n")) lines.pop();
  return lines;
}

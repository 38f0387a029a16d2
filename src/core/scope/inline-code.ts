/**
 * Renders text as a markdown code span that the text cannot break out of. File names come from
 * the agent's change and may hold backticks, `<`, `|` or even newlines.
 */
export function inlineCode(text: string): string {
  const visible = text.replace(
    /[\u0000-\u001f\u007f]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  const longestRun = Math.max(0, ...(visible.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const pad = visible === "" || visible.startsWith("`") || visible.endsWith("`") ? " " : "";
  return `${fence}${pad}${visible}${pad}${fence}`;
}

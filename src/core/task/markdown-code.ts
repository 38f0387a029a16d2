const longestRun = (text: string, char: string): number =>
  Math.max(0, ...[...text.matchAll(new RegExp(`\\${char}+`, "g"))].map((match) => match[0].length));

/**
 * Quotes untrusted text as a markdown code span: shown literally, so it cannot format the
 * comment or @mention anyone. Newlines become ⏎ and long values are shortened.
 */
export function inlineCode(text: string, maxLength = 80): string {
  let shown = text.replace(/\n/g, " ⏎ ");
  if (shown.length > maxLength) shown = `${shown.slice(0, maxLength - 1)}…`;
  if (shown === "") return "(empty)";
  const ticks = "`".repeat(longestRun(shown, "`") + 1);
  const pad = shown.startsWith("`") || shown.endsWith("`") ? " " : "";
  return `${ticks}${pad}${shown}${pad}${ticks}`;
}

/** A fence of backticks (at least 3) longer than any backtick run inside the text, so no line of it can close the fence. */
export const codeFence = (text: string): string => "`".repeat(Math.max(3, longestRun(text, "`") + 1));

/** A fenced code block whose fence is longer than any backtick run inside the text. */
export function fencedCode(text: string, language = ""): string {
  const fence = codeFence(text);
  return `${fence}${language}\n${text}\n${fence}`;
}

import { redactUntrusted } from "./markdown/index.js";

/**
 * GitHub's limits on what the app writes to issues and pull requests, in characters as GitHub
 * counts them (code points). Past them GitHub answers 422 "Validation Failed": "title is too long
 * (maximum is 256 characters)", "body is too long (maximum is 65536 characters)".
 */
export const githubTextLimits = {
  /** an issue's or a pull request's title */
  title: 256,
  /** an issue's, pull request's, comment's or review's body */
  body: 65_536,
} as const;

/** Characters as GitHub counts them: code points, so an emoji is one, not two UTF-16 units. */
export const charCount = (text: string): number => {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
};

/** `text` within `max` characters, never inside a surrogate pair; a cut text ends with `…`. */
export function cutToChars(text: string, max: number): string {
  if (text.length <= max || charCount(text) <= max) return text;
  const kept: string[] = [];
  for (const char of text) {
    if (kept.length === max - 1) break;
    kept.push(char);
  }
  return `${kept.join("")}…`;
}

/** Untrusted words (a model's, an issue author's) as an issue title: redacted, one line, at most `max` characters. */
export const oneLineTitle = (text: string, max = 200): string =>
  cutToChars(redactUntrusted(text).text.replace(/\s+/g, " "), max);

/** `prefix` + `text` + `suffix` as a title GitHub accepts: `text` is cut so the whole fits. */
export const fitTitle = (prefix: string, text: string, suffix = ""): string =>
  `${prefix}${cutToChars(text, Math.max(1, githubTextLimits.title - charCount(prefix) - charCount(suffix)))}${suffix}`;

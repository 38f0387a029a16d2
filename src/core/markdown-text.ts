import { codeCell, markdownTable } from "./concordance/markdown-table.js";
import { disarmInline, redactUntrusted } from "./markdown/index.js";

/**
 * Markdown for text a model wrote (or a path the pull request chose). Such text could otherwise
 * break the comment's tables, render HTML, open a link, @mention people, or close the hidden JSON
 * block, so it is flattened to one line, shortened, and every active character is escaped.
 */

/** Plain text for a table cell or a list item: one line, redacted, no HTML, no links, no mentions. */
export const inlineText = (text: string, maxLength = 300): string => disarmInline(text, maxLength);

/** A code span for a path, redacted, safe inside a table cell; long paths are shortened. */
export function codeSpan(text: string, maxLength = 200): string {
  let oneLine = redactUntrusted(text).text.replace(/\s+/g, " ");
  if (oneLine.length > maxLength) oneLine = `${oneLine.slice(0, maxLength - 1)}…`;
  return oneLine === "" ? "—" : codeCell(oneLine);
}

/** A markdown table; rows beyond `limit` (default 50: a comment holds 65,536 characters) are counted, not shown. */
export const table = (headers: string[], rows: string[][], limit = 50): string => markdownTable(headers, rows, limit);

import { maskSecret } from "./mask-secret.js";

const MAX_PREVIEW = 120;

interface Span {
  start: number;
  end: number;
  secret: string;
}

/**
 * The line with every secret on it masked, trimmed to at most 120 characters around `focus`
 * (an offset in the line). Any other copy of a masked secret on the line is masked too.
 */
export function buildPreview(line: string, spans: readonly Span[], focus: number): string {
  let text = line;
  let focusAt = focus;
  const ordered = [...spans].sort((a, b) => b.start - a.start);
  for (const span of ordered) {
    const start = Math.max(0, span.start);
    const end = Math.min(line.length, span.end);
    if (start >= end) continue;
    const mask = maskSecret(line.slice(start, end));
    text = text.slice(0, start) + mask + text.slice(end);
    if (end <= focusAt) focusAt += mask.length - (end - start);
  }
  for (const span of spans) {
    if (span.secret.length >= 8 && text.includes(span.secret)) text = text.split(span.secret).join(maskSecret(span.secret));
  }
  const leading = text.length - text.trimStart().length;
  text = text.trim();
  focusAt = Math.max(0, focusAt - leading);
  if (text.length <= MAX_PREVIEW) return text;
  const room = MAX_PREVIEW - 2;
  const from = Math.max(0, Math.min(focusAt - 30, text.length - room));
  const to = Math.min(text.length, from + room);
  return `${from > 0 ? "…" : ""}${text.slice(from, to)}${to < text.length ? "…" : ""}`;
}

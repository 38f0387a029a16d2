import { maskSecret } from "./mask-secret.js";

const MAX_PREVIEW = 120;
/** above this many characters searched (distinct secrets × line length), copies are masked per preview */
const COPY_SEARCH_BUDGET = 1 << 24;
/** in that case, every run of token characters this long in a preview is masked */
const TOKEN_RUN = /[A-Za-z0-9+/=_.~:%-]{8,}/g;

interface Span {
  start: number;
  end: number;
  secret: string;
}

/**
 * The previews of one line: the line with every secret on it masked, trimmed to at most 120
 * characters around a focus (an offset in the line). Any other copy of a masked secret on the
 * line is masked too. The masked line is built once per line, so a line holding thousands of
 * secrets costs its length plus the number of secrets, not their product.
 */
export function linePreviews(line: string, spans: readonly Span[]): (focus: number) => string {
  const ordered = [...spans].sort((a, b) => a.start - b.start);
  let masked = "";
  let cursor = 0;
  /** per masked span, in order: its end in the line and the total length change up to it */
  const ends: number[] = [];
  const shifts: number[] = [];
  let shift = 0;
  for (const span of ordered) {
    const start = Math.max(cursor, span.start);
    const end = Math.min(line.length, span.end);
    if (start >= end) continue;
    const mask = maskSecret(line.slice(start, end));
    masked += line.slice(cursor, start) + mask;
    cursor = end;
    shift += mask.length - (end - start);
    ends.push(end);
    shifts.push(shift);
  }
  masked += line.slice(cursor);
  const secrets = [...new Set(spans.map((span) => span.secret).filter((secret) => secret.length >= 8))];
  const copiesMasked = secrets.length * masked.length <= COPY_SEARCH_BUDGET;
  if (copiesMasked) {
    for (const secret of secrets) if (masked.includes(secret)) masked = masked.split(secret).join(maskSecret(secret));
  }
  const leading = masked.length - masked.trimStart().length;
  const text = masked.trim();
  return (focus) => {
    const focusAt = Math.max(0, focus + shiftBefore(ends, shifts, focus) - leading);
    if (text.length <= MAX_PREVIEW) return text;
    const room = MAX_PREVIEW - 2;
    const from = Math.max(0, Math.min(focusAt - 30, text.length - room));
    const to = Math.min(text.length, from + room);
    let window = text.slice(from, to);
    // a hostile line (thousands of distinct secrets on it): mask whatever looks like a token here
    if (!copiesMasked) window = window.replace(TOKEN_RUN, maskSecret);
    return `${from > 0 ? "…" : ""}${window}${to < text.length ? "…" : ""}`;
  };
}

/** The length change of the masks that end at or before `focus` (binary search over their ends). */
function shiftBefore(ends: readonly number[], shifts: readonly number[], focus: number): number {
  let low = 0;
  let high = ends.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (ends[middle]! <= focus) low = middle + 1;
    else high = middle;
  }
  return low === 0 ? 0 : shifts[low - 1]!;
}

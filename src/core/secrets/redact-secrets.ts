import { findSecretMatches } from "./find-secret-matches.js";

/**
 * Every secret in `text` replaced by `[REDACTED:<rule>]`. Used on every outbound LLM prompt, so
 * it ignores the allow pragma: a prompt never needs to carry a credential-shaped string.
 */
export function redactSecrets(text: string): { text: string; redactions: number } {
  const spans = findSecretMatches(text, false)
    .map((match) => ({ start: match.start, end: match.end, rule: match.rule }))
    .sort((a, b) => a.start - b.start);
  const merged: typeof spans = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.start < last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  let result = "";
  let cursor = 0;
  for (const span of merged) {
    result += `${text.slice(cursor, span.start)}[REDACTED:${span.rule}]`;
    cursor = span.end;
  }
  result += text.slice(cursor);
  return { text: result, redactions: merged.length };
}

import { findGenericSecrets } from "./find-generic-secrets.js";
import { isPlaceholder, isRepetitive, isSequential } from "./is-decoy-value.js";
import type { LineMatch } from "./line-match.js";
import type { CandidateLine } from "./line-triggers.js";
import { providerRules } from "./provider-rules.js";

function overlaps(a: LineMatch, b: LineMatch): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * The single-line rules a line's keywords call for: provider formats first, then the generic rule
 * for what they did not already claim.
 */
export function scanLine(line: string, triggers: Pick<CandidateLine, "rules" | "generic">): LineMatch[] {
  const matches: LineMatch[] = [];
  for (const index of triggers.rules) {
    const rule = providerRules[index]!;
    if (!rule.keywords.some((keyword) => line.includes(keyword))) continue;
    if (rule.requires && !rule.requires.every((literal) => line.includes(literal))) continue;
    rule.pattern.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = rule.pattern.exec(line)) !== null) {
      const secret = match.groups?.s;
      const indices = match.indices?.groups?.s;
      if (secret === undefined || indices === undefined) continue;
      if (!rule.ownDecoyCheck && (isPlaceholder(secret) || isRepetitive(secret) || isSequential(secret))) continue;
      if (rule.validate && !rule.validate(secret, line, match)) continue;
      const candidate = { rule: rule.id, start: indices[0], end: indices[1], secret };
      if (!matches.some((existing) => overlaps(existing, candidate))) matches.push(candidate);
    }
  }
  if (triggers.generic) {
    for (const candidate of findGenericSecrets(line)) {
      if (!matches.some((existing) => overlaps(existing, candidate))) matches.push(candidate);
    }
  }
  return matches;
}

import { findGenericSecrets } from "./find-generic-secrets.js";
import { isPlaceholder, isRepetitive, isSequential } from "./is-decoy-value.js";
import type { LineMatch } from "./line-match.js";
import { providerRules } from "./provider-rules.js";

function containsAny(line: string, literals: readonly string[]): boolean {
  for (const literal of literals) if (line.includes(literal)) return true;
  return false;
}

function containsAll(line: string, literals: readonly string[]): boolean {
  for (const literal of literals) if (!line.includes(literal)) return false;
  return true;
}

/**
 * The shared decoy filter, on the part of the token after the rule's own prefix: the prefix is
 * fixed text (`AGE-SECRET-KEY-1`), only what follows it can be a placeholder.
 */
function isDecoyToken(secret: string, keywords: readonly string[]): boolean {
  let body = secret;
  for (const keyword of keywords) if (keyword.length > secret.length - body.length && secret.startsWith(keyword)) body = secret.slice(keyword.length);
  return isPlaceholder(body) || isRepetitive(body) || isSequential(body);
}

function overlapsAny(matches: readonly LineMatch[], candidate: LineMatch): boolean {
  for (const existing of matches) if (existing.start < candidate.end && candidate.start < existing.end) return true;
  return false;
}

/**
 * The single-line rules a line's keywords call for: provider formats first, then the generic rule
 * for what they did not already claim.
 */
export function scanLine(line: string, triggers: { rules: readonly number[]; genericHits: readonly number[] }): LineMatch[] {
  const matches: LineMatch[] = [];
  for (const index of triggers.rules) {
    const rule = providerRules[index]!;
    if (!containsAny(line, rule.keywords)) continue;
    if (rule.requires && !containsAll(line, rule.requires)) continue;
    rule.pattern.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = rule.pattern.exec(line)) !== null) {
      const secret = match.groups?.s;
      const indices = match.indices?.groups?.s;
      if (secret === undefined || indices === undefined) continue;
      if (!rule.ownDecoyCheck && isDecoyToken(secret, rule.keywords)) continue;
      if (rule.validate && !rule.validate(secret, line, match)) continue;
      const candidate = { rule: rule.id, start: indices[0], end: indices[1], secret };
      if (!overlapsAny(matches, candidate)) matches.push(candidate);
    }
  }
  if (triggers.genericHits.length > 0) {
    for (const candidate of findGenericSecrets(line, triggers.genericHits)) {
      if (!overlapsAny(matches, candidate)) matches.push(candidate);
    }
  }
  return matches;
}

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
  for (const keyword of keywords)
    if (keyword.length > secret.length - body.length && secret.startsWith(keyword)) body = secret.slice(keyword.length);
  return isPlaceholder(body) || isRepetitive(body) || isSequential(body);
}

/** beyond this many matches on one line, claimed characters are kept in a map of the line */
const LIST_LIMIT = 16;

/**
 * The matches of one line, each claiming its characters: a later candidate overlapping one is
 * dropped. A few matches are compared one by one; a line with thousands (a minified bundle, a
 * hostile one) gets a byte per character instead, so the check stays linear in the line.
 */
class LineClaims {
  readonly matches: LineMatch[] = [];
  #claimed: Uint8Array | undefined;
  readonly #length: number;

  constructor(length: number) {
    this.#length = length;
  }

  /** Adds the candidate unless it overlaps a match already claimed. */
  claim(candidate: LineMatch): void {
    if (this.#overlaps(candidate)) return;
    if (this.#claimed === undefined && this.matches.length >= LIST_LIMIT) {
      this.#claimed = new Uint8Array(this.#length);
      for (const match of this.matches) this.#claimed.fill(1, match.start, match.end);
    }
    this.#claimed?.fill(1, candidate.start, candidate.end);
    this.matches.push(candidate);
  }

  #overlaps(candidate: LineMatch): boolean {
    if (this.#claimed !== undefined) {
      for (let i = candidate.start; i < candidate.end; i++) if (this.#claimed[i] === 1) return true;
      return false;
    }
    for (const existing of this.matches)
      if (existing.start < candidate.end && candidate.start < existing.end) return true;
    return false;
  }
}

/**
 * The single-line rules a line's keywords call for: provider formats first, then the generic rule
 * for what they did not already claim.
 */
export function scanLine(
  line: string,
  triggers: { rules: readonly number[]; genericHits: readonly number[] },
): LineMatch[] {
  const claims = new LineClaims(line.length);
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
      claims.claim({ rule: rule.id, start: indices[0], end: indices[1], secret });
    }
  }
  if (triggers.genericHits.length > 0) {
    for (const candidate of findGenericSecrets(line, triggers.genericHits)) claims.claim(candidate);
  }
  return claims.matches;
}

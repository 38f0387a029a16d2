import { findPrivateKeys } from "./find-private-keys.js";
import { forEachCandidateLine } from "./for-each-candidate-line.js";
import { forgetValueRun } from "./locate-assignment.js";
import { scanLine } from "./scan-line.js";
import type { SecretMatch } from "./secret-finding.js";

/** A line carrying this marker is never reported (tests, fixtures, documented examples). */
export const ALLOW_PRAGMA = "autopilot:allow-secret";

/**
 * All secret matches in `text`. The keyword automaton skips straight to lines that hold a rule
 * keyword; each such line is parsed once, however many keywords it holds.
 */
export function findSecretMatches(text: string, honourPragma: boolean): SecretMatch[] {
  const matches: SecretMatch[] = [];
  forEachCandidateLine(text, (candidate) => {
    const { start, end } = candidate;
    const line = text.slice(start, end);
    if (honourPragma && line.includes(ALLOW_PRAGMA)) return end + 1;
    for (const match of scanLine(line, candidate)) {
      matches.push({ rule: match.rule, start: start + match.start, end: start + match.end, secret: match.secret, reportAt: start + match.start });
    }
    let resume = end + 1;
    if (candidate.privateKey && line.includes("-----BEGIN")) {
      for (const key of findPrivateKeys(text, start, end)) {
        if (matches.some((existing) => existing.start < key.match.end && key.match.start < existing.end)) continue;
        matches.push(key.match);
        resume = Math.max(resume, key.blockEnd);
      }
    }
    return resume;
  });
  forgetValueRun();
  return matches;
}

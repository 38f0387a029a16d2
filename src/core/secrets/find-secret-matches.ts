import type { Buffer } from "node:buffer";
import { findPrivateKeys, PemMarkers } from "./find-private-keys.js";
import { forEachCandidateLine, forEachCandidateLineInAscii, type CandidateLine } from "./for-each-candidate-line.js";
import { scanLine } from "./scan-line.js";
import type { SecretMatch } from "./secret-finding.js";

/** A line carrying this marker is never reported (tests, fixtures, documented examples). */
export const ALLOW_PRAGMA = "autopilot:allow-secret";

/**
 * All secret matches in `text`. The keyword automaton skips straight to lines that hold a rule
 * keyword; each such line is parsed once, however many keywords it holds.
 */
export function findSecretMatches(text: string, honourPragma: boolean, ascii?: Uint8Array): SecretMatch[] {
  const matches: SecretMatch[] = [];
  const markers = new PemMarkers(text);
  forEachCandidateLine(text, (candidate) => visitLine(candidate, matches, honourPragma, () => markers), ascii);
  return matches;
}

/**
 * `findSecretMatches` over the bytes of an ASCII text (offsets are the same as the text's): the
 * text is decoded (`decode`) only when a line opens a private key, whose block runs on past it.
 */
export function findSecretMatchesInAscii(bytes: Buffer, honourPragma: boolean, decode: () => string): SecretMatch[] {
  const matches: SecretMatch[] = [];
  let markers: PemMarkers | undefined;
  forEachCandidateLineInAscii(bytes, (candidate) =>
    visitLine(candidate, matches, honourPragma, () => (markers ??= new PemMarkers(decode()))),
  );
  return matches;
}

/** The matches of one candidate line, pushed onto `matches`; returns where the scan goes on. */
function visitLine(
  candidate: CandidateLine,
  matches: SecretMatch[],
  honourPragma: boolean,
  pem: () => PemMarkers,
): number {
  const { start, end, line } = candidate;
  if (honourPragma && line.includes(ALLOW_PRAGMA)) return end + 1;
  // earlier lines' matches end before this line (a key block is skipped whole), so a key can
  // only overlap a match of its own line: checking those alone keeps many keys linear
  const lineMatches = matches.length;
  for (const match of scanLine(line, candidate)) {
    matches.push({
      rule: match.rule,
      start: start + match.start,
      end: start + match.end,
      secret: match.secret,
      reportAt: start + match.start,
    });
  }
  let resume = end + 1;
  if (candidate.privateKey && line.includes("-----BEGIN")) {
    const markers = pem();
    for (const key of findPrivateKeys(markers.text, start, end, markers)) {
      if (overlapsFrom(matches, lineMatches, key.match)) continue;
      matches.push(key.match);
      resume = Math.max(resume, key.blockEnd);
    }
  }
  return resume;
}

function overlapsFrom(matches: readonly SecretMatch[], from: number, candidate: SecretMatch): boolean {
  for (let i = from; i < matches.length; i++) {
    const existing = matches[i]!;
    if (existing.start < candidate.end && candidate.start < existing.end) return true;
  }
  return false;
}

import type { Buffer } from "node:buffer";
import { findPrivateKeys, PemMarkers } from "./find-private-keys.js";
import {
  forEachCandidateLine,
  forEachCandidateLineInAscii,
  forEachCandidateLineInUtf8,
  type CandidateLine,
} from "./for-each-candidate-line.js";
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

/** a resume offset past any text the probe reads, kept a small integer (a V8 Smi) for the loop comparing with it */
const NO_FURTHER = 0x3fffffff;

/**
 * Whether `findSecretMatches` of the UTF-8 text `bytes` could find anything: false only when it
 * finds nothing. Its ASCII lines are read as bytes, and only its lines with a non-ASCII byte are
 * decoded: every line is read as the full scan reads it (a line's keywords and rules depend on
 * that line alone), and a line that yields a match, or opens a private key block (which runs on
 * past the line), answers true at once. The full scan reads no more lines than this (it skips
 * key blocks), so when no line here yields anything, nothing does there.
 */
export function mayHoldSecretsInUtf8(bytes: Buffer, honourPragma: boolean): boolean {
  let found = false;
  const probe = (candidate: CandidateLine): number => {
    const { end, line } = candidate;
    if (honourPragma && line.includes(ALLOW_PRAGMA)) return end + 1;
    if ((candidate.privateKey && line.includes("-----BEGIN")) || scanLine(line, candidate).length > 0) {
      found = true;
      return NO_FURTHER;
    }
    return end + 1;
  };
  const foreign: number[] = [];
  forEachCandidateLineInUtf8(bytes, probe, foreign);
  for (let i = 0; i < foreign.length && !found; i += 2) {
    forEachCandidateLine(bytes.toString("utf8", foreign[i], foreign[i + 1]), probe);
  }
  return found;
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

import { isRepetitive } from "./is-decoy-value.js";
import type { SecretMatch } from "./secret-finding.js";

export const PRIVATE_KEY_RULE = {
  id: "private-key",
  description: "PEM private key block (RSA, EC, DSA, OpenSSH, PKCS#8, encrypted, PGP), reported on its BEGIN line",
} as const;

const BEGIN = /-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----/g;
/** how far a key body may extend; a 16384-bit RSA key in PEM is about 12 KB */
const MAX_BLOCK = 20_000;
const MIN_BODY = 32;
const BASE64_LINE = /^[A-Za-z0-9+/=]+$/;
const ANY_BEGIN = "-----BEGIN";
const ANY_END = "-----END ";

/** Base64 content of a key body, whether on its own lines or inside a string with `\n` escapes. */
function normalizeBody(body: string): string {
  return body.replace(/\\[nrt]/g, "").replace(/[^A-Za-z0-9+/=]/g, "");
}

function isPlaceholderBody(body: string): boolean {
  return body.includes("...") || body.includes("…") || body.includes("<") || body.includes(">");
}

export interface PrivateKeyResult {
  match: SecretMatch;
  /** offset just past the block, so the scanner does not re-read the key body as lines */
  blockEnd: number;
}

/**
 * Where `-----BEGIN` and `-----END ` next occur in one text, remembered between calls. Headers
 * are visited in text order, so each marker's occurrences are searched for once per text: the
 * cost of finding every key's footer is linear in the text, however many headers it holds.
 */
export class PemMarkers {
  readonly #text: string;
  readonly #next = new Map<string, { from: number; at: number }>();

  constructor(text: string) {
    this.#text = text;
  }

  /** the text the markers are searched in */
  get text(): string {
    return this.#text;
  }

  /** The first occurrence of `marker` at or after `from`, or -1. */
  nextAt(marker: string, from: number): number {
    const known = this.#next.get(marker);
    if (known !== undefined && from >= known.from && (known.at === -1 || known.at >= from)) return known.at;
    const at = this.#text.indexOf(marker, from);
    this.#next.set(marker, { from, at });
    return at;
  }
}

/**
 * The footer that closes the header ending at `headerEnd`: the first `-----END <type>-----`
 * starting at or before `limit`. Only `-----END ` occurrences are visited, and the region is cut at the next
 * `-----BEGIN`, so no character is read twice across the headers of one text.
 */
function findFooter(text: string, markers: PemMarkers, footer: string, headerEnd: number, limit: number): number {
  let at = markers.nextAt(ANY_END, headerEnd);
  while (at !== -1 && at <= limit) {
    if (text.startsWith(footer, at)) return at;
    at = markers.nextAt(ANY_END, at + 1);
  }
  return -1;
}

/** The first line break in `[from, limit)`, or -1: never searched past the block's limit. */
function newlineBefore(text: string, from: number, limit: number): number {
  const at = text.slice(from, limit).indexOf("\n");
  return at === -1 ? -1 : from + at;
}

/** With no footer (a truncated diff or paste), the body is the run of base64 lines that follows. */
function base64RunEnd(text: string, headerEnd: number, limit: number): number {
  let bodyEnd = headerEnd;
  let cursor = newlineBefore(text, headerEnd, limit);
  while (cursor !== -1) {
    // a line running past the block's limit is not a key line: reading it whole per header would be quadratic
    let next = newlineBefore(text, cursor + 1, limit);
    if (next === -1) {
      if (limit < text.length) break;
      next = text.length;
    }
    const candidate = text
      .slice(cursor + 1, next)
      .trim()
      .replace(/^[+ ]/, "");
    if (candidate.length < 16 || !BASE64_LINE.test(candidate)) break;
    bodyEnd = next;
    cursor = next === text.length ? -1 : next;
  }
  return bodyEnd;
}

/**
 * Private keys on the line `[lineStart, lineEnd)` of `text`. The body may follow on the next
 * lines (a key file) or on the same line with escaped newlines (a JSON service-account file).
 * A body never holds another `-----BEGIN`, so a block ends at the next one at the latest.
 */
export function findPrivateKeys(
  text: string,
  lineStart: number,
  lineEnd: number,
  markers: PemMarkers,
): PrivateKeyResult[] {
  const results: PrivateKeyResult[] = [];
  const line = text.slice(lineStart, lineEnd);
  BEGIN.lastIndex = 0;
  let begin: RegExpExecArray | null;
  let searchFrom = 0;
  while ((begin = BEGIN.exec(line)) !== null) {
    if (begin.index < searchFrom) continue;
    const headerEnd = lineStart + begin.index + begin[0].length;
    const nextBegin = markers.nextAt(ANY_BEGIN, headerEnd);
    const limit = Math.min(nextBegin === -1 ? text.length : nextBegin, headerEnd + MAX_BLOCK);
    const footer = `-----END ${begin[1]}-----`;
    const footerAt = findFooter(text, markers, footer, headerEnd, limit);
    const bodyEnd = footerAt !== -1 ? footerAt : base64RunEnd(text, headerEnd, limit);
    const blockEnd = footerAt !== -1 ? footerAt + footer.length : bodyEnd;
    const rawBody = text.slice(headerEnd, bodyEnd);
    const body = normalizeBody(rawBody);
    if (body.length >= MIN_BODY && !isPlaceholderBody(rawBody) && !isRepetitive(body)) {
      results.push({
        match: {
          rule: PRIVATE_KEY_RULE.id,
          start: headerEnd,
          end: bodyEnd,
          secret: body,
          reportAt: lineStart + begin.index,
        },
        blockEnd,
      });
    }
    searchFrom = Math.min(line.length, blockEnd - lineStart);
    BEGIN.lastIndex = Math.max(BEGIN.lastIndex, searchFrom);
  }
  return results;
}

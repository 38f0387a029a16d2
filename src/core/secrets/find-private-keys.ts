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
const BASE64_CHAR = /[A-Za-z0-9+/=]/;

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
 * Private keys on the line `[lineStart, lineEnd)` of `text`. The body may follow on the next
 * lines (a key file) or on the same line with escaped newlines (a JSON service-account file).
 */
export function findPrivateKeys(text: string, lineStart: number, lineEnd: number): PrivateKeyResult[] {
  const results: PrivateKeyResult[] = [];
  const line = text.slice(lineStart, lineEnd);
  BEGIN.lastIndex = 0;
  let begin: RegExpExecArray | null;
  let searchFrom = 0;
  while ((begin = BEGIN.exec(line)) !== null) {
    if (begin.index < searchFrom) continue;
    const headerEnd = lineStart + begin.index + begin[0].length;
    const footer = `-----END ${begin[1]}-----`;
    const footerAt = text.indexOf(footer, headerEnd);
    let bodyEnd: number;
    let blockEnd: number;
    if (footerAt !== -1 && footerAt - headerEnd <= MAX_BLOCK) {
      bodyEnd = footerAt;
      blockEnd = footerAt + footer.length;
    } else {
      // no footer (a truncated diff or paste): the body is the run of base64 lines that follows
      bodyEnd = headerEnd;
      let cursor = text.indexOf("\n", headerEnd);
      while (cursor !== -1 && cursor - headerEnd < MAX_BLOCK) {
        const next = text.indexOf("\n", cursor + 1);
        const candidate = text.slice(cursor + 1, next === -1 ? text.length : next).trim().replace(/^[+ ]/, "");
        if (candidate.length < 16 || ![...candidate].every((ch) => BASE64_CHAR.test(ch))) break;
        bodyEnd = next === -1 ? text.length : next;
        cursor = next;
      }
      blockEnd = bodyEnd;
    }
    const rawBody = text.slice(headerEnd, bodyEnd);
    const body = normalizeBody(rawBody);
    if (body.length >= MIN_BODY && !isPlaceholderBody(rawBody) && !isRepetitive(body)) {
      results.push({
        match: { rule: PRIVATE_KEY_RULE.id, start: headerEnd, end: bodyEnd, secret: body, reportAt: lineStart + begin.index },
        blockEnd,
      });
    }
    searchFrom = Math.min(line.length, blockEnd - lineStart);
    BEGIN.lastIndex = Math.max(BEGIN.lastIndex, searchFrom);
  }
  return results;
}

/**
 * Finding where a keyword-bearing name is assigned a value, in any of the usual syntaxes, by
 * looking at characters around the keyword (no regex per line: this runs for every keyword hit).
 */

/** shortest value worth judging: a password of 8 characters */
const MIN_VALUE = 8;
/** longest value or name worth reading: longer ones are not credentials, and reading them could be slow */
const MAX_VALUE = 4096;
const MAX_NAME = 128;
/** words that may open a statement before a space-separated `NAME value` */
const STATEMENT_WORDS = new Set(["export", "ENV", "ARG", "set", "setenv", "SET", "-"]);
const LONGEST_STATEMENT_WORD = 6;
/** words that introduce a credential in an `Authorization`-style value */
export const AUTH_SCHEMES = new Set([
  "bearer",
  "basic",
  "token",
  "oauth",
  "digest",
  "apikey",
  "key",
  "sharedaccesssignature",
]);

/** Characters of names: identifiers, dotted paths, kebab-case, `$var`, `@ivar`. */
function isNameChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    (code >= 48 && code <= 57) ||
    code === 95 || // _
    code === 46 || // .
    code === 45 || // -
    code === 36 || // $
    code === 64 // @
  );
}

export interface ValueSpan {
  start: number;
  end: number;
  quoted: boolean;
}

const QUOTE = 34;
const APOSTROPHE = 39;
const BACKTICK = 96;
const BACKSLASH = 92;

/** Where an unquoted value stops: whitespace, a quote, `&` (query strings), `<` (markup), `\`. */
function endsUnquoted(code: number): boolean {
  return (
    code <= 32 ||
    code === QUOTE ||
    code === APOSTROPHE ||
    code === BACKTICK ||
    code === 38 ||
    code === 60 ||
    code === BACKSLASH
  );
}

/**
 * What the reads on one line have learnt, for the next read on the same line. A keyword inside
 * a long run (`token=keypasstoken=…`, a minified bundle) starts a value that ends where the run
 * does, so the end found for one start is reused for every later start inside it; `<key><key>…`
 * reuses where the next `</` is. One per line and caller: the positions belong to one string.
 */
export class LineReads {
  runFrom = 0;
  /** characters in [runFrom, runTo) were seen and none ends a value */
  runTo = -1;
  closeFrom = 0;
  /** the first `</` at or after closeFrom, -1 for none; undefined before the first search */
  closeAt: number | undefined;
}

function nextClosingTag(line: string, from: number, reads: LineReads): number {
  if (reads.closeAt === undefined || from < reads.closeFrom || (reads.closeAt !== -1 && reads.closeAt < from)) {
    reads.closeFrom = from;
    reads.closeAt = line.indexOf("</", from);
  }
  return reads.closeAt;
}

function isSpace(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 160 ||
    code === 0xfeff ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0x1680
  );
}

/**
 * Whether the name at `start` opens a statement: only whitespace before it, or one statement
 * word (`export`, `ENV`, `--`…) and whitespace. Read backwards from the name, so that a long
 * line costs each hit only the few characters before it (the whole prefix is read only for a
 * name that really is at the start of its line).
 */
function opensStatement(text: string, lineStart: number, start: number): boolean {
  let i = start;
  while (i > lineStart && isSpace(text.charCodeAt(i - 1))) i--;
  if (i === lineStart) return true;
  if (i === start) return false; // a statement word must be followed by whitespace
  let word = i;
  while (word > lineStart && i - word <= LONGEST_STATEMENT_WORD && !isSpace(text.charCodeAt(word - 1))) word--;
  if (!STATEMENT_WORDS.has(text.slice(word, i))) return false;
  while (word > lineStart && isSpace(text.charCodeAt(word - 1))) word--;
  return word === lineStart;
}

function unquotedEnd(line: string, from: number, limit: number, reads: LineReads): number {
  let end = from;
  if (from >= reads.runFrom && from <= reads.runTo) end = reads.runTo;
  else reads.runFrom = from;
  while (end < limit && !endsUnquoted(line.charCodeAt(end))) end++;
  reads.runTo = end;
  return Math.min(end, limit);
}

/** The value that starts at `position`, within the line that ends at `lineEnd`. */
function readValue(
  line: string,
  position: number,
  xml: boolean,
  lineEnd: number,
  reads: LineReads,
): ValueSpan | undefined {
  let p = position;
  if (xml) {
    const close = nextClosingTag(line, p, reads);
    return close === -1 || close + 2 > Math.min(lineEnd, p + MAX_VALUE)
      ? undefined
      : { start: p, end: close, quoted: true };
  }
  // python byte/raw/f-string prefixes
  const next = p + 1 < lineEnd ? line.charCodeAt(p + 1) : 0;
  if ((next === QUOTE || next === APOSTROPHE) && /[bBrRuUfF]/.test(line[p]!)) p++;
  const ch = p < lineEnd ? line.charCodeAt(p) : 0;
  if (ch === BACKSLASH && (line.charCodeAt(p + 1) === QUOTE || line.charCodeAt(p + 1) === APOSTROPHE)) {
    const close = line.slice(p + 2, Math.min(lineEnd, p + 2 + MAX_VALUE)).indexOf(`\\${line[p + 1]}`);
    return { start: p + 2, end: close === -1 ? Math.min(lineEnd, p + 2 + MAX_VALUE) : p + 2 + close, quoted: true };
  }
  const limit = Math.min(lineEnd, p + MAX_VALUE);
  if (ch === QUOTE || ch === APOSTROPHE || ch === BACKTICK) {
    let close = p + 1;
    while (close < limit && (line.charCodeAt(close) !== ch || line.charCodeAt(close - 1) === BACKSLASH)) close++;
    return { start: p + 1, end: close, quoted: true };
  }
  const end = unquotedEnd(line, p, limit, reads);
  // `Authorization: Bearer <token>` unquoted: the scheme and the credential are one value
  let valueEnd = end;
  if (
    end < lineEnd &&
    line.charCodeAt(end) === 32 &&
    end - p <= 6 &&
    AUTH_SCHEMES.has(line.slice(p, end).toLowerCase())
  ) {
    valueEnd = unquotedEnd(line, end + 1, Math.min(lineEnd, end + 1 + MAX_VALUE), reads);
  }
  // a trailing ellipsis marks a shortened example (`ops_eyJzaWdu...`), not the end of a sentence
  if (line.startsWith("...", valueEnd - 3) || line[valueEnd - 1] === "…") return undefined;
  while (valueEnd > p && /[,;)\]}.]/.test(line[valueEnd - 1]!)) valueEnd--;
  return valueEnd > p ? { start: p, end: valueEnd, quoted: false } : undefined;
}

/** The character code at `index`, or 0 outside the line `[lineStart, lineEnd)`. */
function codeAt(text: string, index: number, lineStart: number, lineEnd: number): number {
  return index >= lineStart && index < lineEnd ? text.charCodeAt(index) : 0;
}

/** Where a keyword-bearing name is assigned a value long enough to judge. */
export interface Assignment {
  nameStart: number;
  nameEnd: number;
  value: ValueSpan;
  xml: boolean;
  spaceSeparated: boolean;
  /** `("name", "value")`: the name and the value are two arguments or items */
  pair: boolean;
}

/**
 * The assignment around the keyword that ends at `hitEnd`, on the line `[lineStart, lineEnd)` of
 * `text`, or undefined when the name is not assigned (most keyword hits in code: `Object.keys`,
 * `cache.get(key)`, `token)`) or its value is too short to be a credential.
 */
export function locateAssignment(
  text: string,
  hitEnd: number,
  lineStart: number,
  lineEnd: number,
  reads: LineReads = new LineReads(),
): Assignment | undefined {
  let start = hitEnd - 1;
  while (start > lineStart && hitEnd - start <= MAX_NAME && isNameChar(text.charCodeAt(start - 1))) start--;
  let end = hitEnd;
  while (end < lineEnd && end - start <= MAX_NAME && isNameChar(text.charCodeAt(end))) end++;
  // longer runs are not names (a base64 blob, a minified bundle): bounded so huge lines stay linear
  if (end - start > MAX_NAME) return undefined;
  const before = codeAt(text, start - 1, lineStart, lineEnd);
  let p = end;
  let quotedName = false;
  if (
    (before === QUOTE || before === APOSTROPHE || before === BACKTICK) &&
    codeAt(text, p, lineStart, lineEnd) === before
  ) {
    p++;
    quotedName = true;
  } else if (
    before === QUOTE &&
    codeAt(text, start - 2, lineStart, lineEnd) === BACKSLASH &&
    codeAt(text, p, lineStart, lineEnd) === BACKSLASH &&
    codeAt(text, p + 1, lineStart, lineEnd) === QUOTE
  ) {
    p += 2;
    quotedName = true;
  }
  if (codeAt(text, p, lineStart, lineEnd) === 93) p++; // ]
  const afterName = p;
  while (codeAt(text, p, lineStart, lineEnd) === 32 || codeAt(text, p, lineStart, lineEnd) === 9) p++;
  const xml = before === 60 && codeAt(text, end, lineStart, lineEnd) === 62; // <name>
  const op = codeAt(text, p, lineStart, lineEnd);
  const op2 = codeAt(text, p + 1, lineStart, lineEnd);
  let operator = true;
  let pair = false;
  if (xml) p = end + 1;
  else if ((op === 58 && op2 === 61) || (op === 61 && op2 === 62))
    p += 2; // := =>
  else if (op === 61 && op2 !== 61 && op2 !== 126)
    p++; // = but not == or =~
  else if (op === 58 && op2 !== 58)
    p++; // : but not ::
  else if (op === 44 && quotedName) {
    p++; // ("name", "value")
    pair = true;
  } else if (quotedName && (op === 118 || op === 86) && /^value\s*=/i.test(text.slice(p, Math.min(lineEnd, p + 12)))) {
    p = text.indexOf("=", p) + 1;
  } else operator = false;
  let spaceSeparated = false;
  if (!operator) {
    // `LicenseKey value`, `ENV TOKEN value`, `--token value`: only at the start of a statement
    if (p === afterName || p >= lineEnd) return undefined;
    if (codeAt(text, start, lineStart, lineEnd) !== 45 && !opensStatement(text, lineStart, start)) return undefined;
    spaceSeparated = true;
  }
  while (codeAt(text, p, lineStart, lineEnd) === 32 || codeAt(text, p, lineStart, lineEnd) === 9) p++;
  if (lineEnd - p < MIN_VALUE) return undefined;
  const value = readValue(text, p, xml, lineEnd, reads);
  if (!value || value.end - value.start < MIN_VALUE) return undefined;
  return { nameStart: start, nameEnd: end, value, xml, spaceSeparated, pair };
}

import { isDecoyValue, isReference } from "./is-decoy-value.js";
import type { LineMatch } from "./line-match.js";
import { looksLikePassword, looksRandom } from "./looks-random.js";
import { ownedPrefixes } from "./provider-rules.js";

export const GENERIC_RULES = [
  { id: "generic-secret", description: "A secret-named field (token, secret, api_key, auth, credential…) assigned a random-looking value" },
  { id: "generic-password", description: "A password-named field (password, passwd, pwd, pass…) assigned a hard-coded password" },
  { id: "aws-secret-access-key", description: "AWS secret access key (40 base64 characters) assigned to an AWS secret-key name" },
] as const;

/** Words whose presence makes a line worth parsing; the anchor prefilter looks for the same. */
export const GENERIC_KEYWORDS = ["pass", "pwd", "secret", "token", "key", "auth", "cred", "bearer"] as const;
const KEYWORD = /pass|pwd|secret|token|key|auth|cred|bearer/gi;

const SECRET_SEGMENTS = new Set([
  "password", "passwd", "pwd", "pass", "passphrase", "secret", "token", "key", "apikey", "accesskey",
  "secretkey", "privatekey", "credential", "credentials", "creds", "cred", "auth", "authorization",
  "bearer", "pat", "skey", "authkey", "authtoken", "accesstoken", "refreshtoken", "sessiontoken",
  "masterkey", "signingkey", "encryptionkey", "licensekey", "clientsecret", "appsecret", "apisecret",
]);
/** all-lowercase compounds (twitchaccesstoken, hapikey, acrpwd) end with one of these */
const SECRET_ENDINGS = ["password", "passwd", "pwd", "secret", "token", "apikey", "accesskey", "secretkey", "privatekey", "authkey"];
const PASSWORD_SEGMENTS = new Set(["password", "passwd", "pwd", "pass", "passphrase"]);
/** name parts that say which copy of a secret it is, not what it is */
const IGNORABLE_SUFFIXES = new Set([
  "value", "val", "str", "b64", "base64", "hex", "raw", "enc", "encoded", "plain", "plaintext", "prod",
  "production", "dev", "development", "staging", "stage", "test", "testing", "live", "sandbox", "local",
  "default", "primary", "secondary", "v",
]);
/** a key or token with one of these qualifiers is public or not a credential at all */
const NON_SECRET_QUALIFIERS = new Set([
  "public", "pub", "publishable", "site", "anon", "csrf", "xsrf", "authenticity", "page", "next", "prev",
  "previous", "cursor", "continuation", "sync", "cache", "idempotency", "sort", "partition", "foreign",
  "routing", "dedup", "dedupe", "deduplication", "i18n", "translation", "lookup", "map", "row", "column",
  "object", "group", "event", "message", "max", "min", "num", "total", "count", "bucket", "hash", "primary",
  "sequence", "schema", "cancellation", "cancel", "lexer", "parser",
]);
const DISQUALIFYING_SEGMENTS = new Set(["public", "publishable", "example", "sample", "dummy", "fake", "mock", "placeholder"]);
const AUTH_SCHEMES = new Set(["bearer", "basic", "token", "oauth", "digest", "apikey", "key", "sharedaccesssignature"]);

/** shortest value worth judging: a password of 8 characters */
const MIN_VALUE = 8;
const TOKEN_CHARSET = /^[A-Za-z0-9_\-.+/=~:%]+$/;
const BAD_PERCENT = /%(?![0-9A-Fa-f]{2})/;
const DOTTED_IDENTIFIER = /^[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)+$/;
const STATEMENT_PREFIX = /^\s*(?:export\s+|ENV\s+|ARG\s+|set\s+|setenv\s+|SET\s+|-\s+)?$/;

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

const OTHER = 0;
const LOWER = 1;
const UPPER = 2;
const DIGIT = 3;

function charKind(code: number): number {
  if (code >= 97 && code <= 122) return LOWER;
  if (code >= 65 && code <= 90) return UPPER;
  if (code >= 48 && code <= 57) return DIGIT;
  return OTHER;
}

/**
 * `OPENAI_API_KEY`, `openaiApiKey`, `APIKey2` → lower-case words split at separators, case
 * changes and letter-to-digit changes. A hand-written loop: it runs for every assignment to a
 * keyword-bearing name.
 */
export function nameSegments(name: string): string[] {
  const segments: string[] = [];
  let current = "";
  for (let i = 0; i < name.length; i++) {
    const kind = charKind(name.charCodeAt(i));
    if (kind === OTHER) {
      if (current) segments.push(current);
      current = "";
      continue;
    }
    const previous = i > 0 ? charKind(name.charCodeAt(i - 1)) : OTHER;
    const next = i + 1 < name.length ? charKind(name.charCodeAt(i + 1)) : OTHER;
    const boundary =
      (kind === UPPER && (previous === LOWER || previous === DIGIT)) ||
      (kind === UPPER && previous === UPPER && next === LOWER) ||
      (kind === DIGIT && (previous === LOWER || previous === UPPER));
    if (boundary && current) {
      segments.push(current);
      current = "";
    }
    current += name[i]!.toLowerCase();
  }
  if (current) segments.push(current);
  return segments;
}

type NameKind = "password" | "secret" | undefined;

/** Whether an identifier names a credential, judged by its last meaningful part. */
export function classifySecretName(name: string): NameKind {
  const segments = nameSegments(name);
  while (segments.length > 1) {
    const last = segments[segments.length - 1]!;
    if (!IGNORABLE_SUFFIXES.has(last) && !/^\d+$/.test(last)) break;
    segments.pop();
  }
  const last = segments[segments.length - 1];
  if (last === undefined) return undefined;
  if (segments.some((segment) => DISQUALIFYING_SEGMENTS.has(segment))) return undefined;
  const isSecretWord = SECRET_SEGMENTS.has(last) || SECRET_ENDINGS.some((ending) => last.endsWith(ending));
  if (!isSecretWord) return undefined;
  const previous = segments[segments.length - 2];
  if (previous !== undefined && NON_SECRET_QUALIFIERS.has(previous) && !PASSWORD_SEGMENTS.has(last)) return undefined;
  if (PASSWORD_SEGMENTS.has(last) || /(?:password|passwd|pwd)$/.test(last)) return "password";
  return "secret";
}

interface ValueSpan {
  start: number;
  end: number;
  quoted: boolean;
}

function readValue(line: string, position: number, xml: boolean): ValueSpan | undefined {
  let p = position;
  if (xml) {
    const close = line.indexOf("</", p);
    return close === -1 ? undefined : { start: p, end: close, quoted: true };
  }
  // python byte/raw/f-string prefixes
  if (/[bBrRuUfF]/.test(line[p] ?? "") && /["']/.test(line[p + 1] ?? "")) p++;
  const ch = line[p];
  if (ch === "\\" && (line[p + 1] === '"' || line[p + 1] === "'")) {
    const quote = `\\${line[p + 1]}`;
    const close = line.indexOf(quote, p + 2);
    return { start: p + 2, end: close === -1 ? line.length : close, quoted: true };
  }
  if (ch === '"' || ch === "'" || ch === "`") {
    let close = p + 1;
    while (close < line.length && (line[close] !== ch || line[close - 1] === "\\")) close++;
    return { start: p + 1, end: close, quoted: true };
  }
  let end = p;
  while (end < line.length && !/[\s"'`&<\\]/.test(line[end]!)) end++;
  // a trailing ellipsis marks a shortened example (`ops_eyJzaWdu...`), not the end of a sentence
  if (line.startsWith("...", end - 3) || line[end - 1] === "…") return undefined;
  while (end > p && /[,;)\]}.]/.test(line[end - 1]!)) end--;
  return end > p ? { start: p, end, quoted: false } : undefined;
}

function compact(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]/g, "");
}

function refineRule(kind: NameKind, name: string, token: string): string {
  if (kind === "password") return "generic-password";
  const lower = name.toLowerCase();
  if (/^[A-Za-z0-9/+]{40}$/.test(token) && (lower.includes("aws") || /secret.?access|access.?key.?secret/.test(lower))) {
    return "aws-secret-access-key";
  }
  if (lower.includes("twilio") && /^[0-9a-f]{32}$/.test(token)) return "twilio-auth-token";
  return "generic-secret";
}

/** Cheap shape tests first, the decoy catalogue last: most values fail on shape. */
function acceptToken(token: string, kind: NameKind, name: string, quoted: boolean): boolean {
  if (token.length > 4096) return false;
  if (kind === "password") {
    if (/[()]/.test(token)) return false; // a call: get_password("db")
    if (!quoted && (DOTTED_IDENTIFIER.test(token) || /[[\]{}]/.test(token))) return false; // a reference
    if (!looksLikePassword(token)) return false;
  } else if (!TOKEN_CHARSET.test(token) || BAD_PERCENT.test(token) || !looksRandom(token)) {
    return false;
  }
  if (ownedPrefixes.some((prefix) => token.startsWith(prefix))) return false;
  const bareName = compact(name);
  const bareToken = compact(token);
  if (bareName.length > 0 && (bareToken.includes(bareName) || bareName.includes(bareToken))) return false;
  return !isDecoyValue(token);
}

/**
 * Secrets assigned to secret-named fields in any of the usual forms: `name = value`,
 * `name: value`, `name := value`, `name => value`, `"name": "value"`, `export NAME=value`,
 * `--name value`, `("name", "value")`, `<name>value</name>`, `key="name" value="…"`.
 */
export function findGenericSecrets(line: string): LineMatch[] {
  const matches: LineMatch[] = [];
  let nameEnd = -1;
  KEYWORD.lastIndex = 0;
  let hit: RegExpExecArray | null;
  while ((hit = KEYWORD.exec(line)) !== null) {
    if (hit.index < nameEnd) continue;
    let start = hit.index;
    while (start > 0 && isNameChar(line.charCodeAt(start - 1))) start--;
    let end = hit.index + hit[0].length;
    while (end < line.length && isNameChar(line.charCodeAt(end))) end++;
    nameEnd = end;
    KEYWORD.lastIndex = end;
    const rawName = line.slice(start, end);
    // the operator is checked before the name is parsed: most keyword hits in code are not assignments
    const before = line[start - 1] ?? "";
    let p = end;
    let quotedName = false;
    if ((before === '"' || before === "'" || before === "`") && line[p] === before) {
      p++;
      quotedName = true;
    } else if (before === '"' && line[start - 2] === "\\" && line[p] === "\\" && line[p + 1] === '"') {
      p += 2;
      quotedName = true;
    }
    if (line[p] === "]") p++;
    const afterName = p;
    while (line[p] === " " || line[p] === "\t") p++;
    const xml = before === "<" && line[end] === ">";
    let operator = true;
    if (xml) p = end + 1;
    else if (line.startsWith(":=", p) || line.startsWith("=>", p)) p += 2;
    else if (line[p] === "=" && line[p + 1] !== "=" && line[p + 1] !== "~") p++;
    else if (line[p] === ":" && line[p + 1] !== ":") p++;
    else if (line[p] === "," && quotedName) p++;
    else if (quotedName && /^value\s*=/i.test(line.slice(p, p + 12))) p = line.indexOf("=", p) + 1;
    else operator = false;
    let spaceSeparated = false;
    if (!operator) {
      // `LicenseKey value`, `ENV TOKEN value`, `--token value`: only at the start of a statement
      if (p === afterName || p >= line.length) continue;
      const atStatementStart = rawName.startsWith("-") || STATEMENT_PREFIX.test(line.slice(0, start));
      if (!atStatementStart) continue;
      spaceSeparated = true;
    }
    while (line[p] === " " || line[p] === "\t") p++;
    // the value is read before the name is parsed: most assigned values are too short to matter
    const span = readValue(line, p, xml);
    if (!span || span.end - span.start < MIN_VALUE) continue;
    const name = rawName.replace(/^[-$@]+/, "").replace(/[.-]+$/, "");
    if (name.length === 0 || name.length > 80) continue;
    const kind = classifySecretName(name);
    if (kind === undefined) continue;
    // `<entry key="…">`, `<add key="…" value="…"/>`: an XML `key` attribute names a setting
    if (name.toLowerCase() === "key" && /<[A-Za-z][^>]*$/.test(line.slice(0, start))) continue;
    if (spaceSeparated && line.slice(span.end).replace(/^["'`]/, "").trim().replace(/^(?:#|\/\/).*$/, "") !== "") continue;
    const raw = line.slice(span.start, span.end);
    if (isReference(raw)) continue;

    // a value may wrap the credential: `Bearer …`, `{AQAAABAAA …}` (Jenkins), `<secret>label …</secret>`
    const braced = /^\{[^{}]*\}$/.test(raw.trim());
    const inner = braced ? raw.trim().slice(1, -1) : raw;
    const tokens = [...inner.matchAll(/\S+/g)];
    if (tokens.length === 0 || tokens.length > 3) continue;
    const last = tokens[tokens.length - 1]!;
    if (tokens.length > 1) {
      const wrapped = xml || braced || AUTH_SCHEMES.has(tokens[0]![0].toLowerCase());
      if (!wrapped || tokens.slice(0, -1).some((token) => token[0].length > 12)) continue;
    }
    const value = last[0];
    if (!acceptToken(value, kind, name, span.quoted)) continue;
    const tokenStart = span.start + raw.indexOf(inner) + last.index;
    matches.push({ rule: refineRule(kind, name, value), start: tokenStart, end: tokenStart + value.length, secret: value });
  }
  return matches;
}

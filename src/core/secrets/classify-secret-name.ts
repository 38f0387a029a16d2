/**
 * Whether an identifier names a credential (`DB_PASSWORD`, `openaiApiKey`, `x-api-key`,
 * `twitchaccesstoken`), judged by its last meaningful word, and which kind.
 */
const SECRET_SEGMENTS = new Set([
  "password",
  "passwd",
  "pwd",
  "pass",
  "passphrase",
  "secret",
  "token",
  "key",
  "apikey",
  "accesskey",
  "secretkey",
  "privatekey",
  "credential",
  "credentials",
  "creds",
  "cred",
  "auth",
  "authorization",
  "bearer",
  "pat",
  "skey",
  "authkey",
  "authtoken",
  "accesstoken",
  "refreshtoken",
  "sessiontoken",
  "masterkey",
  "signingkey",
  "encryptionkey",
  "licensekey",
  "clientsecret",
  "appsecret",
  "apisecret",
]);
/** all-lowercase compounds (twitchaccesstoken, hapikey, acrpwd) end with one of these */
const SECRET_ENDINGS = [
  "password",
  "passwd",
  "pwd",
  "secret",
  "token",
  "apikey",
  "accesskey",
  "secretkey",
  "privatekey",
  "authkey",
];
/** words that merely end in "key" */
const KEY_WORDS = new Set([
  "monkey",
  "donkey",
  "turkey",
  "hockey",
  "jockey",
  "whiskey",
  "lackey",
  "hotkey",
  "turnkey",
  "latchkey",
  "passkey",
  "keykey",
  "pubkey",
]);
const PASSWORD_SEGMENTS = new Set(["password", "passwd", "pwd", "pass", "passphrase"]);
/** name parts that say which copy of a secret it is, not what it is */
const IGNORABLE_SUFFIXES = new Set([
  "value",
  "val",
  "str",
  "b64",
  "base64",
  "hex",
  "raw",
  "enc",
  "encoded",
  "plain",
  "plaintext",
  "prod",
  "production",
  "dev",
  "development",
  "staging",
  "stage",
  "test",
  "testing",
  "live",
  "sandbox",
  "local",
  "default",
  "primary",
  "secondary",
  "v",
]);
/** a key or token with one of these qualifiers is public or not a credential at all */
const NON_SECRET_QUALIFIERS = new Set([
  "public",
  "pub",
  "publishable",
  "site",
  "anon",
  "csrf",
  "xsrf",
  "authenticity",
  "page",
  "next",
  "prev",
  "previous",
  "cursor",
  "continuation",
  "sync",
  "cache",
  "idempotency",
  "sort",
  "partition",
  "foreign",
  "routing",
  "dedup",
  "dedupe",
  "deduplication",
  "i18n",
  "translation",
  "lookup",
  "map",
  "row",
  "column",
  "object",
  "group",
  "event",
  "message",
  "max",
  "min",
  "num",
  "total",
  "count",
  "bucket",
  "hash",
  "sequence",
  "schema",
  "cancellation",
  "cancel",
  "lexer",
  "parser",
]);
const DISQUALIFYING_SEGMENTS = new Set([
  "public",
  "publishable",
  "example",
  "sample",
  "dummy",
  "fake",
  "mock",
  "placeholder",
]);

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

export type NameKind = "password" | "secret" | undefined;

/** names repeat endlessly in code (`token`, `apiKey`, `password`): their verdicts are kept */
const classified = new Map<string, NameKind>();
const MAX_CLASSIFIED = 4096;

/** Whether an identifier names a credential, judged by its last meaningful part. */
export function classifySecretName(name: string): NameKind {
  const known = classified.get(name);
  if (known !== undefined || classified.has(name)) return known;
  if (classified.size >= MAX_CLASSIFIED) classified.clear();
  const kind = classifyName(name);
  classified.set(name, kind);
  return kind;
}

function classifyName(name: string): NameKind {
  const segments = nameSegments(name);
  while (segments.length > 1) {
    const last = segments[segments.length - 1]!;
    if (!IGNORABLE_SUFFIXES.has(last) && !/^\d+$/.test(last)) break;
    segments.pop();
  }
  const last = segments[segments.length - 1];
  if (last === undefined) return undefined;
  for (const segment of segments) if (DISQUALIFYING_SEGMENTS.has(segment)) return undefined;
  let isSecretWord = SECRET_SEGMENTS.has(last);
  for (const ending of SECRET_ENDINGS) isSecretWord ||= last.endsWith(ending);
  // `azureFunctionkey`, `hapikey`: a compound ending in "key", unless it is an ordinary word
  isSecretWord ||= last.length > 5 && last.endsWith("key") && !KEY_WORDS.has(last);
  if (!isSecretWord) return undefined;
  const previous = segments[segments.length - 2];
  if (previous !== undefined && NON_SECRET_QUALIFIERS.has(previous) && !PASSWORD_SEGMENTS.has(last)) return undefined;
  if (PASSWORD_SEGMENTS.has(last) || /(?:password|passwd|pwd)$/.test(last)) return "password";
  return "secret";
}

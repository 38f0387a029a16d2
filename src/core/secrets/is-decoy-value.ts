/**
 * Shapes that look like credentials but are not: placeholders, references to a secret store or
 * environment, masked or repeated characters, keyboard/alphabet sequences, hashes, paths, public
 * identifiers. Provider rules check the part of a token after its prefix against the first
 * three; the generic rule checks values against all of them. A real credential is random, so
 * none of these fire on one except by a vanishing coincidence. (UUIDs are judged by the generic
 * rule, which knows the name they are assigned to.)
 */
import { Buffer } from "node:buffer";
import { caseSwitchRatio, distinctChars } from "./shannon-entropy.js";

/**
 * Words that only appear in a credential-shaped value when a human typed it as an illustration
 * (documentation, templates, test fixtures). AWS documents its sample keys with `EXAMPLE`.
 */
const PLACEHOLDER_WORDS =
  /example|sample|dummy|placeholder|changeme|change[_-]me|replace|your[_-]?(?:api|own|key|token|secret|pass|app|access|client|org|user)|insert|redacted|fixme|todo|fake|mock|notreal|not[_-]a[_-]real|invalid|password|passwd|secret|apikey|api[_-]key|token|xxxx|0000000|<|>|\*\*\*|\.\.\.|…/i;

/** Whole-value words people assign to secret-named fields that carry no secret. */
const NON_SECRET_WORDS = new Set([
  "null",
  "nil",
  "none",
  "undefined",
  "true",
  "false",
  "yes",
  "no",
  "on",
  "off",
  "enabled",
  "disabled",
  "required",
  "optional",
  "string",
  "bearer",
  "basic",
  "token",
  "secret",
  "password",
  "test",
  "demo",
  "admin",
  "root",
  "guest",
  "user",
  "username",
]);

/** References resolved at run time (environment, template engines, secret stores, CI contexts). */
const REFERENCE_PATTERNS: readonly RegExp[] = [
  /^\$[{(]?[A-Za-z_]/, // $VAR, ${VAR}, $(cmd)
  /\$\{|\{\{|\}\}|#\{|<%|%\{|\$\(/, // interpolation anywhere
  /^%[A-Za-z_][\w.]*%$/, // %VAR% (Windows)
  /^%\(?[A-Za-z_]?[\w.]*\)?[sd]$/, // printf-style %s
  /^\{[A-Za-z_][A-Za-z_.-]*\}$/, // {placeholder}
  /^\[[A-Za-z_][A-Za-z_.\- ]*\]$/, // [PLACEHOLDER]
  /^(?:process\.env|import\.meta\.env|os\.environ|os\.getenv|getenv|env\(|ENV\[|System\.getenv|Environment\.|secrets\.|vars\.|inputs\.|steps\.|needs\.|config\.|settings\.|params\.|args\.|options\.|opts\.|props\.|this\.|self\.)/,
  /^!(?:vault|Ref|Sub|GetAtt|ImportValue|secret|env)\b/, // YAML tags
  /^(?:arn:aws:(?:secretsmanager|ssm|kms):|op:\/\/|vault:|ref\+|sm:\/\/|gcp:\/\/|azurekeyvault:\/\/|projects\/[^/]+\/secrets\/)/,
];

export function isReference(value: string): boolean {
  for (const pattern of REFERENCE_PATTERNS) if (pattern.test(value)) return true;
  return false;
}

export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER_WORDS.test(value) || NON_SECRET_WORDS.has(value.toLowerCase());
}

/** Few distinct characters, a long run of one character, or a short unit repeated. */
export function isRepetitive(value: string): boolean {
  const length = value.length;
  if (length === 0) return true;
  const distinct = distinctChars(value);
  if (distinct <= 3 || (length >= 16 && distinct <= 5)) return true;
  // base64 of binary data has runs of `A` (zero bytes): long values tolerate longer runs
  const maxRun = length >= 40 ? 8 : 5;
  let run = 1;
  for (let i = 1; i < length; i++) {
    run = value.charCodeAt(i) === value.charCodeAt(i - 1) ? run + 1 : 1;
    if (run >= maxRun) return true;
  }
  // a short unit repeated to fill the value (abcabcabc); bounded, so a long value stays linear
  for (let period = 1; period <= Math.min(32, Math.floor(length / 3)); period++) {
    let repeats = true;
    for (let i = period; i < length; i++) {
      if (value.charCodeAt(i) !== value.charCodeAt(i - period)) {
        repeats = false;
        break;
      }
    }
    if (repeats) return true;
  }
  const half = Math.floor(length / 2);
  if (length >= 24 && value.slice(0, half) === value.slice(half, half * 2)) return true;
  return false;
}

/**
 * Alphabet and digit sequences (abcdef, 123456, a1b2c3, z9y8x7, abc123def456): when at least
 * half of the characters sit in such progressions, or one progression is six characters long,
 * a human typed the value.
 */
export function isSequential(value: string): boolean {
  const lower = value.toLowerCase();
  const length = lower.length;
  if (length < 6) return false;
  const marked = new Uint8Array(length);
  for (const stride of [1, 2]) {
    let runLength = 0;
    let lastStep = 0;
    for (let i = stride; i < length; i++) {
      const step = lower.charCodeAt(i) - lower.charCodeAt(i - stride);
      const previous = i - 2 * stride >= 0 ? lower.charCodeAt(i - stride) - lower.charCodeAt(i - 2 * stride) : 0;
      if ((step === 1 || step === -1) && step === previous) {
        marked[i] = 1;
        marked[i - stride] = 1;
        marked[i - 2 * stride] = 1;
      }
      if (stride === 1) {
        if ((step === 1 || step === -1) && step === lastStep) runLength++;
        else runLength = step === 1 || step === -1 ? 1 : 0;
        lastStep = step;
        if (runLength >= 5) return true;
      }
    }
  }
  let count = 0;
  for (let i = 0; i < length; i++) count += marked[i]!;
  return count * 2 >= length;
}

const HASH_PREFIX = /^(?:sha1|sha224|sha256|sha384|sha512|md5|blake2b?|xxh64)[-:=]/i;
const PATH_START = /^(?:\/|\.\.?[\\/]|~\/|[A-Za-z]:\\)/;
const FILE_EXTENSION =
  /\.(?:pem|key|crt|cer|der|p12|pfx|jks|keystore|pub|json|ya?ml|toml|txt|env|ini|cfg|conf|properties|xml|js|ts|py|rb|go|sh)$/i;

/** A path reads like words between separators; a base64 secret may start with `/` but switches case like noise. */
function isPathLike(value: string): boolean {
  if (FILE_EXTENSION.test(value)) return true;
  return PATH_START.test(value) && !/[+=]/.test(value) && caseSwitchRatio(value) < 0.25;
}
/**
 * Host names reserved for documentation (RFC 2606, RFC 6761: `example.com`, `*.example`,
 * `*.test`, `*.invalid`) and the stand-ins people write for "your host".
 */
const EXAMPLE_HOSTS =
  /(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid|host|hostname|server|domain|your-?host)$/i;

export function isExampleHost(host: string): boolean {
  return EXAMPLE_HOSTS.test(host);
}

/** the longest stretch of a URL read back from a value for its host */
const MAX_URL_PREFIX = 2048;

/**
 * The host of the URL a value at `start` sits in (`https://api.example.com/v1?key=…`), or
 * undefined when the value is not part of a URL: the URL must run up to the value without a
 * space or a quote.
 */
export function urlHostAround(line: string, start: number): string | undefined {
  // read back at most one URL's length, so a long line with many values stays linear
  const window = line.slice(Math.max(0, start - MAX_URL_PREFIX), start);
  const scheme = window.lastIndexOf("://");
  if (scheme === -1) return undefined;
  const between = window.slice(scheme + 3);
  if (/[\s"'`<>]/.test(between)) return undefined;
  const host = /^(?:[^@/?#]*@)?([^/?#:]*)/.exec(between);
  return host?.[1] || undefined;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$/;
const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;
const VERSION_OR_DATE = /^v?\d+(?:[.-]\d+){2,}|^\d{4}-\d{2}-\d{2}/;

/**
 * Identifiers that providers publish on purpose, shaped like keys: Stripe publishable keys,
 * Mapbox public tokens, Google OAuth client ids, Salesforce connected-app consumer keys.
 */
const PUBLIC_IDENTIFIER = /^(?:pk_(?:live|test)_|pk\.eyJ|3MVG[A-Za-z0-9._]{40,}$)|\.apps\.googleusercontent\.com$/;

/** DER length octets: how many bytes they take, from the first one */
function derLengthSize(first: number | undefined): number {
  if (first === undefined) return 0;
  return first < 0x80 ? 1 : 1 + (first & 0x7f);
}

/**
 * A public key or a certificate in base64 DER (`MFkwEwYHKoZIzj0CAQYI…`, `MIIBIjANBgkqhkiG9w0B…`):
 * a SEQUENCE whose first element is a SEQUENCE that opens with an algorithm OID
 * (SubjectPublicKeyInfo) or an explicit version tag (a certificate). Private keys (PKCS#1,
 * PKCS#8, SEC1) open with an INTEGER version instead, so they never match.
 */
export function isPublicKeyDer(value: string): boolean {
  if (value.length < 64 || value[0] !== "M" || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return false;
  const bytes = Buffer.from(value.slice(0, 24), "base64");
  if (bytes[0] !== 0x30) return false;
  const inner = 1 + derLengthSize(bytes[1]);
  if (bytes[inner] !== 0x30) return false;
  const first = inner + 1 + derLengthSize(bytes[inner + 1]);
  return bytes[first] === 0x06 || bytes[first] === 0xa0;
}

/** Hash digests with an algorithm prefix, public identifiers, paths, e-mail addresses, URLs, versions. */
export function isNonSecretShape(value: string): boolean {
  return (
    PUBLIC_IDENTIFIER.test(value) ||
    isPublicKeyDer(value) ||
    HASH_PREFIX.test(value) ||
    isPathLike(value) ||
    EMAIL.test(value) ||
    URL_LIKE.test(value) ||
    VERSION_OR_DATE.test(value)
  );
}

export function isDecoyValue(value: string): boolean {
  return (
    isReference(value) || isPlaceholder(value) || isRepetitive(value) || isSequential(value) || isNonSecretShape(value)
  );
}

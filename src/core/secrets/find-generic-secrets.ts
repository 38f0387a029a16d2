import { Buffer } from "node:buffer";
import { classifySecretName, nameSegments, type NameKind } from "./classify-secret-name.js";
import { isUnquotedCode, isWordedPath, isWordPhrase } from "./is-code-expression.js";
import {
  isDecoyValue,
  isExampleHost,
  isPlaceholder,
  isReference,
  isRepetitive,
  isSequential,
  urlHostAround,
} from "./is-decoy-value.js";
import type { LineMatch } from "./line-match.js";
import { AUTH_SCHEMES, LineReads, locateAssignment } from "./locate-assignment.js";
import { isMalformedProviderToken } from "./is-malformed-provider-token.js";
import { isHandEdited, looksLikePassword, looksRandom } from "./looks-random.js";
import { ownedPrefixes } from "./provider-rules.js";

export const GENERIC_RULES = [
  {
    id: "generic-secret",
    description: "A secret-named field (token, secret, api_key, auth, credential…) assigned a random-looking value",
  },
  {
    id: "generic-password",
    description: "A password-named field (password, passwd, pwd, pass…) assigned a hard-coded password",
  },
  {
    id: "basic-auth-credentials",
    description:
      "A base64 user:password pair in an auth field (Docker config auths, .npmrc _auth, Authorization: Basic)",
  },
  {
    id: "aws-secret-access-key",
    description: "AWS secret access key (40 base64 characters) assigned to an AWS secret-key name",
  },
] as const;

/** Words (any case) whose presence in a name makes an assignment worth parsing. */
export const GENERIC_KEYWORDS = ["pass", "pwd", "secret", "token", "key", "auth", "cred", "bearer"] as const;
const KEYWORD = new RegExp(GENERIC_KEYWORDS.join("|"), "gi");

/** characters of values judged per line, at least (see findGenericSecrets) */
const JUDGING_BUDGET = 65_536;
/**
 * Characters a generated credential has at least: providers issue keys and tokens of 16
 * characters or more (80 bits and up even in lower case and digits; hex digests were already
 * held to 16). A shorter random-looking value under a secret name is a short id, a truncated
 * example or a code; a person's short secret is judged by the password rule, under its name.
 */
const MIN_TOKEN_LENGTH = 16;
const TOKEN_CHARSET = /^[A-Za-z0-9_\-.+/=~:%]+$/;
const BAD_PERCENT = /%(?![0-9A-Fa-f]{2})/;
/** after a quoted value: two more quoted strings, as in a list of names */
const LIST_GOES_ON = /^["'`]\s*,\s*(["'`])[^"'`]*\1\s*,\s*["'`]/;
const PADDED_BASE64 = /^[A-Za-z0-9+/]+={1,2}$/;
const DOTTED_IDENTIFIER = /^[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)+$/;

/**
 * The credential in a value that may wrap it: `Bearer …`, `{AQAAABAAA …}` (Jenkins credential
 * files), `<secret>label …</secret>`. Other values with spaces are prose, not credentials.
 */
function credentialIn(
  raw: string,
  xml: boolean,
): { value: string; offset: number; scheme: string | undefined } | undefined {
  if (!/\s/.test(raw) && raw[0] !== "{") return { value: raw, offset: 0, scheme: undefined };
  const trimmed = raw.trim();
  const braced = /^\{[^{}]*\}$/.test(trimmed);
  const inner = braced ? trimmed.slice(1, -1) : raw;
  const tokens = [...inner.matchAll(/\S+/g)];
  if (tokens.length === 0 || tokens.length > 3) return undefined;
  const first = tokens[0]![0].toLowerCase();
  const last = tokens[tokens.length - 1]!;
  if (tokens.length > 1) {
    const wrapped = xml || braced || AUTH_SCHEMES.has(first);
    if (!wrapped || tokens.slice(0, -1).some((token) => token[0].length > 12)) return undefined;
  }
  return { value: last[0], offset: raw.indexOf(inner) + last.index, scheme: tokens.length > 1 ? first : undefined };
}

function isAuthName(name: string): boolean {
  const segments = nameSegments(name);
  const last = segments[segments.length - 1];
  return last === "auth" || last === "authorization";
}

/** The text a base64 value encodes, when it is printable ASCII; undefined for anything else. */
function decodePrintableBase64(value: string): string | undefined {
  if (value.length < 8 || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return undefined;
  const decoded = Buffer.from(value, "base64").toString("latin1");
  return /^[\x20-\x7e]+$/.test(decoded) ? decoded : undefined;
}

/** base64 of `user:password`, as Docker and npm store registry logins, decoded; undefined otherwise */
function decodeBasicAuth(value: string): { user: string; password: string } | undefined {
  if (value.length < 8 || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return undefined;
  const match = /^([\x21-\x39\x3b-\x7e]+):([\x20-\x7e]+)$/.exec(Buffer.from(value, "base64").toString("utf8"));
  return match ? { user: match[1]!, password: match[2]! } : undefined;
}

/**
 * Short passwords are legitimate in a login pair, so only placeholders, references and filler
 * (`1234567890abcdef1234…`, counted or repeated out, as documentation writes them) disqualify one.
 */
function isRealPassword({ user, password }: { user: string; password: string }): boolean {
  return (
    password.length >= 4 &&
    password !== user &&
    !isPlaceholder(password) &&
    !isReference(password) &&
    !/^(.)\1*$/.test(password) &&
    !(password.length >= 16 && (isSequential(password) || isRepetitive(password)))
  );
}

function compact(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]/g, "");
}

function refineRule(kind: NameKind, name: string, token: string): string {
  if (kind === "password") return "generic-password";
  const lower = name.toLowerCase();
  if (
    /^[A-Za-z0-9/+]{40}$/.test(token) &&
    (lower.includes("aws") || /secret.?access|access.?key.?secret/.test(lower))
  ) {
    return "aws-secret-access-key";
  }
  if (lower.includes("twilio") && /^[0-9a-f]{32}$/.test(token)) return "twilio-auth-token";
  return "generic-secret";
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** names under which a UUID is the credential itself (Heroku, Snyk, Railway, HubSpot issue UUID keys) */
const CREDENTIAL_NAME = /(?:token|secret|password|passwd|api_?key|access_?key|auth_?key)$/;

/** Cheap shape tests first, the decoy catalogue last: most values fail on shape. */
function acceptToken(token: string, kind: NameKind, name: string, quoted: boolean): boolean {
  if (token.length > 4096) return false;
  // a UUID is usually an identifier; it is a secret only where the name says so outright
  if (UUID.test(token))
    return CREDENTIAL_NAME.test(nameSegments(name).join("_")) && !isSequential(token) && !isRepetitive(token);
  if (kind === "password") {
    if (/[()]/.test(token)) return false; // a call: get_password("db")
    if (!quoted && (DOTTED_IDENTIFIER.test(token) || /[[\]{}]/.test(token))) return false; // a reference
    if (!looksLikePassword(token)) return false;
  } else if (
    !TOKEN_CHARSET.test(token) ||
    BAD_PERCENT.test(token) ||
    !looksRandom(token, MIN_TOKEN_LENGTH) ||
    isHandEdited(token)
  ) {
    return false;
  }
  for (const prefix of ownedPrefixes) if (token.startsWith(prefix)) return false;
  if (isMalformedProviderToken(token)) return false;
  // padding fills base64 to a multiple of 4 characters: padded to another length, it was typed
  if (token.length % 4 !== 0 && PADDED_BASE64.test(token)) return false;
  // Kubernetes Secret manifests hold values in base64: `password: cGFzc3dvcmQ=` is "password"
  const decoded = decodePrintableBase64(token);
  if (decoded !== undefined && (isPlaceholder(decoded) || isReference(decoded) || decoded.length < 6)) return false;
  // `API_KEY=API_KEY`, `token: "YOUR_GITHUB_TOKEN_VALUE"`: the value repeats its own name
  const bareName = compact(name);
  const bareToken = compact(token);
  if (bareToken === bareName || bareName.includes(bareToken) || (bareName.length >= 6 && bareToken.includes(bareName)))
    return false;
  return !isDecoyValue(token);
}

/**
 * A value that is code or words, not a literal credential: an unquoted expression
 * (`exports.a = exports.b`, `current[key] = next ? [] : {}`, `key: ParseResult<T>`), a phrase
 * (`"base64-encoded-public-key"`) or a dotted name in quotes (`"rsa.RSAPublicKey"`): generated
 * tokens are not spelt in words. Template literals with an interpolation are references (see
 * isReference). Run only on the few values that passed the shape tests.
 */
function isCode(line: string, span: { end: number; quoted: boolean }, value: string, kind: NameKind): boolean {
  if (kind === "secret" && (isWordPhrase(value) || isWordedPath(value))) return true;
  return !span.quoted && isUnquotedCode(value, line.slice(span.end), kind === "password");
}

/**
 * Secrets assigned to secret-named fields in any of the usual forms: `name = value`,
 * `name: value`, `name := value`, `name => value`, `"name": "value"`, `export NAME=value`,
 * `--name value`, `("name", "value")`, `<name>value</name>`, `key="name" value="…"`.
 * `keywordEnds` are the offsets just past each keyword on the line, when the caller knows them.
 */
export function findGenericSecrets(line: string, keywordEnds?: readonly number[]): LineMatch[] {
  const matches: LineMatch[] = [];
  const hits = keywordEnds ?? [...line.matchAll(KEYWORD)].map((hit) => hit.index + hit[0].length);
  // characters of values this line may still have judged: values can overlap (`token=keypasstoken=…`
  // in a minified bundle), and judging each in full would make one hostile line quadratic
  let budget = Math.max(JUDGING_BUDGET, 4 * line.length);
  let nameEnd = -1;
  const reads = new LineReads();
  for (const hitEnd of hits) {
    if (hitEnd <= nameEnd) continue;
    const assignment = locateAssignment(line, hitEnd, 0, line.length, reads);
    if (!assignment) continue;
    const { nameStart: start, nameEnd: end, value: span, xml, spaceSeparated, pair: pairForm } = assignment;
    nameEnd = end;
    const rawName = line.slice(start, end);
    const name = rawName.replace(/^[-$@]+/, "").replace(/[.-]+$/, "");
    if (name.length === 0 || name.length > 80) continue;
    const kind = classifySecretName(name);
    if (kind === undefined) continue;
    // `<entry key="…">`, `<add key="…" value="…"/>`: an XML `key` attribute names a setting
    if (name.toLowerCase() === "key" && /<[A-Za-z][^<>]*$/.test(line.slice(Math.max(0, start - 256), start))) continue;
    if (
      spaceSeparated &&
      line
        .slice(span.end)
        .replace(/^["'`]/, "")
        .trim()
        .replace(/^(?:#|\/\/).*$/, "") !== ""
    )
      continue;
    // `("name", value)`: an unquoted second item is a variable (`{"spwd", PyInit_spwd}`), and a
    // quoted one followed by two more strings is an entry of a list of names (`'a_key', 'b', 'c', 'd'`)
    if (pairForm && (!span.quoted || LIST_GOES_ON.test(line.slice(span.end, span.end + 256)))) continue;
    const raw = line.slice(span.start, span.end);
    const chosen = credentialIn(raw, xml);
    if (!chosen) continue;
    const { value, offset, scheme } = chosen;
    budget -= value.length;
    if (budget < 0) break;
    // in an auth field, a base64 user:password pair is judged by its password
    const pair = kind === "secret" && (isAuthName(name) || scheme === "basic") ? decodeBasicAuth(value) : undefined;
    const basicAuth = pair !== undefined;
    if (pair !== undefined ? !isRealPassword(pair) : !acceptToken(value, kind, name, span.quoted)) continue;
    if (pair === undefined && isCode(line, span, value, kind)) continue;
    // `https://api.example.com/v1/items?key=…`: a parameter of a URL on a documentation host
    const host = urlHostAround(line, span.start);
    if (host !== undefined && isExampleHost(host)) continue;
    const tokenStart = span.start + offset;
    const rule = basicAuth ? "basic-auth-credentials" : refineRule(kind, name, value);
    matches.push({ rule, start: tokenStart, end: tokenStart + value.length, secret: value });
  }
  return matches;
}

import { decodeJsonSegment } from "./decode-json-segment.js";
import { isExampleHost, isPlaceholder, isReference, isRepetitive, isSequential } from "./is-decoy-value.js";
import { looksLikePassword, looksRandom } from "./looks-random.js";
import { countCharClasses, distinctChars, shannonEntropy } from "./shannon-entropy.js";

/** A credential format with a distinctive shape, usually a published prefix. */
export interface ProviderRule {
  id: string;
  description: string;
  /** case-sensitive literals; the rule only runs on lines that contain one of them */
  keywords: readonly string[];
  /**
   * words (case-insensitive) that make the prefilter look at a line for this rule, when the
   * keywords themselves are too short or too common to select lines by; default: the keywords
   */
  triggers?: readonly string[];
  /** literals that must all be on the line as well (a URL credential needs an `@`) */
  requires?: readonly string[];
  /** flags `dg`; the named group `s` is the secret */
  pattern: RegExp;
  /** extra check of a candidate; the shared decoy filter has already passed */
  validate?: (secret: string, line: string, match: RegExpExecArray) => boolean;
  /** the shared decoy filter (placeholders, repeats, sequences) is skipped for this rule */
  ownDecoyCheck?: boolean;
  /**
   * value prefixes this rule owns: a value starting with one is judged by this rule alone, so a
   * truncated, padded or malformed token is not reported again by the generic rule
   */
  prefixes?: readonly string[];
}

/**
 * `(?<s>…)` bounded so that the token is not a slice of a longer word. A token may follow an `=`
 * (`KEY=token`) even when `=` can end it (base64 padding), so `=` only bounds it on the right.
 */
function bounded(body: string, edge = "[A-Za-z0-9_-]"): RegExp {
  return new RegExp(`(?<!${edge.replace("=", "")})(?<s>${body})(?!${edge})`, "dg");
}

const JWT_CLAIMS = [
  "iss",
  "sub",
  "aud",
  "exp",
  "nbf",
  "iat",
  "jti",
  "azp",
  "scope",
  "scp",
  "role",
  "roles",
  "client_id",
  "uid",
  "user_id",
  "userId",
  "email",
  "username",
  "tid",
  "oid",
  "sid",
  "token_use",
  "ref",
];

/**
 * A JWT is a bearer credential when its header is a JWT header and its claims, if readable, are
 * those of a live token: not expired, not issued in the future, not jwt.io's documented example,
 * not a signed blob without any identity or time claim.
 */
function isLiveJwt(token: string): boolean {
  const [header, payload] = token.split(".");
  const headerJson = decodeJsonSegment(header ?? "");
  if (!headerJson || (typeof headerJson.alg !== "string" && typeof headerJson.typ !== "string")) return false;
  const claims = decodeJsonSegment(payload ?? "");
  if (!claims) return true; // opaque payload: shaped like a JWT, treat as one
  const now = Date.now() / 1000;
  if (typeof claims.exp === "number" && claims.exp < now) return false;
  if (typeof claims.iat === "number" && claims.iat > now + 86_400) return false;
  if (claims.sub === "1234567890" && claims.name === "John Doe") return false;
  return JWT_CLAIMS.some((claim) => claim in claims);
}

function isUrlPassword(password: string, _line: string, match: RegExpExecArray): boolean {
  const user = match.groups?.user ?? "";
  const host = match.groups?.host ?? "";
  if (password === user || isExampleHost(host)) return false;
  if (isReference(password) || isPlaceholder(password) || isRepetitive(password) || isSequential(password))
    return false;
  const decoded = password.includes("%") ? percentDecode(password) : password;
  if (looksLikePassword(decoded) || looksRandom(decoded)) return true;
  // inside `scheme://user:…@host` a long, varied password needs no more evidence than that
  const classes = countCharClasses(decoded);
  const kinds =
    (classes.lower > 0 ? 1 : 0) +
    (classes.upper > 0 ? 1 : 0) +
    (classes.digit > 0 ? 1 : 0) +
    (classes.other > 0 ? 1 : 0);
  return decoded.length >= 12 && kinds >= 2 && shannonEntropy(decoded) >= 3;
}

/** `%XX` escapes to characters, byte by byte: enough to judge the password, and never throws */
function percentDecode(value: string): string {
  return value.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Google API keys are made to ship inside web pages and apps (restricted by referrer or app),
 * so one is reported where it is configured or used: assigned, quoted, passed in a URL. A key
 * standing alone on its line, with nothing that names or uses it, is an entry in a list of
 * keys (an allowlist, a scanner's test data, a dump of public client keys), not a leak.
 */
function isConfiguredGoogleKey(secret: string, line: string): boolean {
  return line.trim() !== secret;
}

/** the query parameters of an AWS Signature V4 presigned URL that say when it stops working */
const AMZ_DATE = /[?&]X-Amz-Date=(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/;
const AMZ_EXPIRES = /[?&]X-Amz-Expires=(\d{1,7})(?!\d)/;

/**
 * An access key ID in the `X-Amz-Credential` of a presigned URL names the key that signed it;
 * the URL itself is the credential, and only until `X-Amz-Date` + `X-Amz-Expires` (7 days at
 * most). Once that is past (API examples, recorded responses), nothing in it grants access.
 */
function inExpiredPresignedUrl(line: string, keyAt: number): boolean {
  if (!line.slice(Math.max(0, keyAt - 17), keyAt).endsWith("X-Amz-Credential=")) return false;
  const rest = line.slice(keyAt, keyAt + 2048);
  const date = AMZ_DATE.exec(rest);
  const expires = AMZ_EXPIRES.exec(rest);
  if (!date || !expires) return false;
  const [, year, month, day, hour, minute, second] = date.map(Number) as number[];
  const signedAt = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
  return signedAt + Number(expires[1]) * 1000 < Date.now();
}

/**
 * Letters of an Azure Storage SAS `sp` (signed permissions), every service and the account SAS:
 * read, add, create, write, delete, delete version, permanent delete, list, tags, find, move,
 * execute, ownership, permissions, set immutability policy, update, process.
 */
const SAS_PERMISSIONS = /^[racwdxyltfmeopiu]+$/;
/** `sip`: one IPv4 address or a range of two */
const SAS_IP = /^(?:\d{1,3}\.){3}\d{1,3}(?:-(?:\d{1,3}\.){3}\d{1,3})?$/;
/** `spr`: `https` or `https,http` (the comma may be escaped) */
const SAS_PROTOCOLS = /^https(?:(?:,|%2[Cc])http)?$/;
/** how far from its signature a SAS query's fields are read: a whole query is a few hundred characters */
const SAS_REACH = 512;
/** whitespace, quotes and angle brackets end a SAS query */
function endsSasQuery(code: number): boolean {
  return code <= 32 || code === 34 || code === 39 || code === 96 || code === 60 || code === 62;
}
/** a checked field of a SAS query, after `?`, `&`, `;` or the `=` of a `NAME=sp=…` assignment */
const SAS_FIELD = /(?:^|[?&;=])(sp|sip|spr)=([^&;?#]*)/g;

/**
 * A shared access signature signs its other fields, and Azure refuses a SAS whose permissions,
 * IP range or protocols it cannot parse: such a token (a doctored example, `sp=rqx`, `sip=168.1.6`)
 * grants nothing. Only the fields present are checked; the query is the run of characters
 * around the signature up to a space or a quote.
 */
function isWellFormedSas(line: string, sigAt: number): boolean {
  let start = sigAt;
  while (start > 0 && sigAt - start < SAS_REACH && !endsSasQuery(line.charCodeAt(start - 1))) start--;
  let end = sigAt;
  while (end < line.length && end - sigAt < SAS_REACH && !endsSasQuery(line.charCodeAt(end))) end++;
  for (const [, name, value] of line.slice(start, end).matchAll(SAS_FIELD)) {
    if (name === "sp" && !SAS_PERMISSIONS.test(value!)) return false;
    if (name === "sip" && !SAS_IP.test(value!)) return false;
    if (name === "spr" && !SAS_PROTOCOLS.test(value!)) return false;
  }
  return true;
}

/**
 * GitLab draws a personal access token's body from base64url (`Devise.friendly_token`, or the
 * routable payload): 20 such characters all lower-case hex come by chance once in 10^12. A
 * `glpat-` with a hex body is another token (an OAuth secret, `gloas-` + 64 hex) relabelled.
 */
function isHexPersonalAccessToken(secret: string): boolean {
  return secret.startsWith("glpat-") && /^[0-9a-f]{20,}(?:\.|$)/.test(secret.slice(6));
}

/** Hugging Face tokens are 34 random letters: both cases, many distinct, no long word. */
function isMixedCaseNoise(body: string): boolean {
  return /[a-z]/.test(body) && /[A-Z]/.test(body) && distinctChars(body) >= 14;
}

const hasDigitAndLetter = (value: string): boolean => /\d/.test(value) && /[A-Za-z]/.test(value);

export const providerRules: readonly ProviderRule[] = [
  {
    id: "aws-access-key-id",
    description: "AWS access key ID (AKIA/ASIA/ABIA/ACCA followed by 16 base32 characters)",
    keywords: ["AKIA", "ASIA", "ABIA", "ACCA"],
    pattern: bounded("(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}"),
    validate: (_secret, line, match) => !inExpiredPresignedUrl(line, match.index),
  },
  {
    id: "github-token",
    description: "GitHub classic token (ghp_, gho_, ghu_, ghs_, ghr_)",
    keywords: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"],
    pattern: bounded("gh[pousr]_[A-Za-z0-9]{36,251}"),
  },
  {
    id: "github-fine-grained-pat",
    description: "GitHub fine-grained personal access token (github_pat_)",
    keywords: ["github_pat_"],
    pattern: bounded("github_pat_[A-Za-z0-9]{20,30}_[A-Za-z0-9]{50,70}"),
  },
  {
    id: "gitlab-token",
    description:
      "GitLab token (glpat-, gldt-, glrt-, glcbt-, glft-, glimt-, glagent-, glsoat-, glffct-, glptt-, gloas-, runner registration)",
    keywords: [
      "glpat-",
      "gldt-",
      "glrt-",
      "glcbt-",
      "glft-",
      "glimt-",
      "glagent-",
      "glsoat-",
      "glffct-",
      "glptt-",
      "gloas-",
      "GR1348941",
    ],
    pattern: bounded(
      "(?:gl(?:pat|dt|rt|cbt|ft|imt|agent|soat|ffct)-[A-Za-z0-9_-]{20,300}(?:\\.[A-Za-z0-9]{2}\\.[A-Za-z0-9]{9})?|glptt-[0-9a-f]{40}|gloas-[0-9a-f]{64}|GR1348941[A-Za-z0-9_-]{20})",
      "[A-Za-z0-9_.-]",
    ),
    validate: (secret) => !isHexPersonalAccessToken(secret),
  },
  {
    id: "slack-token",
    description: "Slack token (xoxb-, xoxp-, xoxa-, xoxr-, xoxs-, xoxe-, xapp-)",
    keywords: ["xox", "xapp-"],
    pattern: bounded(
      "(?:xoxb-\\d{8,14}-\\d{8,14}-[A-Za-z0-9]{20,40}|xox[pasr]-\\d{8,14}-\\d{8,14}-\\d{8,14}-[A-Za-z0-9]{28,40}|xox[pa]-2-\\d{8,14}-\\d{8,14}-\\d{8,14}-[A-Za-z0-9]{28,64}|xoxe(?:\\.xox[bp])?-1-[A-Za-z0-9]{100,300}|xapp-\\d-[A-Z0-9]{9,12}-\\d{10,14}-[A-Za-z0-9]{60,70})",
    ),
  },
  {
    id: "slack-webhook",
    prefixes: [],
    description: "Slack incoming webhook or workflow URL (hooks.slack.com)",
    keywords: ["hooks.slack.com"],
    pattern: bounded(
      "https?://hooks\\.slack\\.com/(?:services/T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24}|(?:workflows|triggers)/T[A-Z0-9]{8,12}/A?[A-Z0-9]{8,12}/\\d{10,20}/[A-Za-z0-9]{24,40})",
      "[A-Za-z0-9]",
    ),
  },
  {
    id: "stripe-secret-key",
    description: "Stripe live secret or restricted key (sk_live_, rk_live_) and webhook signing secret (whsec_)",
    keywords: ["sk_live_", "rk_live_", "sk_prod_", "rk_prod_", "whsec_"],
    pattern: bounded("(?:[sr]k_(?:live|prod)_[A-Za-z0-9]{20,247}|whsec_[A-Za-z0-9+/=]{32,})"),
  },
  {
    id: "openai-api-key",
    prefixes: ["sk-proj-", "sk-svcacct-", "sk-admin-"],
    description: "OpenAI API key (sk-, sk-proj-, sk-svcacct-, sk-admin- with the T3BlbkFJ marker)",
    keywords: ["T3BlbkFJ"],
    pattern: bounded("sk-(?:(?:proj|svcacct|admin|None)-)?[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200}"),
  },
  {
    id: "anthropic-api-key",
    description: "Anthropic API or admin key (sk-ant-)",
    keywords: ["sk-ant-"],
    pattern: bounded("sk-ant-[a-z]{3,6}\\d{2}-[A-Za-z0-9_-]{80,120}"),
  },
  {
    id: "openrouter-api-key",
    description: "OpenRouter API key (sk-or-v1-)",
    keywords: ["sk-or-v1-"],
    pattern: bounded("sk-or-v1-[0-9a-f]{64}"),
  },
  {
    id: "google-api-key",
    description: "Google API key (AIza…)",
    keywords: ["AIza"],
    pattern: bounded("AIza[0-9A-Za-z_-]{35}"),
    validate: isConfiguredGoogleKey,
  },
  {
    id: "google-oauth-secret",
    description: "Google OAuth client secret (GOCSPX-) or access token (ya29.)",
    keywords: ["GOCSPX-", "ya29."],
    pattern: bounded("(?:GOCSPX-[A-Za-z0-9_-]{28}|ya29\\.[0-9A-Za-z_-]{30,})"),
  },
  {
    id: "npm-token",
    description: "npm access token (npm_)",
    keywords: ["npm_"],
    pattern: bounded("npm_[A-Za-z0-9]{36}"),
  },
  {
    id: "pypi-token",
    description: "PyPI upload token (pypi-AgEIcHlwaS5vcmc… / test.pypi.org)",
    keywords: ["pypi-AgEIcHlwaS5vcmc", "pypi-AgENdGVzdC5weXBpLm9yZw"],
    pattern: bounded("pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,}"),
  },
  {
    id: "twilio-api-key",
    prefixes: [],
    description: "Twilio API key SID (SK + 32 hex)",
    keywords: ["SK"],
    triggers: ["twilio"],
    pattern: bounded("SK[0-9a-fA-F]{32}"),
    validate: (secret) => hasDigitAndLetter(secret.slice(2)),
  },
  {
    id: "twilio-auth-token",
    prefixes: [],
    description: "Twilio auth token next to an account SID (AC + 32 hex)",
    keywords: ["AC"],
    triggers: ["twilio"],
    pattern: /(?<![A-Za-z0-9])AC[0-9a-f]{32}(?![A-Za-z0-9]).{1,40}?(?<![A-Za-z0-9])(?<s>[0-9a-f]{32})(?![A-Za-z0-9])/dg,
    validate: (secret) => hasDigitAndLetter(secret) && looksRandom(secret),
  },
  {
    id: "sendgrid-api-key",
    description: "SendGrid API key (SG.x.y)",
    keywords: ["SG."],
    pattern: bounded("SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}"),
  },
  {
    id: "huggingface-token",
    description: "Hugging Face access token (hf_, api_org_)",
    keywords: ["hf_", "api_org_"],
    pattern: bounded("(?:hf_|api_org_)[A-Za-z0-9]{34}"),
    validate: (secret) => isMixedCaseNoise(secret.slice(secret.indexOf("_") + 1)),
  },
  {
    id: "jwt",
    description: "JSON Web Token (eyJ….eyJ….signature) that is not expired nor a documented example",
    keywords: ["eyJ"],
    pattern: bounded("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,}", "[A-Za-z0-9_.-]"),
    validate: (secret) => isLiveJwt(secret),
  },
  {
    id: "url-credentials",
    prefixes: [],
    description: "Password in a URL or connection string (scheme://user:password@host)",
    keywords: ["://"],
    requires: ["@"],
    pattern:
      /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,30}:\/\/(?<user>[^\s:@/?#'"`<>{}()]{0,128}):(?<s>[^\s@/?#'"`<>]{1,256})@(?<host>[A-Za-z0-9][A-Za-z0-9._-]*)/dg,
    validate: isUrlPassword,
    ownDecoyCheck: true,
  },
  {
    id: "shopify-token",
    description: "Shopify access token, custom app, private app or shared secret (shpat_, shpca_, shppa_, shpss_)",
    keywords: ["shpat_", "shpca_", "shppa_", "shpss_"],
    pattern: bounded("shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}"),
  },
  {
    id: "discord-bot-token",
    prefixes: [],
    description: "Discord bot token or webhook URL",
    keywords: ["discord", "Discord", "DISCORD"],
    pattern:
      /(?<![A-Za-z0-9_-])(?<s>[MNO][A-Za-z0-9_-]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}|https:\/\/(?:canary\.|ptb\.)?discord(?:app)?\.com\/api\/webhooks\/\d{17,20}\/[A-Za-z0-9_-]{60,68})(?![A-Za-z0-9_-])/dg,
  },
  {
    id: "telegram-bot-token",
    prefixes: [],
    description: "Telegram bot token (bot id, colon, AA…)",
    keywords: [":AA"],
    pattern: bounded("\\d{8,10}:AA[A-Za-z0-9_-]{33}"),
  },
  {
    id: "mailgun-api-key",
    description: "Mailgun private API key (key-)",
    keywords: ["key-"],
    pattern: bounded("key-[0-9a-zA-Z]{32}"),
    validate: (secret) => looksRandom(secret.slice(4)),
  },
  {
    id: "mailchimp-api-key",
    prefixes: [],
    description: "Mailchimp API key (32 hex + -usN)",
    keywords: ["-us"],
    // the data-centre suffix: `-us` alone is every `-user` and `-use` in the text
    triggers: ["-us1", "-us2", "-us3", "-us4", "-us5", "-us6", "-us7", "-us8", "-us9"],
    pattern: bounded("[0-9a-f]{32}-us\\d{1,2}"),
    validate: (secret) => looksRandom(secret.slice(0, 32)),
  },
  {
    id: "azure-storage-key",
    prefixes: [],
    description: "Azure storage account key or shared access key in a connection string",
    keywords: ["AccountKey=", "SharedAccessKey="],
    pattern: /(?:AccountKey|SharedAccessKey)=(?<s>[A-Za-z0-9+/]{40,88}={0,2})(?![A-Za-z0-9+/=])/dg,
  },
  {
    id: "azure-sas-token",
    prefixes: [],
    description: "Azure shared access signature (sig= with sv= in the same URL or string)",
    keywords: ["sig="],
    pattern: /[?&;]sig=(?<s>(?:[A-Za-z0-9+/]|%[0-9A-Fa-f]{2}){40,}(?:=|%3[Dd]){0,2})/dg,
    validate: (_secret, line, match) => /[?&;]sv=\d{4}-\d{2}-\d{2}/.test(line) && isWellFormedSas(line, match.index),
  },
  {
    id: "azure-ad-client-secret",
    prefixes: [],
    description: "Microsoft Entra ID (Azure AD) client secret (…Q~…)",
    keywords: ["Q~"],
    pattern: bounded("[A-Za-z0-9_~.-]{3}\\dQ~[A-Za-z0-9_~.-]{31,34}", "[A-Za-z0-9_~.-]"),
  },
  {
    id: "azure-container-registry-password",
    prefixes: [],
    description: "Azure Container Registry access key (…+ACR…)",
    keywords: ["+ACR"],
    pattern: bounded("[A-Za-z0-9+/]{42}\\+ACR[A-Za-z0-9]{6}", "[A-Za-z0-9+/]"),
  },
  {
    id: "digitalocean-token",
    prefixes: ["dop_v1_", "doo_v1_", "dor_v1_"],
    description: "DigitalOcean personal, OAuth or refresh token (dop_v1_, doo_v1_, dor_v1_)",
    keywords: ["_v1_"],
    pattern: bounded("do[opr]_v1_[a-f0-9]{64}"),
  },
  {
    id: "doppler-token",
    description: "Doppler token (dp.pt., dp.st., dp.sa., dp.ct., dp.scim., dp.audit.)",
    keywords: ["dp."],
    pattern: bounded("dp\\.(?:pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9]{40,44}", "[A-Za-z0-9_.-]"),
  },
  {
    id: "databricks-token",
    description: "Databricks personal access token (dapi)",
    keywords: ["dapi"],
    pattern: bounded("dapi[a-f0-9]{32}(?:-\\d)?"),
  },
  {
    id: "linear-api-key",
    description: "Linear API key (lin_api_)",
    keywords: ["lin_api_"],
    pattern: bounded("lin_api_[A-Za-z0-9]{40}"),
  },
  {
    id: "postman-api-key",
    description: "Postman API key (PMAK-)",
    keywords: ["PMAK-"],
    pattern: bounded("PMAK-[a-f0-9]{24}-[a-f0-9]{34}"),
  },
  {
    id: "sentry-token",
    description: "Sentry organization or user auth token (sntrys_, sntryu_)",
    keywords: ["sntrys_", "sntryu_"],
    pattern: bounded("(?:sntrys_eyJ[A-Za-z0-9+/=_-]{80,}|sntryu_[a-f0-9]{64})"),
  },
  {
    id: "atlassian-api-token",
    description: "Atlassian API token or admin key (ATATT3…, ATCTT3…)",
    keywords: ["ATATT3", "ATCTT3"],
    pattern: bounded("AT[AC]TT3[A-Za-z0-9_=-]{100,}=[A-Fa-f0-9]{8}", "[A-Za-z0-9_=-]"),
  },
  {
    id: "heroku-api-key",
    description: "Heroku API key (HRKU-AA…)",
    keywords: ["HRKU-"],
    pattern: bounded("HRKU-AA[0-9a-zA-Z_-]{58}"),
  },
  {
    id: "flyio-token",
    description: "Fly.io access token (fo1_, FlyV1 fm1_/fm2_)",
    keywords: ["fo1_", "FlyV1 fm"],
    pattern: bounded("(?:fo1_[A-Za-z0-9_-]{43}|FlyV1 fm\\d[ar]?_[A-Za-z0-9+/=,_-]{100,})"),
  },
  {
    id: "grafana-token",
    description: "Grafana Cloud or service account token (glc_, glsa_)",
    keywords: ["glc_", "glsa_"],
    pattern: bounded("(?:glc_[A-Za-z0-9+/]{32,400}={0,2}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})"),
  },
  {
    id: "hashicorp-token",
    description: "HashiCorp Vault service or batch token (hvs., hvb.) or Terraform Cloud token (.atlasv1.)",
    keywords: ["hvs.", "hvb.", ".atlasv1."],
    pattern: bounded(
      "(?:hv[sb]\\.[A-Za-z0-9_-]{90,}|[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{60,70})",
      "[A-Za-z0-9_.-]",
    ),
  },
  {
    id: "notion-token",
    description: "Notion integration token (ntn_)",
    keywords: ["ntn_"],
    pattern: bounded("ntn_\\d{11}[A-Za-z0-9]{35}"),
  },
  {
    id: "ai-provider-key",
    description:
      "AI provider API key (Groq gsk_, xAI xai-, Perplexity pplx-, Replicate r8_, NVIDIA nvapi-, LangSmith lsv2_)",
    keywords: ["gsk_", "xai-", "pplx-", "r8_", "nvapi-", "lsv2_"],
    pattern: bounded(
      "(?:gsk_[A-Za-z0-9]{52}|xai-[A-Za-z0-9]{80}|pplx-[A-Za-z0-9]{48}|r8_[A-Za-z0-9]{37}|nvapi-[A-Za-z0-9_-]{64}|lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10})",
    ),
  },
  {
    id: "developer-tool-token",
    description:
      "Developer platform token (Prefect pnu_, ReadMe rdme_, Sourcegraph sgp_, 1Password ops_, Infracost ico-, Pulumi pul-, PlanetScale pscale_, Buildkite bkua_, New Relic NRAK-, Typeform tfp_, Cloudflare cfut_/cfat_/cfk_, SpectralOps spu-, Apify apify_api_, Alchemy alcht_, Rootly rootly_)",
    keywords: [
      "pnu_",
      "rdme_",
      "sgp_",
      "ops_eyJ",
      "ico-",
      "pul-",
      "pscale_",
      "bkua_",
      "NRAK-",
      "tfp_",
      "cfut_",
      "cfat_",
      "cfk_",
      "spu-",
      "apify_api_",
      "alcht_",
      "rootly_",
    ],
    pattern: bounded(
      "(?:pnu_[A-Za-z0-9]{36}|rdme_[a-z0-9]{70}|sgp_(?:[a-f0-9]{16}_|local_)?[a-f0-9]{40}|ops_eyJ[A-Za-z0-9+/]{250,}={0,3}|ico-[A-Za-z0-9]{32}|pul-[a-f0-9]{40}|pscale_(?:tkn|oauth|pw)_[A-Za-z0-9_.-]{32,64}|bkua_[a-z0-9]{40}|NRAK-[A-Z0-9]{27}|tfp_[A-Za-z0-9_]{40,60}|cf(?:ut|at|k)_[A-Za-z0-9]{40}[a-f0-9]{8}|spu-[a-f0-9]{32}|apify_api_[A-Za-z0-9-]{36}|alcht_[A-Za-z0-9]{30}|rootly_[a-f0-9]{64})",
      "[A-Za-z0-9_.-]",
    ),
  },
  {
    id: "package-registry-token",
    description: "Package registry token (RubyGems rubygems_, NuGet oy2…, Docker Hub dckr_pat_, Clojars CLOJARS_)",
    keywords: ["rubygems_", "oy2", "dckr_pat_", "CLOJARS_"],
    pattern: bounded("(?:rubygems_[a-f0-9]{48}|oy2[a-z0-9]{43}|dckr_pat_[A-Za-z0-9_-]{27}|CLOJARS_[a-z0-9]{60})"),
  },
  {
    id: "hosting-platform-token",
    description:
      "Hosting and SaaS platform token (Supabase sbp_, Netlify nfp_, Render rnd_, Figma figd_, Adafruit aio_, Dynatrace dt0c01., Brevo xkeysib-, New Relic NRII-, Tencent AKID, Bitbucket ATBB)",
    keywords: ["sbp_", "nfp_", "rnd_", "figd_", "aio_", "dt0c01.", "xkeysib-", "NRII-", "AKID", "ATBB"],
    pattern: bounded(
      "(?:sbp_[a-f0-9]{40}|nfp_[A-Za-z0-9]{36}|rnd_[A-Za-z0-9]{32}|figd_[A-Za-z0-9_-]{40}|aio_[A-Za-z0-9]{28}|dt0c01\\.[A-Z0-9]{24}\\.[A-Z0-9]{64}|xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}|NRII-[A-Za-z0-9_-]{32}|AKID[A-Za-z0-9]{32}|ATBB[A-Za-z0-9_=.-]{28,40})",
    ),
  },
  {
    id: "payment-provider-token",
    description: "Payment provider access token (Plaid access-…-uuid, Braintree access_token$production$…)",
    keywords: ["access-production-", "access-development-", "access_token$production$"],
    pattern: bounded(
      "(?:access-(?:production|development)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|access_token\\$production\\$[a-z0-9]{16}\\$[a-f0-9]{32})",
      "[A-Za-z0-9_$-]",
    ),
  },
  {
    id: "square-token",
    description: "Square access token or OAuth secret (EAAA…, sq0atp-, sq0csp-)",
    keywords: ["EAAA", "sq0atp-", "sq0csp-"],
    pattern: bounded("(?:EAAA[A-Za-z0-9_-]{60}|sq0atp-[A-Za-z0-9_-]{22}|sq0csp-[A-Za-z0-9_-]{43})"),
  },
  {
    id: "hubspot-private-app-token",
    description: "HubSpot private app token (pat-na1-…, pat-eu1-…)",
    keywords: ["pat-na", "pat-eu", "pat-ap"],
    pattern: bounded("pat-(?:na|eu|ap)\\d-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}"),
  },
  {
    id: "alibaba-access-key-id",
    description: "Alibaba Cloud AccessKey ID (LTAI)",
    keywords: ["LTAI"],
    pattern: bounded("LTAI[A-Za-z0-9]{12,20}"),
    validate: (secret) => looksRandom(secret.slice(4)),
  },
  {
    id: "artifactory-token",
    description: "JFrog Artifactory API key or reference token (AKCp…, cmVmd…)",
    keywords: ["AKCp", "cmVmd"],
    pattern: bounded("(?:AKCp[A-Za-z0-9]{69}|cmVmd[A-Za-z0-9]{59})"),
  },
  {
    id: "mapbox-secret-token",
    description: "Mapbox secret access token (sk.eyJ…)",
    keywords: ["sk.eyJ"],
    pattern: bounded("sk\\.eyJ[A-Za-z0-9_-]{50,}\\.[A-Za-z0-9_-]{20,}", "[A-Za-z0-9_.-]"),
  },
  {
    id: "firebase-cloud-messaging-key",
    prefixes: [],
    description: "Firebase Cloud Messaging server key (…:APA91b…)",
    keywords: ["APA91b"],
    pattern: bounded("AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{130,140}"),
  },
  {
    id: "age-secret-key",
    description: "age encryption secret key (AGE-SECRET-KEY-1…)",
    keywords: ["AGE-SECRET-KEY-1"],
    pattern: bounded("AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}"),
  },
];

/**
 * Value prefixes owned by a provider rule. The generic rule leaves such values alone: the
 * provider's format decides, so a truncated or padded token is not reported as a generic secret.
 */
export const ownedPrefixes: readonly string[] = [
  ...new Set(providerRules.flatMap((rule) => rule.prefixes ?? rule.keywords)),
];

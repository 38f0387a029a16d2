import { describe, expect, it } from "vitest";
import { scanText } from "../../../src/core/secrets/index.js";
import { ALNUM, BASE64, HEX, RandomTokens, base64url } from "../../helpers/random-tokens.js";

const r = new RandomTokens(77);
const uuid = () => `${r.chars(HEX, 8)}-${r.chars(HEX, 4)}-4${r.chars(HEX, 3)}-b${r.chars(HEX, 3)}-${r.chars(HEX, 12)}`;
const expired = Math.floor(Date.now() / 1000) - 86_400;

/** Credential look-alikes that must never be reported, by kind. */
const decoys: Array<[string, string]> = [
  ["angle-bracket placeholder", "OPENAI_API_KEY=<YOUR_KEY>"],
  ["your-key-here placeholder", "OPENAI_API_KEY=your-api-key-here"],
  ["xxx placeholder", `GITHUB_TOKEN=${"gh" + "p_"}${"x".repeat(36)}`],
  ["changeme", "SESSION_SECRET=changeme"],
  ["example word", `api_key = "example-${r.chars(ALNUM, 24)}"`],
  ["dummy word", `token: "dummy_${r.chars(ALNUM, 24)}"`],
  ["repeated characters", `client_secret: "${"a".repeat(32)}"`],
  ["sequential characters", `api_key = "abcdefghijklmnopqrstuvwxyz123456"`],
  ["interleaved sequence", `client_secret=a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6`],
  ["shell variable", 'export API_TOKEN="${API_TOKEN}"'],
  ["GitHub Actions expression", "          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}"],
  ["process.env reference", "const token = process.env.GITHUB_TOKEN;"],
  ["os.environ reference", 'API_KEY = os.environ["OPENAI_API_KEY"]'],
  ["os.getenv reference", 'password = os.getenv("DB_PASSWORD")'],
  ["template placeholder", 'password: "{{ .Values.db.password }}"'],
  ["AWS documented example key id", `aws_access_key_id = ${"AK" + "IA"}IOSFODNN7EXAMPLE`],
  ["AWS documented example secret", `aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCY${"EXAMPLE"}KEY`],
  ["git commit sha", `  "commit": "${r.chars(HEX, 40)}",`],
  ["sha256 digest", `  "sha256": "${r.chars(HEX, 64)}",`],
  ["docker image digest", `image: ghcr.io/acme/app@sha256:${r.chars(HEX, 64)}`],
  ["lockfile integrity", `      "integrity": "sha512-${r.chars(BASE64, 86)}=="`],
  ["uuid", `const requestId = "${uuid()}";`],
  ["uuid under an identifier-like key name", `request_key = "${uuid()}"`],
  [
    "uuid as a credentials id",
    `withCredentials([usernamePassword(credentialsId: '${uuid()}', usernameVariable: 'U')])`,
  ],
  ["masked token", `log.info("using token ${"gh" + "p_"}${"*".repeat(36)}")`],
  ["masked password", 'password: "********"'],
  ["regex describing a token", "const GITHUB_PAT = /ghp_[A-Za-z0-9]{36}/;"],
  ["regex describing a key", `const AWS_KEY = new RegExp("AKIA[0-9A-Z]{16}");`],
  ["ssh public key", `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${r.chars(BASE64, 43)} deploy@ci`],
  [
    "PEM public key",
    `-----BEGIN PUBLIC KEY-----\n${r.chars(BASE64, 64)}\n${r.chars(BASE64, 64)}\n-----END PUBLIC KEY-----`,
  ],
  ["certificate", `-----BEGIN CERTIFICATE-----\n${r.chars(BASE64, 64)}\n-----END CERTIFICATE-----`],
  ["file path", "private_key = /etc/ssl/private/server.key"],
  ["key file name", 'SSH_KEY_PATH="~/.ssh/id_ed25519"'],
  ["long identifier", "const thisIsAVeryLongDescriptiveVariableNameForTesting = computeTotals(items);"],
  ["password from a call", 'password = get_password_from_vault("db")'],
  ["empty password", 'password: ""'],
  ["null token", "token: null"],
  ["typed field", "  apiKey?: string;"],
  ["comparison, not assignment", 'if (token === "deadbeefdeadbeefdeadbeef") return;'],
  ["CSS colour", "  background: #ff52c9;"],
  ["token type field", '  "token_type": "bearer",'],
  ["csrf token", `<input type="hidden" name="csrf_token" value="${r.chars(ALNUM, 43)}">`],
  ["public key field", `public_key = "${r.chars(ALNUM, 43)}"`],
  ["publishable key", `STRIPE_PUBLISHABLE_KEY=pk_live_${r.chars(ALNUM, 24)}`],
  ["cache key", `const cacheKey = "${r.chars(HEX, 12)}:users";`],
  ["XML setting key attribute", '<entry key="jetbrains.mps.v8_elimination" value="executed" />'],
  ["i18n key", '  "key": "account.settings.password.title",'],
  ["secret name, not value", 'LLM_SECRET_NAME = "NEXUS-GPT4-API-KEY"'],
  ["vault path", 'DB_PASSWORD_REF="vault:secret/data/db#password"'],
  ["URL without credentials", 'DATABASE_URL="postgres://db.internal:5432/prod"'],
  ["URL placeholder credentials", "DATABASE_URL=postgres://user:password@localhost:5432/app"],
  ["URL env credentials", "DATABASE_URL=postgres://${DB_USER}:${DB_PASS}@db:5432/app"],
  ["URL user equals password", "amqp://guest:guest@localhost:5672/"],
  ["shortened example", `export OP_SERVICE_ACCOUNT_TOKEN=ops_eyJzaWduSW5BZGRyZXNzIjoi...`],
  [
    "jwt.io documented example",
    `const t = "${base64url({ alg: "HS256", typ: "JWT" })}.${base64url({ sub: "1234567890", name: "John Doe", iat: 1516239022 })}.${r.chars(ALNUM, 43)}";`,
  ],
  [
    "expired JWT",
    `const t = "${base64url({ alg: "HS256", typ: "JWT" })}.${base64url({ sub: "u1", exp: expired })}.${r.chars(ALNUM, 43)}";`,
  ],
  ["base64 placeholder in a Kubernetes Secret", `  password: ${Buffer.from("changeme").toString("base64")}`],
  ["base64 env reference in a Kubernetes Secret", `  api-token: ${Buffer.from("${API_TOKEN}").toString("base64")}`],
  ["SOPS-encrypted value", "  password: ENC[AES256_GCM,data:Tr7o=,iv:1=,tag:2=,type:str]"],
  ["Ansible vault value", "db_password: !vault |"],
  ["version string", 'API_VERSION_KEY = "2023-07-15-preview"'],
  ["numeric id under a key name", "cloudinary_apiKey=218873249723411"],
  ["number", "max_tokens: 4096"],
];

describe("decoys", () => {
  it.each(decoys)("does not report %s", (_kind, text) => {
    expect(scanText(`${text}\n`, "src/settings.ts")).toEqual([]);
  });

  it("still reports the real credential next to a decoy on the same line", () => {
    const secret = r.chars(ALNUM, 32);
    const findings = scanText(`requestId = "${uuid()}"; api_key = "${secret}"`, "a.py");
    expect(findings).toHaveLength(1);
    expect(findings[0]!.rule).toBe("generic-secret");
  });
});

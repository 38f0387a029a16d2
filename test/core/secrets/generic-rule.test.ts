import { describe, expect, it } from "vitest";
import { scanText } from "../../../src/core/secrets/index.js";
import { ALNUM, DIGITS, HEX, LOWER, RandomTokens, UPPER } from "../../helpers/random-tokens.js";

const r = new RandomTokens(4242);

function rulesOn(text: string, file = "config/settings"): string[] {
  return scanText(text, file).map((finding) => finding.rule);
}

describe("generic secret rule: assignment forms", () => {
  const value = r.chars(ALNUM, 32);
  const forms: Array<[string, string]> = [
    ["shell/env", `API_KEY=${value}`],
    ["export", `export API_TOKEN=${value}`],
    ["quoted env", `SECRET_KEY="${value}"`],
    ["YAML", `  client_secret: ${value}`],
    ["YAML quoted", `  apiToken: '${value}'`],
    ["JSON", `  "access_token": "${value}",`],
    ["escaped JSON", `{\\"auth_token\\": \\"${value}\\"}`],
    ["INI", `secret_key = ${value}`],
    ["TOML", `api-key = "${value}"`],
    ["Go :=", `apiKey := "${value}"`],
    ["PHP =>", `'api_key' => '${value}',`],
    ["Python kwarg", `client = Client(api_key="${value}")`],
    ["Python bytes", `SECRET_KEY = b"${value}"`],
    ["dict subscript", `os.environ["SERVICE_TOKEN"] = "${value}"`],
    ["JS object", `const config = { authToken: "${value}" };`],
    ["kebab header pair", `req.Header.Set("x-service-api-key", "${value}")`],
    ["Authorization header", `curl -H "Authorization: Bearer ${value}" https://api.example.com`],
    ["unquoted bearer", `Authorization: Bearer ${value}`],
    ["XML element", `<secret>${value}</secret>`],
    ["Jenkins credential", `<secret>{AQAAABAAA ${value}}</secret>`],
    [".NET appSettings", `<add key="ApiKey" value="${value}" />`],
    ["CLI flag", `deploy --api-token ${value}`],
    ["CLI flag with =", `deploy --token=${value}`],
    ["space-separated config", `LicenseKey ${value}`],
    ["Dockerfile ENV", `ENV SERVICE_TOKEN ${value}`],
    ["query string", `fetch("https://api.acme.io/v1/items?api_key=${value}&page=2")`],
    ["compound lowercase name", `twitchaccesstoken = '${value}'`],
    ["numbered name", `api_key_2 = "${value}"`],
  ];

  it.each(forms)("%s", (_form, line) => {
    expect(rulesOn(`${line}\n`)).toEqual(["generic-secret"]);
  });
});

describe("generic secret rule: values", () => {
  it("accepts hex, base64 and mixed alphanumeric values under a secret name", () => {
    expect(rulesOn(`client_secret: "${r.chars(HEX, 32)}"`)).toEqual(["generic-secret"]);
    expect(rulesOn(`token = "${r.chars(ALNUM + "+/", 43)}="`)).toEqual(["generic-secret"]);
    expect(rulesOn(`api_key = "${r.chars(LOWER + DIGITS, 32)}"`)).toEqual(["generic-secret"]);
    expect(rulesOn(`api_key = "${r.chars(LOWER + UPPER, 40)}"`)).toEqual(["generic-secret"]);
  });

  it("accepts a UUID where the name says it is the credential (Heroku, Snyk keys are UUIDs)", () => {
    const uuid = `${r.chars(HEX, 8)}-${r.chars(HEX, 4)}-4${r.chars(HEX, 3)}-9${r.chars(HEX, 3)}-${r.chars(HEX, 12)}`;
    expect(rulesOn(`HEROKU_API_KEY=${uuid}`)).toEqual(["generic-secret"]);
    expect(rulesOn(`set SNYK_TOKEN=${uuid}`)).toEqual(["generic-secret"]);
    expect(rulesOn(`requestId = "${uuid}"`)).toEqual([]);
  });

  it("decodes base64 user:password pairs in auth fields (Docker config, .npmrc, Basic auth)", () => {
    const pair = Buffer.from(`deploy:${r.chars(ALNUM, 12)}`).toString("base64");
    expect(rulesOn(`{"auths":{"registry.example.com":{"auth":"${pair}"}}}`)).toEqual(["basic-auth-credentials"]);
    expect(rulesOn(`_auth=${pair}`)).toEqual(["basic-auth-credentials"]);
    expect(rulesOn(`curl -H "Authorization: Basic ${pair}" https://api.example.com`)).toEqual([
      "basic-auth-credentials",
    ]);
    const placeholder = Buffer.from("user:password").toString("base64");
    expect(rulesOn(`_auth=${placeholder}`)).toEqual([]);
  });

  it("reports a real password stored base64-encoded, as Kubernetes Secret manifests do", () => {
    const encoded = Buffer.from(`${r.chars(UPPER, 2)}${r.chars(LOWER, 6)}${r.chars(DIGITS, 3)}#`).toString("base64");
    expect(rulesOn(`  password: ${encoded}`)).toEqual(["generic-password"]);
  });

  it("recognises the provider behind a generic name when the shape says so", () => {
    expect(rulesOn(`AWS_SECRET_ACCESS_KEY=${r.chars(ALNUM + "+/", 40)}`)).toEqual(["aws-secret-access-key"]);
    expect(rulesOn(`TWILIO_AUTH_TOKEN=${r.chars(HEX, 32)}`)).toEqual(["twilio-auth-token"]);
  });

  it("rejects low-entropy, short, word-like and non-token values", () => {
    const rejected = [
      'api_key = "0123456789"',
      'token = "short1"',
      'secret = "correcthorsebatterystaple"',
      'api_key = "SalesResults-1.2.3-final"',
      'token = "DOC_Vector_5_32"',
      'secret_key = "2xN7puShxzNf5fZleQthTg305l95D3gSD%c^"',
      'api_key = "a value with spaces in it"',
      "token = computeToken(user, 3600)",
      "authToken: response.data.token",
      "password: self.password",
    ];
    for (const line of rejected) expect(rulesOn(line), line).toEqual([]);
  });

  it("ignores names that are about keys and tokens but do not hold one", () => {
    const value = r.chars(ALNUM, 32);
    const names = [
      "token_type",
      "key_id",
      "secret_name",
      "api_key_url",
      "token_expires_in",
      "keyboard",
      "monkey",
      "tokenizer",
      "author",
      "passport",
      "sort_key",
      "next_page_token",
      "idempotency_key",
      "publicKey",
      "secrets",
      "max_tokens",
    ];
    for (const name of names) expect(rulesOn(`${name} = "${value}"`), name).toEqual([]);
  });

  it("accepts human-typed passwords under password names only", () => {
    const password = `${r.chars(UPPER, 3)}${r.chars(LOWER, 5)}${r.chars(DIGITS, 3)}!`;
    expect(rulesOn(`DB_PASSWORD = "${password}"`)).toEqual(["generic-password"]);
    expect(rulesOn(`spring.datasource.password=${password}`)).toEqual(["generic-password"]);
    expect(rulesOn(`  <password>${password}</password>`)).toEqual(["generic-password"]);
    expect(rulesOn(`label = "${password}"`)).toEqual([]);
    expect(rulesOn('password = "Password123!"')).toEqual([]);
    expect(rulesOn('password = "hunter2"')).toEqual([]);
  });
});

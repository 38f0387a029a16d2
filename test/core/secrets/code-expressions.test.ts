import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { scanText } from "../../../src/core/secrets/index.js";
import { isWordedIdentifier, isWordPhrase } from "../../../src/core/secrets/is-code-expression.js";
import { ALNUM, BASE64, RandomTokens } from "../../helpers/random-tokens.js";

const r = new RandomTokens(1616);

function rulesOn(text: string, file = "src/module.ts"): string[] {
  return scanText(text, file).map((finding) => finding.rule);
}

/** Lines of real third-party code (node_modules) that an assignment scanner misreads. */
describe("a value that is code is not a secret", () => {
  const shapes: Array<[string, string]> = [
    [
      "chained member assignment",
      "exports.rejectUnsupportedCredentials = exports.CREDENTIAL_OPTIONS = exports.isArray = void 0;",
    ],
    ["member chain", "Vaults.Credentials = credentials_1.Credentials;"],
    ["ternary with literals", "current[key] = nextKeyIsArrayIndex ? [] : {};"],
    ["logical expression", "indentToken = lastTriviaWasNewLine && tokenStart.line !== prevEndLine;"],
    ["computed key and a type", "    [pdfKey]: PDFGenerationArtifact"],
    ["property type with arguments", "    key: SyncParseReturnType<any>;"],
    ["mapped type", "    [K in KEY]: ExtendedJSONSchema<EXTENSION>;"],
    [
      "parameter type",
      "export declare function pbkdf2(password: Uint8Array, salt: Uint8Array, dkLen: number): Uint8Array;",
    ],
    ["call", "const apiToken = createAccessToken(credentials, scopes);"],
    ["phrase placeholder in a doc comment", ' * const key = "base64-encoded-public-key";'],
    [
      "percent-encoded phrase in a query",
      "t.equal(reparsed.query, 'key=value%23still-query', 'hash remains query data')",
    ],
    // already a reference before these rules: kept as a guard
    ["template literal with interpolation", "const password = `${user.name}:${user.passwordSalt}`;"],
  ];
  it.each(shapes)("%s", (_, line) => {
    expect(rulesOn(line)).toEqual([]);
    expect(rulesOn(line, "lib/index.js")).toEqual([]);
  });

  it("a public key is not a secret", () => {
    expect(rulesOn(`const pubkey256 = '${r.chars(BASE64, 43)}=';`)).toEqual([]);
  });
});

describe("literals in the same places are still found", () => {
  const token = r.chars(ALNUM, 32);
  const cases: Array<[string, string, string]> = [
    ["quoted literal in code", `const apiToken = "${token}";`, "src/client.ts"],
    ["object property", `  credentials: { accessToken: '${token}' },`, "src/client.ts"],
    [".env value", `API_TOKEN=${token}`, ".env"],
    ["shell command line", `API_TOKEN=${token} && npm publish`, "scripts/release.sh"],
    ["YAML value", `  secret_key: ${token}`, "config.yml"],
    ["template literal without interpolation", `const token = \`${token}\`;`, "src/client.ts"],
  ];
  it.each(cases)("%s", (_, line, file) => {
    expect(rulesOn(line, file)).toHaveLength(1);
  });
  it("a password that happens to be spelt in words, in a .env file", () => {
    const password = ["Correct", "Horse", "42"].join("");
    expect(rulesOn(`DB_PASSWORD=${password}`, ".env")).toEqual(["generic-password"]);
  });
});

describe("shape tests", () => {
  it("tells worded identifiers from random tokens", () => {
    for (const word of ["lastTriviaWasNewLine", "PDFGenerationArtifact", "Uint8Array", "nextKeyIsArrayIndex"]) {
      expect(isWordedIdentifier(word)).toBe(true);
    }
    for (let i = 0; i < 200; i++) expect(isWordedIdentifier(r.chars(ALNUM, 24))).toBe(false);
  });
  it("tells phrases from random tokens", () => {
    expect(isWordPhrase("base64-encoded-public-key")).toBe(true);
    for (let i = 0; i < 200; i++)
      expect(isWordPhrase(`${r.chars(ALNUM, 8)}-${r.chars(ALNUM, 8)}-${r.chars(ALNUM, 8)}`)).toBe(false);
  });
});

describe("public keys in base64 DER are not secrets", () => {
  const der = (type: "ec" | "rsa" | "ed25519", which: "public" | "private"): string => {
    const pair =
      type === "ec"
        ? generateKeyPairSync("ec", { namedCurve: "P-256" })
        : type === "rsa"
          ? generateKeyPairSync("rsa", { modulusLength: 1024 })
          : generateKeyPairSync("ed25519");
    return which === "public"
      ? pair.publicKey.export({ type: "spki", format: "der" }).toString("base64")
      : pair.privateKey.export({ type: "pkcs8", format: "der" }).toString("base64");
  };
  it.each(["ec", "rsa"] as const)("an %s SubjectPublicKeyInfo assigned to `key`", (type) => {
    expect(rulesOn(`  key: "${der(type, "public")}",`, "dist/lib/keys.cjs")).toEqual([]);
  });
  it("a PKCS#8 private key in the same place is still found", () => {
    expect(rulesOn(`  key: "${der("ec", "private")}",`, "dist/lib/keys.cjs")).toHaveLength(1);
  });
});

describe("names in strings are not secrets", () => {
  it.each([
    ["a dotted type name in a Python annotation", 'key: typing.Union["rsa.RSAPrivateKey", "rsa.RSAPublicKey"],'],
    [
      "an entry of a list of names",
      "    'gss_krb5_lucid_context_version', 'gss_krb5_lucid_key', 'gss_krb5_rfc1964_keydata', 'gss_name_t', 'gss_OID',",
    ],
    ["a C table of names and functions", '    {"spwd", PyInit_spwd},'],
  ])("%s", (_, line) => {
    expect(rulesOn(line, "lib/module.py")).toEqual([]);
  });

  it("a name and a literal value as two arguments is still a credential", () => {
    const token = r.chars(ALNUM, 32);
    expect(rulesOn(`req.Header.Set("x-service-api-key", "${token}")`, "client.go")).toEqual(["generic-secret"]);
    expect(rulesOn(`headers = [("X-Api-Key", "${token}"), ("Accept", "json")]`, "client.py")).toEqual([
      "generic-secret",
    ]);
    expect(rulesOn(`store.put("service_token", "${token}", "expires in 1h")`, "client.py")).toEqual(["generic-secret"]);
  });

  it("random tokens with a dot are not taken for dotted names", () => {
    for (let i = 0; i < 500; i++) {
      const token = `${r.chars(ALNUM, 8 + (i % 16))}.${r.chars(ALNUM, 8 + (i % 16))}`;
      expect(rulesOn(`const secret = "${token}";`, "src/a.ts")).not.toEqual([]);
    }
  });
});

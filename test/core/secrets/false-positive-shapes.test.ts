/**
 * Shapes that scanners' own test suites (trufflehog's negative cases, gitleaks' false-positive
 * lists) and real third-party code hold and that are not leaks, each beside the real credential
 * in the same place, which must still be found. Every token is drawn at run time.
 */
import { describe, expect, it } from "vitest";
import { scanText } from "../../../src/core/secrets/index.js";
import { isHandEdited } from "../../../src/core/secrets/looks-random.js";
import { ALNUM, BASE64, BASE64URL, DIGITS, HEX, LOWER, RandomTokens, UPPER } from "../../helpers/random-tokens.js";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

const r = new RandomTokens(4_016);

function rulesOn(text: string, file = "src/client.go"): string[] {
  return scanText(text, file).map((finding) => finding.rule);
}

/** `value` with the character at the first letter position at or after `from` changed by `edit` */
function editLetter(value: string, from: number, edit: (ch: string) => string): string {
  for (let i = from; i < value.length; i++) {
    if (/[A-Za-z]/.test(value[i]!)) return value.slice(0, i) + edit(value[i]!) + value.slice(i + 1);
  }
  throw new Error(`no letter after ${from} in the test token`);
}

describe("a hand-edited token (one alphabet with a stray character) is an example", () => {
  const lowerToken = r.chars(LOWER + DIGITS, 32);
  const upperToken = r.chars(UPPER + DIGITS, 32);
  const hexToken = r.chars(HEX, 32);

  it("a lone capital in a lower-case token is not reported; the token itself is", () => {
    const edited = editLetter(lowerToken, 10, (ch) => ch.toUpperCase());
    expect(rulesOn(`[DEBUG] Using Key=${edited}`, "app.log")).toEqual([]);
    expect(rulesOn(`[DEBUG] Using Key=${lowerToken}`, "app.log")).toEqual(["generic-secret"]);
  });

  it("two capitals in a lower-case token are not reported", () => {
    const edited = editLetter(
      editLetter(lowerToken, 4, (ch) => ch.toUpperCase()),
      20,
      (ch) => ch.toUpperCase(),
    );
    expect(rulesOn(`azure_key: ${edited}`, "config.yml")).toEqual([]);
  });

  it("a lone small letter in an upper-case token is not reported; the token itself is", () => {
    const edited = editLetter(upperToken, 8, (ch) => ch.toLowerCase());
    expect(rulesOn(`API_KEY=${edited}`, ".env")).toEqual([]);
    expect(rulesOn(`API_KEY=${upperToken}`, ".env")).toEqual(["generic-secret"]);
  });

  it("a non-hex letter in a hex secret is not reported; the hex secret is", () => {
    // most such values already fail the entropy floor of a wider alphabet: try many
    for (let i = 0; i < 100; i++) {
      const hex = i === 0 ? hexToken : r.chars(HEX, 32);
      const edited = `${hex.slice(0, 13)}q${hex.slice(14)}`;
      expect(rulesOn(`client_secret = "${edited}"`, "settings.py")).toEqual([]);
    }
    expect(rulesOn(`client_secret = "${hexToken}"`, "settings.py")).toEqual(["generic-secret"]);
  });

  it("a readable prefix before the body is not counted as stray letters", () => {
    const prefixed = `sk_${upperToken}`;
    expect(isHandEdited(prefixed)).toBe(false);
    expect(rulesOn(`SERVICE_TOKEN=${prefixed}`, ".env")).toEqual(["generic-secret"]);
  });

  it("a password with a capital or two is still a password", () => {
    const password = `Winter${r.chars(LOWER + DIGITS, 10)}`;
    expect(rulesOn(`DB_PASSWORD=${password}`, ".env")).toEqual(["generic-password"]);
  });

  it("random mixed-case tokens are practically never taken for hand-edited ones", () => {
    let edited = 0;
    for (let i = 0; i < 2000; i++) if (isHandEdited(r.chars(ALNUM, 24 + (i % 40)))) edited++;
    expect(edited).toBeLessThanOrEqual(2);
  });
});

describe("a parameter of a URL on a documentation host is an example", () => {
  const key = r.chars(ALNUM, 32);

  it.each([
    ["example.com", `req, _ := http.NewRequest("GET", "https://api.example.com/v1/blogs?key=${key}", nil)`],
    ["example.org", `const input = "https://example.org/path?api_key=${key}";`],
    ["a .test host", `curl "https://service.test/items?token=${key}"`],
  ])("on %s it is not reported", (_host, line) => {
    expect(rulesOn(line)).toEqual([]);
  });

  it("on a real host it is", () => {
    expect(rulesOn(`req, _ := http.NewRequest("GET", "https://api.acme.io/v1/blogs?key=${key}", nil)`)).toEqual([
      "generic-secret",
    ]);
  });

  it("a key assigned on the same line as an unrelated example URL is still found", () => {
    expect(rulesOn(`docs := "https://example.com/help"; apiKey := "${key}"`)).toEqual(["generic-secret"]);
  });
});

describe("a Google API key alone on its line is a list entry", () => {
  const googleKey = () => `${"AI"}za${r.chars(BASE64URL, 35)}`;

  it("a bare key is not reported", () => {
    expect(rulesOn(`${googleKey()}\n  ${googleKey()}\n`, "keys.txt")).toEqual([]);
  });

  it.each([
    ["an assignment", (key: string) => `const mapsKey = "${key}";`],
    ["an HTML attribute", (key: string) => `<meta name="maps-key" content="${key}">`],
    ["a URL parameter", (key: string) => `https://maps.googleapis.com/maps/api/js?key=${key}`],
    ["a JSON value", (key: string) => `  "current_key": "${key}"`],
  ])("a key in %s is reported", (_where, line) => {
    expect(rulesOn(line(googleKey()), "index.html")).toEqual(["google-api-key"]);
  });
});

describe("SpectralOps tokens follow their format", () => {
  it("spu- with 32 lower-case hex is a token", () => {
    expect(rulesOn(`[DEBUG] Using token ${"sp"}u-${r.chars(HEX, 32)}`, "scan.log")).toEqual(["developer-tool-token"]);
  });

  it("an upper-cased one is not the format, and not a generic secret either", () => {
    expect(rulesOn(`token=${"sp"}u-${r.chars(HEX, 32).toUpperCase()}`, "scan.log")).toEqual([]);
  });
});

describe("an access key ID in an expired presigned URL signs nothing any more", () => {
  const keyId = () => `${"AK"}IA${r.chars(BASE32, 16)}`;
  const amzDate = (at: Date) =>
    at
      .toISOString()
      .replace(/[-:]/g, "")
      .replace(/\.\d{3}/, "");
  const presigned = (key: string, signedAt: Date, expires: number) =>
    `"url": "https://bucket.s3.amazonaws.com/f?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${key}%2F20190509%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=${amzDate(signedAt)}&X-Amz-Expires=${expires}&X-Amz-Signature=${r.chars(HEX, 64)}&X-Amz-SignedHeaders=host"`;

  it("a URL that expired years ago is not reported", () => {
    expect(rulesOn(presigned(keyId(), new Date(Date.UTC(2019, 4, 9, 23, 28, 30)), 300), "api.json")).toEqual([]);
  });

  it("a URL still valid is reported", () => {
    expect(rulesOn(presigned(keyId(), new Date(), 604_800), "api.json")).toEqual(["aws-access-key-id"]);
  });

  it("the same key ID outside a presigned URL is reported", () => {
    expect(rulesOn(`aws_access_key_id = ${keyId()}`, "credentials")).toEqual(["aws-access-key-id"]);
  });
});

describe("a Basic credential whose password is filler is documentation", () => {
  const basic = (pair: string) => `    "authorization": "basic ${Buffer.from(pair).toString("base64")}"`;

  it("a counted-out password is not reported", () => {
    const counted = "1234567890abcdef".repeat(3).slice(0, 40);
    expect(rulesOn(basic(`lv1.1234567890abcdef:${counted}`), "README.md")).toEqual([]);
  });

  it("a random password is", () => {
    expect(rulesOn(basic(`lv1.${r.chars(HEX, 16)}:${r.chars(HEX, 40)}`), "README.md")).toEqual([
      "basic-auth-credentials",
    ]);
  });
});

describe("credentials that documentation publishes as examples", () => {
  // the OAuth RFCs' examples, in pieces: the repository holds no credential-shaped literal
  const rfc6749AccessToken = ["2Yotn", "FZFEjr1z", "CsicMWpAA"].join("");
  const rfc6749Basic = ["czZCaGRSa3F0", "MzpnWDFmQmF0", "M2JW"].join("");
  const rfc5849ClientKey = ["0685bd91", "84jfhq22"].join("");

  it.each([
    ["an RFC 6749 access token in a JSON response", `    "access_token":"${rfc6749AccessToken}",`],
    ["RFC 6749 client credentials in a Basic header", `    Authorization: Basic ${rfc6749Basic}`],
    ["an RFC 5849 client key in an OAuth header", `    oauth_consumer_key="${rfc5849ClientKey}",`],
  ])("%s is not reported", (_, line) => {
    expect(rulesOn(line, "oauth/parameters.py")).toEqual([]);
  });

  it("another token in the same place is", () => {
    expect(rulesOn(`    "access_token":"${r.chars(ALNUM, 22)}",`, "oauth/parameters.py")).toEqual(["generic-secret"]);
  });
});

describe("an Azure SAS whose signed fields Azure cannot parse grants nothing", () => {
  const signature = () => `${r.chars(BASE64, 43)}%3D`;
  const sas = (fields: string) =>
    `AZURE_BLOB_SAS_TOKEN=${fields}&st=2025-03-10T06:58:25Z&se=2025-03-10T14:58:25Z&sv=2022-11-02&sr=c&sig=${signature()}`;

  it.each([
    ["a permission letter Azure does not have", "sp=rqx&spr=https"],
    ["an IP address cut short", "sp=rcwl&sip=168.1.6&spr=https"],
    ["an unknown protocol", "sp=r&spr=ftp"],
  ])("%s is not reported", (_, fields) => {
    expect(rulesOn(sas(fields), ".env")).toEqual([]);
  });

  it.each([
    ["read only", "sp=r&spr=https"],
    [
      "every blob permission, an IP range, both protocols",
      "sp=racwdxyltfmeopi&sip=168.1.6.50-168.1.6.80&spr=https,http",
    ],
    ["no optional field at all", "sp=rl"],
  ])("a well-formed one (%s) is", (_, fields) => {
    expect(rulesOn(sas(fields), ".env")).toEqual(["azure-sas-token"]);
  });

  it("the fields are read wherever they sit in a URL, after the signature too", () => {
    const url = `https://acct.blob.core.windows.net/c?sv=2023-01-03&sr=c&sig=${signature()}&sp=rqz`;
    expect(rulesOn(url, "notes.md")).toEqual([]);
    const good = `https://acct.blob.core.windows.net/c?sv=2023-01-03&sr=c&sig=${signature()}&sp=rw`;
    expect(rulesOn(good, "notes.md")).toEqual(["azure-sas-token"]);
  });
});

describe("a GitLab personal access token's body is base64url, never hex", () => {
  it("glpat- before 64 hex (an OAuth secret relabelled) is not reported", () => {
    expect(rulesOn(`client_secret: ${"gl"}pat-${r.chars(HEX, 64)}`, "config.yml")).toEqual([]);
  });

  it("a glpat- token, and the OAuth secret under its own prefix, are", () => {
    expect(rulesOn(`client_secret: ${"gl"}pat-${r.chars(BASE64URL, 20)}`, "config.yml")).toEqual(["gitlab-token"]);
    expect(rulesOn(`client_secret: ${"gl"}oas-${r.chars(HEX, 64)}`, "config.yml")).toEqual(["gitlab-token"]);
  });
});

describe("a hex digest with a `+` spliced in is an edited example", () => {
  const hex = r.chars(HEX, 64);
  const spliced = `${hex.slice(0, 41)}+${hex.slice(42)}`;

  it("is not reported, and is judged hand-edited", () => {
    expect(rulesOn(`beSnappyToken := ${spliced}`, "main.go")).toEqual([]);
    expect(isHandEdited(spliced)).toBe(true);
  });

  it("the digest itself is reported, and so is base64 holding a `+`", () => {
    expect(rulesOn(`beSnappyToken := ${hex}`, "main.go")).toEqual(["generic-secret"]);
    let base64 = r.chars(BASE64, 40);
    while (!base64.includes("+")) base64 = r.chars(BASE64, 40);
    expect(isHandEdited(base64)).toBe(false);
    expect(rulesOn(`beSnappyToken := ${base64}`, "main.go")).toEqual(["generic-secret"]);
  });
});

describe("Apify and Alchemy tokens follow their formats", () => {
  const apify = () => `${"apify"}_api_${r.chars(ALNUM, 36)}`;
  const alchemy = () => `${"alc"}ht_${r.chars(ALNUM, 30)}`;

  it("a token of either format is reported, even without a name saying key", () => {
    expect(rulesOn(`[DEBUG] Using Key=${apify()}`, "app.log")).toEqual(["developer-tool-token"]);
    expect(rulesOn(`client = ApifyClient("${apify()}")`, "scrape.py")).toEqual(["developer-tool-token"]);
    expect(rulesOn(`[DEBUG] Using Key=${alchemy()}`, "app.log")).toEqual(["developer-tool-token"]);
    expect(rulesOn(`rpc: https://eth-mainnet.g.alchemy.com/v2/${alchemy()}`, "hardhat.yml")).toEqual([
      "developer-tool-token",
    ]);
  });

  it("one padded by a character is neither the format nor a generic secret", () => {
    const token = apify();
    expect(rulesOn(`[DEBUG] Using Key=${token.slice(0, 23)}_${token.slice(23)}`, "app.log")).toEqual([]);
    const other = alchemy();
    expect(rulesOn(`[DEBUG] Using Key=${other.slice(0, 6)}a${other.slice(6)}`, "app.log")).toEqual([]);
  });
});

describe("base64 padded to a length no encoder pads to was typed", () => {
  const key = () => Buffer.from(Array.from({ length: 64 }, () => Math.floor(r.next() * 256))).toString("base64");

  it("a 64-byte key (88 characters, `==`) is reported", () => {
    expect(rulesOn(`AZURE_MANAGEMENT_API_KEY=${key()}`, ".env")).toEqual(["generic-secret"]);
  });

  it("the same with two characters cut before its padding is not", () => {
    const cut = key().slice(0, 84) + "==";
    expect(rulesOn(`AZURE_MANAGEMENT_API_KEY=${cut}`, ".env")).toEqual([]);
  });

  it("unpadded base64 of any length still is", () => {
    const unpadded = key().slice(0, 83);
    expect(rulesOn(`AZURE_MANAGEMENT_API_KEY=${unpadded}`, ".env")).toEqual(["generic-secret"]);
  });
});

describe("Rootly API keys follow their format", () => {
  it("rootly_ with 64 hex is reported without a name saying key", () => {
    expect(rulesOn(`  ${"root"}ly_${r.chars(HEX, 64)}`, "notes.txt")).toEqual(["developer-tool-token"]);
  });

  it("one with a character outside hex is neither the format nor a generic secret", () => {
    const token = `${"root"}ly_${r.chars(HEX, 63)}z`;
    expect(rulesOn(`ROOTLY_API_TOKEN=${token}`, ".env")).toEqual([]);
  });
});

describe("an Airtable personal access token follows its format", () => {
  const pat = () => `${"pa"}t${r.chars(ALNUM, 14)}.${r.chars(HEX, 64)}`;

  it("a token of the format is reported", () => {
    expect(rulesOn(`AIRTABLE_KEY = "${pat()}"`, "settings.py")).toEqual(["generic-secret"]);
  });

  it.each([
    ["a character too many before the dot", (token: string) => token.replace(".", "x.")],
    ["a `-` in its hex", (token: string) => `${token.slice(0, 50)}-${token.slice(51)}`],
  ])("one with %s is not", (_, edit) => {
    expect(rulesOn(`AIRTABLE_KEY = "${edit(pat())}"`, "settings.py")).toEqual([]);
  });
});

describe("a generated credential has 16 characters or more", () => {
  it("a random-looking value of 12 to 15 characters under a secret name is not reported", () => {
    for (let length = 12; length <= 15; length++) {
      expect(rulesOn(`[DEBUG] Using KEY=${r.chars(LOWER + DIGITS, length)}`, "app.log")).toEqual([]);
      expect(rulesOn(`apiKey := "${r.chars(ALNUM, length)}"`)).toEqual([]);
    }
  });

  it("one of 16 characters is, in lower case and digits as in mixed case", () => {
    expect(rulesOn(`[DEBUG] Using KEY=${r.chars(LOWER + DIGITS, 16)}`, "app.log")).toEqual(["generic-secret"]);
    expect(rulesOn(`apiKey := "${r.chars(ALNUM, 16)}"`)).toEqual(["generic-secret"]);
  });

  it("a short password is still a password", () => {
    expect(rulesOn(`DB_PASSWORD=${r.chars(LOWER + DIGITS, 5)}Q!${r.chars(LOWER, 3)}`, ".env")).toEqual([
      "generic-password",
    ]);
  });
});

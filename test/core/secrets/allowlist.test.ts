import { describe, expect, it } from "vitest";
import { scanText } from "../../../src/core/secrets/index.js";
import { ALNUM, RandomTokens } from "../../helpers/random-tokens.js";

const r = new RandomTokens(99);
const githubToken = () => "gh" + "p_" + r.chars(ALNUM, 36);

describe("inline pragma", () => {
  it("never reports a line carrying autopilot:allow-secret, and still reports the next one", () => {
    const allowed = githubToken();
    const reported = githubToken();
    const text = [`const fixture = "${allowed}"; // autopilot:allow-secret`, `const real = "${reported}";`].join("\n");
    const findings = scanText(text, "test/fixture.ts");
    expect(findings).toHaveLength(1);
    expect(findings[0]!.line).toBe(2);
  });

  it("applies to a private key block through its BEGIN line", () => {
    const body = Array.from({ length: 6 }, () => r.chars(ALNUM, 64));
    const block = [
      `-----BEGIN ${"RSA PRIVATE"} KEY----- # autopilot:allow-secret`,
      ...body,
      `-----END ${"RSA PRIVATE"} KEY-----`,
    ].join("\n");
    expect(scanText(block, "test/key.pem")).toEqual([]);
  });
});

describe("allowlist", () => {
  const token = githubToken();
  const text = `GITHUB_TOKEN=${token}\n`;

  it("reads path globs like task scopes: `dir/` covers everything below, a bare name any depth", () => {
    expect(scanText(text, "test/fixtures/deep/app.env", { allowlist: { paths: ["test/fixtures/"] } })).toEqual([]);
    expect(scanText(text, "pkg/a/sample.env", { allowlist: { paths: ["sample.env"] } })).toEqual([]);
    expect(scanText(text, "src/fixtures/app.env", { allowlist: { paths: ["fixtures/"] } })).toHaveLength(1);
  });

  it("skips files matching a path glob (dot files included)", () => {
    expect(scanText(text, "test/fixtures/app.env", { allowlist: { paths: ["test/fixtures/**"] } })).toEqual([]);
    expect(scanText(text, ".config/app.env", { allowlist: { paths: ["**/*.env"] } })).toEqual([]);
    expect(scanText(text, "src/app.env", { allowlist: { paths: ["test/**"] } })).toHaveLength(1);
  });

  it("drops findings whose secret or line matches an allowlisted regex", () => {
    expect(scanText(text, "a.env", { allowlist: { regexes: ["^ghp_"] } })).toEqual([]);
    expect(scanText(text, "a.env", { allowlist: { regexes: ["^GITHUB_TOKEN="] } })).toEqual([]);
    expect(scanText(text, "a.env", { allowlist: { regexes: ["^nomatch$"] } })).toHaveLength(1);
  });

  it("drops findings by exact fingerprint, only that value", () => {
    const [finding] = scanText(text, "a.env");
    const other = githubToken();
    const both = `${text}OTHER_TOKEN=${other}\n`;
    const remaining = scanText(both, "a.env", { allowlist: { fingerprints: [finding!.fingerprint] } });
    expect(remaining).toHaveLength(1);
    expect(remaining[0]!.line).toBe(2);
  });

  it("gives the same fingerprint to the same secret in any file or line", () => {
    const a = scanText(`x\n\nGITHUB_TOKEN=${token}`, "one.env")[0]!;
    const b = scanText(`token: "${token}"`, "two.yml")[0]!;
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(a.fingerprint).toMatch(/^sha256:[0-9a-f]{16}$/);
  });

  it("rejects an invalid allowlist regex with a message naming it", () => {
    expect(() => scanText(text, "a.env", { allowlist: { regexes: ["(unclosed"] } })).toThrow(
      /allowlist regex "\(unclosed" is invalid/,
    );
  });
});

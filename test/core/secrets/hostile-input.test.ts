import { describe, expect, it } from "vitest";
import { scanChange } from "../../../src/core/gates/scan-change.js";
import { redactSecrets, scanText } from "../../../src/core/secrets/index.js";
import { printableText } from "../../../src/core/secrets/printable-text.js";
import { fakeGithubToken } from "../../helpers/fake-credentials.js";

/** Inputs built to make the finders do more than linear work; each must finish with the right answer. */
describe("secret finders on hostile input", () => {
  it("headers on one line, then a long base64 line: completes and finds no key", () => {
    const text = `${"-----BEGIN RSA PRIVATE KEY----- ".repeat(20_000)}\n${"QUJD".repeat(100_000)}`;
    expect(scanText(text, "keys.txt")).toEqual([]);
    expect(redactSecrets(text).redactions).toBe(0);
  });

  it("a line of thousands of tokens: every one found, none visible in any preview", () => {
    // a random token now and then reads as a decoy (a word in it): the count is the tokens found alone
    const tokens = Array.from({ length: 3_000 }, () => fakeGithubToken()).filter(
      (token) => scanText(token, "one.js").length === 1,
    );
    expect(tokens.length).toBeGreaterThan(2_900);
    const findings = scanText(tokens.join(" "), "bundle.js");
    expect(findings).toHaveLength(tokens.length);
    const previews = findings.map((finding) => finding.preview).join("\n");
    for (const token of tokens) expect(previews).not.toContain(token);
    expect(redactSecrets(tokens.join(" ")).redactions).toBe(tokens.length);
  });

  it("keeps reading space-separated names at the start of a statement only", () => {
    const value = "Zq8vN2rT5wXk3mPb7LcY";
    expect(scanText(`    export API_TOKEN ${value}`, "env.sh")).toHaveLength(1);
    expect(scanText(`\tENV SECRET_KEY ${value}`, "Dockerfile")).toHaveLength(1);
    expect(scanText(`say the token ${value}`, "notes.txt")).toEqual([]);
    expect(scanText(`${" ".repeat(200_000)}${"key value ".repeat(20_000)}`, "spaces.txt")).toEqual([]);
  });

  it("reads the printable text of a binary file: NUL and control bytes split lines", () => {
    const token = fakeGithubToken();
    const bytes = Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(`token = "${token}"`), Buffer.from([0])]);
    const findings = scanText(printableText(bytes), "blob.bin");
    expect(findings).toEqual([expect.objectContaining({ file: "blob.bin", rule: "github-token" })]);
  });

  it("reads a binary file saved as UTF-16, where every other byte is NUL", () => {
    const token = fakeGithubToken();
    for (const bytes of [
      Buffer.from(`token = "${token}"\n`, "utf16le"),
      Buffer.from(`token = "${token}"\n`, "utf16le").swap16(),
    ]) {
      expect(scanText(printableText(bytes), "notes.txt")).toEqual([expect.objectContaining({ rule: "github-token" })]);
    }
  });

  it("scans commit messages and reports unread binary files", () => {
    const token = fakeGithubToken();
    const scan = scanChange(
      {
        patches: [
          { filename: "logo.png", status: "added", binary: true },
          { filename: "gone.png", status: "removed", binary: true },
        ],
      },
      {},
      [{ sha: "0123456789abcdef0123456789abcdef01234567", message: `Fix\n\nuse ${token}\n` }],
    );
    expect(scan.findings).toEqual([
      expect.objectContaining({
        file: "commit message 0123456",
        line: 3,
        commit: "0123456789abcdef0123456789abcdef01234567",
      }),
    ]);
    expect(scan.findings[0]?.preview).not.toContain(token);
    expect(scan.unscannedBinary).toEqual(["logo.png"]);
  });
});

import { describe, expect, it } from "vitest";
import { scanText } from "../../../src/core/secrets/index.js";
import { ALNUM, RandomTokens } from "../../helpers/random-tokens.js";

const r = new RandomTokens(11);

/** Plain code without any keyword, `length` characters long. */
function filler(length: number): string {
  const line = "const value = computeTotals(items, 42);\n";
  return line.repeat(Math.ceil(length / line.length)).slice(0, length);
}

describe("long texts", () => {
  it("finds a secret wherever it sits, including across the internal split points of the scan", () => {
    const size = 40_000;
    const base = filler(size);
    const quarter = Math.floor(size / 4);
    for (const boundary of [quarter, 2 * quarter, 3 * quarter]) {
      for (let shift = -12; shift <= 4; shift += 2) {
        const token = "gh" + "p_" + r.chars(ALNUM, 36);
        const insert = `\nT="${token}"\n`;
        const at = boundary + shift - 3;
        const text = base.slice(0, at) + insert + base.slice(at + insert.length);
        expect(text.length).toBe(size);
        const findings = scanText(text, "big.ts");
        expect(
          findings.map((finding) => finding.rule),
          `boundary ${boundary} shift ${shift}`,
        ).toEqual(["github-token"]);
        expect(findings[0]!.line).toBe(text.slice(0, text.indexOf(token)).split("\n").length);
      }
    }
  });

  it("reads a line that spans a split point with all its keywords", () => {
    const size = 40_000;
    const base = filler(size);
    const quarter = Math.floor(size / 4);
    for (let shift = -40; shift <= 0; shift += 4) {
      const id = "AK" + "IA" + r.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
      const insert = `\naws_access_key_id = ${id}\n`;
      const at = quarter + shift;
      const text = base.slice(0, at) + insert + base.slice(at + insert.length);
      expect(
        scanText(text, "big.ini").map((finding) => finding.rule),
        `shift ${shift}`,
      ).toEqual(["aws-access-key-id"]);
    }
  });

  it("handles non-ASCII text and very long lines", () => {
    const token = "gh" + "p_" + r.chars(ALNUM, 36);
    const text = `${"é€中".repeat(3000)} token="${token}" ${"x".repeat(50_000)}`;
    const findings = scanText(text, "min.js");
    expect(findings).toHaveLength(1);
    expect(findings[0]!.column).toBe(text.indexOf(token) + 1);
    expect(findings[0]!.preview.length).toBeLessThanOrEqual(120);
    expect(findings[0]!.preview).toContain("ghp_****");
  });

  it("stays linear on hostile input: one huge line full of keywords and an unclosed quote", () => {
    const hostile = `x = "${"token=keypass".repeat(100_000)}`;
    const blob = `data:image/png;base64,${r.chars(ALNUM + "+/", 3_000_000)}`;
    const started = performance.now();
    expect(scanText(hostile, "min.js")).toEqual([]);
    scanText(blob, "inline.css");
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it("is unaffected by characters outside ASCII that alias keyword letters", () => {
    // U+016B and U+0165 have the low bits of "k" and "e": they must not create or hide keywords
    const text = `\u016b\u0165y = "${r.chars(ALNUM, 32)}"\nkey = "${r.chars(ALNUM, 32)}"`;
    expect(scanText(text, "a.py").map((finding) => finding.line)).toEqual([2]);
  });
});

import { Buffer, isAscii } from "node:buffer";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateCorpus } from "../../../bench/corpus.js";
import { benchmarksDir } from "../../../bench/secrets-accuracy.js";
import { compileScanOptions } from "../../../src/core/secrets/compile-scan-options.js";
import { nonAsciiLines } from "../../../src/core/secrets/non-ascii-lines.js";
import { scanAsciiCompiled, scanTextCompiled, scanUtf8Compiled } from "../../../src/core/secrets/scan-text.js";
import { mulberry32 } from "../../helpers/random-tokens.js";

const compiled = compileScanOptions(undefined);

/** What `autopilot scan` reports for a file's bytes, by the byte-level paths. */
function scanBytes(bytes: Buffer, file: string) {
  return isAscii(bytes) ? scanAsciiCompiled(bytes, file, compiled) : scanUtf8Compiled(bytes, file, compiled);
}

/** What the string path reports for the same file, decoded as the CLI decoded it before. */
function scanDecoded(bytes: Buffer, file: string) {
  return scanTextCompiled(bytes.toString(isAscii(bytes) ? "latin1" : "utf8"), file, compiled);
}

/**
 * Characters that are not ASCII, among them ones whose low byte is a keyword's letter or a line
 * break (U+016B reads as `k`, U+010A as `\n` to the keyword automaton), astral ones and a BOM.
 */
const FOREIGN = ["é", "—", "ū", "\u016b", "\u0165", "\u010a", "\u0145", "𝒳", "\ufeff", "ｋ", "\u00a0"];

/** The text with non-ASCII characters put in at random places: inside names, values, keywords, lines of their own. */
function sprinkle(text: string, random: () => number, count: number): string {
  let out = text;
  for (let i = 0; i < count; i++) {
    const at = Math.floor(random() * (out.length + 1));
    const ch = FOREIGN[Math.floor(random() * FOREIGN.length)]!;
    // replacing a letter by its look-alike (`k` → U+016B) puts an aliased keyword where a real one was
    const replace = random() < 0.5 && /[a-z]/.test(out[at] ?? "");
    out =
      out.slice(0, at) +
      (replace ? String.fromCharCode(0x100 + out.charCodeAt(at)) : ch) +
      out.slice(at + (replace ? 1 : 0));
  }
  return out;
}

function externalTexts(): string[] {
  const dir = benchmarksDir();
  const texts: string[] = [];
  const devFiles = path.join(dir, "secrets-dev", "files");
  if (existsSync(devFiles))
    for (const file of readdirSync(devFiles).sort()) texts.push(readFileSync(path.join(devFiles, file), "utf8"));
  const cases = path.join(dir, "secrets-external", "cases.json");
  if (existsSync(cases))
    for (const c of JSON.parse(readFileSync(cases, "utf8")) as { input: string }[]) texts.push(c.input);
  return texts;
}

describe("scanning bytes without decoding them", () => {
  const corpus = generateCorpus({ targetBytes: 3_000_000, seed: 7 });
  const texts = [...corpus.files.map((file) => file.text), ...externalTexts()];

  it("finds in ASCII and UTF-8 bytes exactly what the scan of the decoded text finds (corpora as they are)", () => {
    let findings = 0;
    texts.forEach((text, index) => {
      const bytes = Buffer.from(text, "utf8");
      const expected = scanDecoded(bytes, `f${index}.ts`);
      expect(scanBytes(bytes, `f${index}.ts`), `file ${index}`).toEqual(expected);
      findings += expected.length;
    });
    expect(findings).toBeGreaterThan(100);
  });

  it("finds the same with non-ASCII characters sprinkled in, look-alikes of keyword letters included", () => {
    const random = mulberry32(99);
    let findings = 0;
    texts.forEach((text, index) => {
      for (const count of [1, 3, 20]) {
        const bytes = Buffer.from(sprinkle(text, random, count), "utf8");
        const expected = scanDecoded(bytes, `f${index}.ts`);
        expect(scanBytes(bytes, `f${index}.ts`), `file ${index}, ${count} characters`).toEqual(expected);
        findings += expected.length;
      }
    });
    expect(findings).toBeGreaterThan(100);
  });

  it("finds the same in invalid UTF-8 (stray continuation bytes, truncated sequences before a line break)", () => {
    const random = mulberry32(5);
    texts.slice(0, 400).forEach((text, index) => {
      const good = Buffer.from(text, "utf8");
      const parts: Buffer[] = [];
      let from = 0;
      for (let i = 0; i < 4; i++) {
        const at = from + Math.floor(random() * (good.length - from + 1));
        parts.push(good.subarray(from, at), Buffer.from([[0x80], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xc3]][i]!));
        from = at;
      }
      parts.push(good.subarray(from));
      const bytes = Buffer.concat(parts);
      expect(scanBytes(bytes, "f.ts"), `file ${index}`).toEqual(scanDecoded(bytes, "f.ts"));
    });
  });
});

describe("nonAsciiLines", () => {
  /** The same, one byte at a time. */
  function naive(bytes: Buffer): number[] {
    const ranges: number[] = [];
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i < bytes.length && bytes[i] !== 10) continue;
      if (!isAscii(bytes.subarray(start, i))) {
        if (ranges.length > 0 && ranges[ranges.length - 1]! + 1 >= start) ranges[ranges.length - 1] = i;
        else ranges.push(start, i);
      }
      start = i + 1;
    }
    return ranges;
  }

  it("finds every line holding a non-ASCII byte, whatever the buffer's alignment", () => {
    const random = mulberry32(3);
    const backing = Buffer.alloc(5000);
    for (let round = 0; round < 400; round++) {
      const offset = Math.floor(random() * 8);
      const length = Math.floor(random() * 600);
      const bytes = backing.subarray(offset, offset + length);
      const density = random() * 0.05;
      for (let i = 0; i < length; i++) {
        const roll = random();
        bytes[i] =
          roll < 0.08 ? 10 : roll < 0.08 + density ? 0x80 + Math.floor(random() * 128) : 32 + Math.floor(random() * 95);
      }
      expect(nonAsciiLines(bytes), `round ${round}`).toEqual(naive(bytes));
    }
  });
});

import { Buffer, isAscii } from "node:buffer";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateCorpus } from "../../../bench/corpus.js";
import { benchmarksDir } from "../../../bench/secrets-accuracy.js";
import { compileScanOptions } from "../../../src/core/secrets/compile-scan-options.js";
import { scanAsciiCompiled, scanTextCompiled, scanUtf8Compiled } from "../../../src/core/secrets/scan-text.js";
import { mulberry32 } from "../../helpers/random-tokens.js";

const compiled = compileScanOptions(undefined);
const noPragma = compileScanOptions({ honourPragma: false });

/** Pieces that move keywords, line breaks, values and key blocks around when put in at random places. */
const NOISE = [
  "\n",
  "\r\n",
  "\t",
  " = ",
  ": ",
  '"',
  "'",
  "`",
  "key",
  "Token",
  "-----BEGIN",
  "://",
  "@",
  "\\n",
  "//",
  " # autopilot:allow-secret ",
];

/** The text with ASCII noise put in at random places: inside names, values, keywords, key blocks. */
function stir(text: string, random: () => number, count: number): string {
  let out = text;
  for (let i = 0; i < count; i++) {
    const at = Math.floor(random() * (out.length + 1));
    out = out.slice(0, at) + NOISE[Math.floor(random() * NOISE.length)]! + out.slice(at);
  }
  return out;
}

/**
 * Characters that are not ASCII, among them ones whose low byte is a keyword's letter or a line
 * break (U+016B reads as `k`, U+010A as `\n` to the keyword automaton), astral ones and a BOM.
 */
const FOREIGN = ["é", "—", "\u016b", "\u0165", "\u010a", "\u0145", "𝒳", "\ufeff", "ｋ", "\u00a0", "\u2028"];

/** The text with non-ASCII characters put in at random places; half replace a letter by its look-alike. */
function sprinkle(text: string, random: () => number, count: number): string {
  let out = text;
  for (let i = 0; i < count; i++) {
    const at = Math.floor(random() * (out.length + 1));
    // a letter replaced by its look-alike (`k` → U+016B) puts an aliased keyword where a real one was
    const letter = random() < 0.5 && /[a-z]/.test(out[at] ?? "");
    const ch = letter
      ? String.fromCharCode(0x100 + out.charCodeAt(at))
      : FOREIGN[Math.floor(random() * FOREIGN.length)]!;
    out = out.slice(0, at) + ch + out.slice(at + (letter ? 1 : 0));
  }
  return out;
}

/** The UTF-8 bytes' findings by the byte path and by the string path, side by side; how many there were. */
function compareUtf8(bytes: Buffer, label: string): number {
  const expected = scanTextCompiled(bytes.toString("utf8"), "f.ts", compiled);
  expect(scanUtf8Compiled(bytes, "f.ts", compiled), label).toEqual(expected);
  return expected.length;
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

/** Each ASCII text's findings by the byte path and by the string path, side by side; how many there were. */
function compareAll(texts: readonly string[]): number {
  let findings = 0;
  texts.forEach((text, index) => {
    const bytes = Buffer.from(text, "latin1");
    if (!isAscii(bytes)) return;
    for (const options of [compiled, noPragma]) {
      const expected = scanTextCompiled(text, `f${index}.ts`, options);
      expect(scanAsciiCompiled(bytes, `f${index}.ts`, options), `file ${index}`).toEqual(expected);
      findings += expected.length;
    }
  });
  return findings;
}

describe("scanning ASCII bytes without decoding the text", () => {
  const corpus = generateCorpus({ targetBytes: 3_000_000, seed: 7 });
  const external = externalTexts();
  const texts = [...corpus.files.map((file) => file.text), ...external];
  // how many findings make each comparison mean something: the shared benchmarks (secrets-dev, the
  // external cases) are not in every checkout, the generated corpus always is
  const least = (withBenchmarks: number, corpusAlone: number) => (external.length > 0 ? withBenchmarks : corpusAlone);

  it("finds exactly what the scan of the decoded text finds (generated corpus, secrets-dev, external cases)", () => {
    expect(compareAll(texts)).toBeGreaterThan(least(200, 20));
  });

  it("finds the same with line breaks, quotes, operators, keywords and key headers stirred in", () => {
    const random = mulberry32(99);
    const stirred = texts.flatMap((text) => [1, 4, 30].map((count) => stir(text, random, count)));
    expect(compareAll(stirred)).toBeGreaterThan(least(200, 60));
  });

  it("finds in UTF-8 bytes what the scan of the decoded text finds, as they are and with non-ASCII characters", () => {
    const random = mulberry32(5);
    let findings = 0;
    texts.forEach((text, index) => {
      findings += compareUtf8(Buffer.from(text, "utf8"), `file ${index}`);
      for (const count of [1, 3, 40]) {
        findings += compareUtf8(
          Buffer.from(sprinkle(text, random, count), "utf8"),
          `file ${index}, ${count} characters`,
        );
      }
    });
    expect(findings).toBeGreaterThan(least(400, 40));
  });

  it("finds the same in invalid UTF-8: stray continuation bytes, sequences cut short before a line break", () => {
    const random = mulberry32(6);
    texts.slice(0, 600).forEach((text, index) => {
      const good = Buffer.from(text, "utf8");
      const parts: Buffer[] = [];
      let from = 0;
      for (const bad of [[0x80], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xc3], [0xff]]) {
        const at = from + Math.floor(random() * (good.length - from + 1));
        parts.push(good.subarray(from, at), Buffer.from(bad));
        from = at;
      }
      parts.push(good.subarray(from));
      compareUtf8(Buffer.concat(parts), `file ${index}`);
    });
  });

  it("reads non-ASCII lines in long texts, where the scan splits the bytes into four streams", () => {
    const random = mulberry32(8);
    const long = texts.filter((text) => text.length > 20_000).slice(0, 60);
    expect(long.length).toBeGreaterThan(10);
    for (const [index, text] of long.entries()) {
      const bytes = Buffer.from(sprinkle(text, random, 3), "utf8");
      // non-ASCII characters just before each split point, where a stream's run-up reads them
      const quarter = Math.floor(bytes.length / 4);
      for (const split of [quarter, 2 * quarter, 3 * quarter]) bytes[split - 1 - Math.floor(random() * 20)] = 0xc3;
      compareUtf8(bytes, `file ${index}`);
    }
  });

  it("stays linear on hostile bytes: one huge line full of keywords, ASCII or with a non-ASCII character", () => {
    const hostile = `x = "${"token=keypass".repeat(100_000)}`;
    const started = performance.now();
    expect(scanAsciiCompiled(Buffer.from(hostile, "latin1"), "min.js", compiled)).toEqual([]);
    expect(scanUtf8Compiled(Buffer.from(`${hostile}é`, "utf8"), "min.js", compiled)).toEqual([]);
    expect(scanUtf8Compiled(Buffer.from(`é\n${hostile}`, "utf8"), "min.js", compiled)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});

import { Buffer, isAscii } from "node:buffer";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateCorpus } from "../../../bench/corpus.js";
import { benchmarksDir } from "../../../bench/secrets-accuracy.js";
import { compileScanOptions } from "../../../src/core/secrets/compile-scan-options.js";
import { scanAsciiCompiled, scanTextCompiled } from "../../../src/core/secrets/scan-text.js";
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
  const texts = [...corpus.files.map((file) => file.text), ...externalTexts()];

  it("finds exactly what the scan of the decoded text finds (generated corpus, secrets-dev, external cases)", () => {
    expect(compareAll(texts)).toBeGreaterThan(200);
  });

  it("finds the same with line breaks, quotes, operators, keywords and key headers stirred in", () => {
    const random = mulberry32(99);
    const stirred = texts.flatMap((text) => [1, 4, 30].map((count) => stir(text, random, count)));
    expect(compareAll(stirred)).toBeGreaterThan(200);
  });
});

/**
 * The keyword automaton against the plainest search there is: at every character of random
 * texts, the keywords it reports ending there are exactly those a case-insensitive comparison of
 * the text's tail finds, whatever the keywords share (prefixes, suffixes, one inside another).
 */
import { describe, expect, it } from "vitest";
import { buildKeywordAutomaton } from "../../../src/core/secrets/build-keyword-automaton.js";
import { mulberry32 } from "../../helpers/random-tokens.js";

const ALPHABET = "abcAB-_:/@~x0";

function randomWord(random: () => number, length: number): string {
  let word = "";
  for (let i = 0; i < length; i++) word += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return word;
}

/** Ids of the keywords that end at `end` (exclusive) of `text`, ignoring ASCII case. */
function endingAt(keywords: readonly string[], text: string, end: number): number[] {
  const ids: number[] = [];
  keywords.forEach((keyword, id) => {
    if (end >= keyword.length && text.slice(end - keyword.length, end).toLowerCase() === keyword.toLowerCase())
      ids.push(id);
  });
  return ids;
}

describe("buildKeywordAutomaton", () => {
  it("reports at every character exactly the keywords that end there, any case, in rows of 128 and of 256", () => {
    const random = mulberry32(16);
    for (let round = 0; round < 300; round++) {
      const keywords = Array.from({ length: 1 + Math.floor(random() * 10) }, () =>
        randomWord(random, 1 + Math.floor(random() * 5)),
      );
      const text = randomWord(random, 200);
      const narrow = buildKeywordAutomaton(keywords);
      const wide = buildKeywordAutomaton(keywords, 256);
      expect(wide.outputs).toEqual(narrow.outputs);
      let row = 0;
      let wideRow = 0;
      const found: string[] = [];
      const expected: string[] = [];
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        const entry = narrow.table[row + code]!;
        row = entry & ~1;
        // a byte 128–255 reads as its low 7 bits in rows of 256: the aliased byte goes the same way
        const wideEntry = wide.table[wideRow + (i % 2 === 0 ? code : code + 128)]!;
        wideRow = wideEntry & ~1;
        const ids = [...(narrow.outputs[row >> 7] ?? [])].sort((a, b) => a - b);
        found.push(`${i}: ${ids} ${entry & 1} ${wideRow >> 8 === row >> 7} ${wideEntry & 1}`);
        const ending = endingAt(keywords, text, i + 1);
        const flag = ending.length > 0 ? 1 : 0;
        expected.push(`${i}: ${ending} ${flag} true ${flag}`);
      }
      expect(found).toEqual(expected);
    }
  });

  it("refuses a keyword that is not ASCII", () => {
    expect(() => buildKeywordAutomaton(["clé"])).toThrow(/keyword "clé" is not ASCII/);
  });
});

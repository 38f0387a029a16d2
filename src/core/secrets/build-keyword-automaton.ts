/**
 * A case-insensitive Aho–Corasick automaton over ASCII: one pass over the text finds every
 * occurrence of any keyword, at a cost per character that does not grow with the number of
 * keywords (a regex alternation of a hundred literals does).
 *
 * The table is laid out for the hot loop: an entry is the next state's row offset (state × 128)
 * with bit 0 set when a keyword ends in that state, so one load per character both advances the
 * automaton and says whether to stop. Characters index the row by their low 7 bits; a non-ASCII
 * character aliases onto an ASCII one, which can only add a candidate (every candidate line is
 * re-checked by the rules), never hide a keyword, since keywords are ASCII.
 */
export interface KeywordAutomaton {
  /** next = table[row + (charCode & 127)]; `next & 1` means a keyword ends here; `next & ~1` is the next row */
  table: Int32Array;
  /** for each state (row >> 7), the ids of the keywords that end there, via suffix links too */
  outputs: ReadonlyArray<readonly number[] | undefined>;
}

const ALPHABET = 128;

export function buildKeywordAutomaton(keywords: readonly string[]): KeywordAutomaton {
  const transitions: Int32Array[] = [new Int32Array(ALPHABET).fill(-1)];
  const outputs: number[][] = [[]];
  keywords.forEach((keyword, id) => {
    let state = 0;
    for (const ch of keyword.toLowerCase()) {
      const code = ch.charCodeAt(0);
      if (code === 0 || code >= ALPHABET)
        throw new Error(`autopilot secrets: keyword ${JSON.stringify(keyword)} is not ASCII`);
      if (transitions[state]![code] === -1) {
        transitions.push(new Int32Array(ALPHABET).fill(-1));
        outputs.push([]);
        transitions[state]![code] = transitions.length - 1;
      }
      state = transitions[state]![code]!;
    }
    outputs[state]!.push(id);
  });
  const fail = new Int32Array(transitions.length);
  const queue: number[] = [];
  for (let code = 0; code < ALPHABET; code++) {
    const next = transitions[0]![code]!;
    if (next === -1) transitions[0]![code] = 0;
    else queue.push(next);
  }
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]!;
    for (let code = 0; code < ALPHABET; code++) {
      const next = transitions[state]![code]!;
      if (next === -1) {
        transitions[state]![code] = transitions[fail[state]!]![code]!;
      } else {
        fail[next] = transitions[fail[state]!]![code]!;
        outputs[next]!.push(...outputs[fail[next]!]!);
        queue.push(next);
      }
    }
  }
  const table = new Int32Array(transitions.length * ALPHABET);
  transitions.forEach((row, state) => {
    for (let code = 0; code < ALPHABET; code++) {
      // upper-case letters take the lower-case transition: the match is case-insensitive
      const folded = code >= 65 && code <= 90 ? code + 32 : code;
      const next = row[folded]!;
      table[state * ALPHABET + code] = next * ALPHABET + (outputs[next]!.length > 0 ? 1 : 0);
    }
  });
  return { table, outputs: outputs.map((ids) => (ids.length > 0 ? ids : undefined)) };
}

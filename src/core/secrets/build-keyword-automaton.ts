/**
 * A case-insensitive Aho–Corasick automaton over ASCII: one pass over the text finds every
 * occurrence of any keyword, at a cost per character that does not grow with the number of
 * keywords (a regex alternation of a hundred literals does).
 *
 * The table is laid out for the hot loop: an entry is the next state's row offset (state × row
 * width) with bit 0 set when a keyword ends in that state, so one load per character both
 * advances the automaton and says whether to stop. Characters index the row by their low 7 bits
 * (rows of 128), or by their byte value (rows of 256, where bytes 128–255 repeat the entries of
 * their low 7 bits: a scan of bytes needs no mask); a non-ASCII character aliases onto an ASCII
 * one, which can only add a candidate (every candidate line is re-checked by the rules), never
 * hide a keyword, since keywords are ASCII.
 */
export interface KeywordAutomaton {
  /**
   * next = table[row + (charCode & 127)] (rows of 128; rows of 256: table[row + byte]); `next & 1`
   * means a keyword ends here; `next & ~1` is the next row
   */
  table: Int32Array;
  /** per state (row >> 7; row >> 8 in rows of 256), the ids of the keywords that end there, via suffix links too */
  outputs: ReadonlyArray<readonly number[] | undefined>;
}

const ALPHABET = 128;

/**
 * Built as a trie whose rows are completed in breadth-first order: a state's row is its failure
 * state's row (complete already, being shallower) copied at once, with the state's own edges
 * written over it. Only the trie's edges are visited one by one, not every state × character:
 * the CLI builds the automaton each time it starts, to scan as little as one file.
 */
export function buildKeywordAutomaton(keywords: readonly string[], rowWidth: 128 | 256 = 128): KeywordAutomaton {
  // the trie: per state, its edges as (character, child) pairs; states numbered as created
  const edges: number[][] = [[]];
  const outputs: number[][] = [[]];
  const child = (state: number, code: number): number => {
    const list = edges[state]!;
    for (let i = 0; i < list.length; i += 2) if (list[i] === code) return list[i + 1]!;
    return -1;
  };
  keywords.forEach((keyword, id) => {
    let state = 0;
    const lower = keyword.toLowerCase();
    for (let i = 0; i < lower.length; i++) {
      const code = lower.charCodeAt(i);
      if (code === 0 || code >= ALPHABET)
        throw new Error(`autopilot secrets: keyword ${JSON.stringify(keyword)} is not ASCII`);
      let next = child(state, code);
      if (next === -1) {
        next = edges.length;
        edges.push([]);
        outputs.push([]);
        edges[state]!.push(code, next);
      }
      state = next;
    }
    outputs[state]!.push(id);
  });
  const shift = rowWidth === 256 ? 8 : 7;
  const table = new Int32Array(edges.length << shift); // the root's row: every character back to the root
  const fail = new Int32Array(edges.length);
  /** Sets `state`'s entries for `code`, its upper case (the match is case-insensitive) and their aliases to `next`. */
  const link = (state: number, code: number, next: number): void => {
    const entry = (next << shift) | (outputs[next]!.length > 0 ? 1 : 0);
    const row = state << shift;
    for (let alias = code; alias < rowWidth; alias += ALPHABET) {
      table[row + alias] = entry;
      if (code >= 97 && code <= 122) table[row + alias - 32] = entry;
    }
  };
  // breadth first: a state's failure state is shallower, so its row is complete when the state's is
  // made (the order of states within a depth does not matter)
  const queue: number[] = [];
  const root = edges[0]!;
  for (let i = 0; i < root.length; i += 2) {
    link(0, root[i]!, root[i + 1]!); // a child of the root fails to the root, whose outputs are none
    queue.push(root[i + 1]!);
  }
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]!;
    const failRow = fail[state]! << shift;
    table.copyWithin(state << shift, failRow, failRow + rowWidth);
    const list = edges[state]!;
    for (let i = 0; i < list.length; i += 2) {
      const code = list[i]!;
      const next = list[i + 1]!;
      fail[next] = table[failRow + code]! >> shift;
      const inherited = outputs[fail[next]!]!;
      for (let k = 0; k < inherited.length; k++) outputs[next]!.push(inherited[k]!);
      link(state, code, next);
      queue.push(next);
    }
  }
  return { table, outputs: outputs.map((ids) => (ids.length > 0 ? ids : undefined)) };
}

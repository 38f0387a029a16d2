import { GENERIC_KEYWORDS } from "./find-generic-secrets.js";
import { buildKeywordAutomaton } from "./keyword-automaton.js";
import { providerRules } from "./provider-rules.js";

const GENERIC = -1;
const PRIVATE_KEY = -2;
/** shorter keywords are too common as case-insensitive substrings to select lines by */
const MIN_TRIGGER = 3;

const words: string[] = [];
const payloads: number[] = [];
providerRules.forEach((rule, index) => {
  for (const word of rule.triggers ?? rule.keywords) {
    if (word.length < MIN_TRIGGER) continue;
    words.push(word);
    payloads.push(index);
  }
});
for (const word of GENERIC_KEYWORDS) {
  words.push(word);
  payloads.push(GENERIC);
}
words.push("-----BEGIN");
payloads.push(PRIVATE_KEY);

const automaton = buildKeywordAutomaton(words);
const TABLE = automaton.table;
const FLAG_GENERIC = 1;
const FLAG_PRIVATE_KEY = 2;
const FLAG_RULES = 4;
/** per automaton state: which kinds of keyword end there */
const STATE_FLAGS = new Uint8Array(automaton.outputs.length);
/** per automaton state: the provider rules whose keywords end there */
const STATE_RULES: ReadonlyArray<readonly number[] | undefined> = automaton.outputs.map((ids, state) => {
  if (!ids) return undefined;
  const rules: number[] = [];
  for (const id of ids) {
    const payload = payloads[id]!;
    if (payload === GENERIC) STATE_FLAGS[state]! |= FLAG_GENERIC;
    else if (payload === PRIVATE_KEY) STATE_FLAGS[state]! |= FLAG_PRIVATE_KEY;
    else {
      STATE_FLAGS[state]! |= FLAG_RULES;
      rules.push(payload);
    }
  }
  return rules.length > 0 ? rules : undefined;
});

/**
 * per automaton state: when every keyword ending there belongs to rules that need more literals
 * on the line (`://` needs `@`), those literals; a line without them is not a candidate yet
 */
const CONDITIONAL_ONLY: ReadonlyArray<readonly string[] | undefined> = automaton.outputs.map((ids) => {
  if (!ids) return undefined;
  const required: string[] = [];
  for (const id of ids) {
    const payload = payloads[id]!;
    const needs = payload >= 0 ? providerRules[payload]!.requires : undefined;
    if (!needs) return undefined;
    required.push(...needs);
  }
  return required;
});

/** Rules whose own keywords are too short to trigger on (`SK`, `AC`, `Q~`): checked on every candidate line. */
const ALWAYS_CHECKED: readonly number[] = providerRules.flatMap((rule, index) =>
  rule.keywords.every((word) => word.length < MIN_TRIGGER) ? [index] : [],
);

/** A line that holds at least one keyword, with the rules its keywords call for. */
export interface CandidateLine {
  start: number;
  end: number;
  /** indexes into providerRules, ascending */
  rules: number[];
  generic: boolean;
  privateKey: boolean;
}

const NEWLINE = 10;
const REQUIRES: ReadonlyArray<readonly string[] | undefined> = providerRules.map((rule) => rule.requires);
/** reused across lines: which rules the current line has already called for */
const marked = new Uint8Array(providerRules.length);

/** Bounded to the line: an unbounded `indexOf` would run on to the next occurrence in the file. */
function lineHas(text: string, literal: string, start: number, end: number): boolean {
  return text.slice(start, end).includes(literal);
}

/** The rules a line called for, once each, minus those whose required literals the line lacks. */
function collectRules(text: string, start: number, end: number, found: readonly number[]): number[] {
  const rules: number[] = [];
  for (const index of found) marked[index] = 0;
  for (const index of found) {
    if (marked[index] === 1) continue;
    marked[index] = 1;
    const required = REQUIRES[index];
    if (required !== undefined) {
      let present = true;
      for (const literal of required) present &&= lineHas(text, literal, start, end);
      if (!present) continue;
    }
    rules.push(index);
  }
  return rules.sort((a, b) => a - b);
}

/** the automaton row the last `findNextTrigger` stopped in, flag bit cleared */
let stoppedRow = 0;

/**
 * Offset of the first character at or after `from` that ends a keyword, or -1, starting in
 * automaton row `row`. Kept tiny: it is the hot loop.
 */
function findNextTrigger(text: string, from: number, row: number): number {
  const length = text.length;
  for (let i = from; i < length; i++) {
    row = TABLE[row + (text.charCodeAt(i) & 127)]!;
    if ((row & 1) !== 0) {
      stoppedRow = row & ~1;
      return i;
    }
  }
  return -1;
}

/** The keywords of one line: which rules it calls for. */
function readLine(text: string, start: number, end: number): CandidateLine {
  const found: number[] = [...ALWAYS_CHECKED];
  let flags = 0;
  let row = 0;
  for (let i = start; i < end; i++) {
    row = TABLE[row + (text.charCodeAt(i) & 127)]!;
    if ((row & 1) === 0) continue;
    row &= ~1;
    const state = row >> 7;
    flags |= STATE_FLAGS[state]!;
    const rules = STATE_RULES[state];
    if (rules) found.push(...rules);
  }
  return {
    start,
    end,
    rules: found.length === ALWAYS_CHECKED.length ? found : collectRules(text, start, end, found),
    generic: (flags & FLAG_GENERIC) !== 0,
    privateKey: (flags & FLAG_PRIVATE_KEY) !== 0,
  };
}

/**
 * Calls `visit` for every line of `text` that contains a keyword, in order, then resumes at the
 * offset `visit` returns (past a private key block, say). Lines whose only keyword belongs to a
 * rule that needs more than the line has (`://` without `@`) are skipped.
 */
export function forEachCandidateLine(text: string, visit: (line: CandidateLine) => number): void {
  let from = 0;
  let row = 0;
  while (from < text.length) {
    const hit = findNextTrigger(text, from, row);
    if (hit === -1) return;
    const start = text.lastIndexOf("\n", hit) + 1;
    let end = text.indexOf("\n", hit);
    if (end === -1) end = text.length;
    const conditional = CONDITIONAL_ONLY[stoppedRow >> 7];
    if (conditional !== undefined && !conditional.every((literal) => lineHas(text, literal, start, end))) {
      // `://` on a line without `@`: keep reading the line for other keywords
      from = hit + 1;
      row = stoppedRow;
      continue;
    }
    row = 0;
    const line = readLine(text, start, end);
    if (!line.generic && !line.privateKey && line.rules.length === ALWAYS_CHECKED.length) from = end + 1;
    else from = Math.max(end + 1, visit(line));
  }
}

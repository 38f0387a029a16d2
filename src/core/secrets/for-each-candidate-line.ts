import { Buffer } from "node:buffer";
import { GENERIC_KEYWORDS } from "./find-generic-secrets.js";
import { LineReads, locateAssignment } from "./locate-assignment.js";
import { buildKeywordAutomaton } from "./build-keyword-automaton.js";
import { providerRules } from "./provider-rules.js";

const GENERIC = -1;
const PRIVATE_KEY = -2;
/** shorter keywords are too common as case-insensitive substrings to select lines by */
const MIN_TRIGGER = 3;

const words: string[] = [];
const payloads: number[] = [];
/** provider keywords are case-sensitive: the case-insensitive automaton's hit is checked against this */
const exactWords: Array<string | undefined> = [];
providerRules.forEach((rule, index) => {
  for (const word of rule.triggers ?? rule.keywords) {
    if (word.length < MIN_TRIGGER) continue;
    words.push(word);
    payloads.push(index);
    // triggers (`twilio`) are any case; a rule's own keywords (`AKIA`, `eyJ`) are exact
    exactWords.push(rule.triggers ? undefined : word);
  }
});
for (const word of GENERIC_KEYWORDS) {
  words.push(word);
  payloads.push(GENERIC);
}
words.push("-----BEGIN");
payloads.push(PRIVATE_KEY);

/**
 * The automaton with a row of 256 entries per state (one per byte value, so the scan needs no
 * mask), row offsets `state << 8`: bytes 128–255 take the transition of their low 7 bits, as the
 * automaton reads any UTF-16 unit.
 */
const automaton = buildKeywordAutomaton(words, 256);
const STATES = automaton.outputs.length;
/** the row of the state a UTF-8 scan enters at a non-ASCII byte and leaves at the next line break */
const FOREIGN_ROW = STATES << 8;
const FOREIGN_STATE = STATES;

/**
 * The table for the bytes of UTF-8 text: TEXT_TABLE, but a non-ASCII byte ends a keyword-like
 * hit of its own and enters a state that reads nothing more until the next line break: a line
 * with a non-ASCII byte is reported once, and read again from its decoded text. Built on first
 * use: an ASCII file (most source, and what a pre-commit hook often scans alone) never needs it.
 */
function utf8Table(): Int32Array {
  if (utf8TableMemo !== undefined) return utf8TableMemo;
  const table = new Int32Array((STATES + 1) << 8);
  table.set(TEXT_TABLE);
  for (let row = 0; row < FOREIGN_ROW; row += 256) table.fill(FOREIGN_ROW | 1, row + 128, row + 256);
  table.fill(FOREIGN_ROW, FOREIGN_ROW);
  table[FOREIGN_ROW + 10] = 0;
  utf8TableMemo = table;
  return table;
}

/** for text (one byte per UTF-16 unit) and ASCII bytes */
const TEXT_TABLE = automaton.table;
/** utf8Table's, once built */
let utf8TableMemo: Int32Array | undefined;
const FLAG_GENERIC = 1;
const FLAG_PRIVATE_KEY = 2;
const FLAG_RULES = 4;
/** per automaton state: which kinds of keyword end there */
const STATE_FLAGS = new Uint8Array(automaton.outputs.length);
/** per automaton state: the provider keywords that end there, with their rule */
const STATE_RULES: ReadonlyArray<ReadonlyArray<{ rule: number; exact: string | undefined }> | undefined> =
  automaton.outputs.map((ids, state) => {
    if (!ids) return undefined;
    const rules: Array<{ rule: number; exact: string | undefined }> = [];
    for (const id of ids) {
      const payload = payloads[id]!;
      if (payload === GENERIC) STATE_FLAGS[state]! |= FLAG_GENERIC;
      else if (payload === PRIVATE_KEY) STATE_FLAGS[state]! |= FLAG_PRIVATE_KEY;
      else {
        STATE_FLAGS[state]! |= FLAG_RULES;
        rules.push({ rule: payload, exact: exactWords[id] });
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
  /** the line's text, `[start, end)` of the scanned text */
  line: string;
  /** indexes into providerRules, ascending */
  rules: readonly number[];
  /** offsets (in the line) just past each generic keyword on it */
  genericHits: number[];
  privateKey: boolean;
}

const REQUIRES: ReadonlyArray<readonly string[] | undefined> = providerRules.map((rule) => rule.requires);
/** reused across lines: which rules the current line has already called for */
const marked = new Uint8Array(providerRules.length);
/** reused across lines: the provider rules and the generic keyword ends seen on the current line */
const foundRules: number[] = [];
const genericEnds: number[] = [];

function ascending(a: number, b: number): number {
  return a - b;
}

/**
 * Where each required literal next occurs in the current text (or its bytes), remembered between
 * calls so that checking thousands of `://` hits costs one pass per literal, not one search per hit.
 */
class NextOccurrence {
  readonly #text: string | Buffer;
  readonly #next = new Map<string, number>();

  constructor(text: string | Buffer) {
    this.#text = text;
  }

  /** Whether every literal occurs between `from` and the end of its line (`end`). */
  allBefore(literals: readonly string[], from: number, end: number): boolean {
    for (const literal of literals) {
      let at = this.#next.get(literal);
      if (at === undefined || (at !== -1 && at < from)) {
        at = this.#text.indexOf(literal, from);
        this.#next.set(literal, at);
      }
      if (at === -1 || at + literal.length > end) return false;
    }
    return true;
  }
}

/** The rules a line called for, once each, minus those whose required literals the line lacks. */
function collectRules(line: string, found: readonly number[]): number[] {
  const rules: number[] = [];
  for (const index of found) marked[index] = 0;
  for (const index of found) {
    if (marked[index] === 1) continue;
    marked[index] = 1;
    const required = REQUIRES[index];
    if (required !== undefined) {
      let present = true;
      for (const literal of required) present &&= line.includes(literal);
      if (!present) continue;
    }
    rules.push(index);
  }
  return rules.sort(ascending);
}

/** longest keyword: a stream that starts mid-text first reads this many characters minus one to catch up */
const LONGEST_KEYWORD = Math.max(...words.map((word) => word.length));
/** below this, splitting the text into streams costs more than it saves */
const MIN_SPLIT = 4096;

/** reused between calls (the scanner is synchronous) so that scanning many files allocates once */
let scratch = Buffer.alloc(64 * 1024);

/** texts larger than this get a buffer of their own, so one huge file does not pin its size in memory */
const MAX_SCRATCH = 8 * 1024 * 1024;

/**
 * The text as one byte per UTF-16 unit (`latin1` keeps the low byte), in a shared buffer that is
 * only valid until the next call.
 */
function latin1Bytes(text: string): Buffer {
  if (text.length > MAX_SCRATCH) return Buffer.from(text, "latin1");
  if (scratch.length < text.length)
    scratch = Buffer.alloc(Math.min(MAX_SCRATCH, Math.max(text.length, scratch.length * 2)));
  scratch.write(text, 0, text.length, "latin1");
  return scratch;
}

/**
 * Keyword ends found by the automaton, as (offset, row) pairs: one growable buffer per stream,
 * reused between calls so that scanning thousands of files does not churn the garbage collector.
 */
class HitBuffer {
  values = new Int32Array(256);
  length = 0;

  push(offset: number, row: number): void {
    if (this.length + 2 > this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = offset;
    this.values[this.length++] = row;
  }
}

const streams = [new HitBuffer(), new HitBuffer(), new HitBuffer(), new HitBuffer()] as const;
const mergedHits = new HitBuffer();

/** The hits of the four streams, stream after stream, which is text order. */
function mergeStreams(): HitBuffer {
  const total = streams[0].length + streams[1].length + streams[2].length + streams[3].length;
  if (mergedHits.values.length < total)
    mergedHits.values = new Int32Array(Math.max(total, mergedHits.values.length * 2));
  let at = 0;
  for (const stream of streams) {
    mergedHits.values.set(stream.values.subarray(0, stream.length), at);
    at += stream.length;
  }
  mergedHits.length = total;
  return mergedHits;
}

/** The automaton's row after reading `bytes[from, to)` from `row`, keyword ends not recorded. */
function readAhead(table: Int32Array, bytes: Uint8Array, from: number, to: number, row: number): number {
  let r = row;
  for (let i = from; i < to; i++) r = table[r + bytes[i]!]! & ~1;
  return r;
}

/** One stream over `bytes[from, to)` from `row`, its keyword ends into `out`. */
function runStream(table: Int32Array, bytes: Uint8Array, from: number, to: number, row: number, out: HitBuffer): void {
  let r = row;
  for (let i = from; i < to; i++) {
    r = table[r + bytes[i]!]!;
    if ((r & 1) !== 0) out.push(i, (r &= ~1));
  }
}

/**
 * Four streams over the four quarters of `bytes[0, 4 × quarter)` at once, into `streams`; the
 * last stream's row at the end, for the rest of the text.
 */
function runFourStreams(table: Int32Array, bytes: Uint8Array, quarter: number): number {
  const s0 = streams[0];
  const s1 = streams[1];
  const s2 = streams[2];
  const s3 = streams[3];
  const b1 = quarter;
  const b2 = 2 * quarter;
  const b3 = 3 * quarter;
  const warmUp = LONGEST_KEYWORD - 1;
  let r0 = 0;
  let r1 = readAhead(table, bytes, b1 - warmUp, b1, 0);
  let r2 = readAhead(table, bytes, b2 - warmUp, b2, 0);
  let r3 = readAhead(table, bytes, b3 - warmUp, b3, 0);
  for (let j = 0; j < quarter; j++) {
    r0 = table[r0 + bytes[j]!]!;
    r1 = table[r1 + bytes[b1 + j]!]!;
    r2 = table[r2 + bytes[b2 + j]!]!;
    r3 = table[r3 + bytes[b3 + j]!]!;
    if (((r0 | r1 | r2 | r3) & 1) === 0) continue;
    if ((r0 & 1) !== 0) s0.push(j, (r0 &= ~1));
    if ((r1 & 1) !== 0) s1.push(b1 + j, (r1 &= ~1));
    if ((r2 & 1) !== 0) s2.push(b2 + j, (r2 &= ~1));
    if ((r3 & 1) !== 0) s3.push(b3 + j, (r3 &= ~1));
  }
  return r3;
}

/**
 * Every keyword end in the text, into `streams` (in text order when read stream after stream).
 * The text is read as bytes (one per UTF-16 unit, or its UTF-8 bytes: see utf8Table) by four automaton
 * streams over four quarters at once: each step of a stream depends on its previous state, so
 * interleaving four independent streams lets the processor overlap their table loads. Each later
 * stream first reads the last characters of the quarter before it, so a keyword across a
 * boundary is found by exactly one stream. The loops are functions of their own, each compiled
 * on its own feedback: a process that scans small files first does not have the four-stream
 * loop deoptimized by the first large one.
 */
function findKeywordEnds(table: Int32Array, bytes: Uint8Array, length: number): void {
  for (const stream of streams) stream.length = 0;
  const quarter = length < MIN_SPLIT ? 0 : Math.floor(length / 4);
  const row = quarter === 0 ? 0 : runFourStreams(table, bytes, quarter);
  // the last stream finishes the text on its own (all of it, for a short text)
  runStream(table, bytes, 4 * quarter, length, row, streams[3]);
}

/**
 * Calls `visit` for every line of `text` that contains a keyword, in order, then goes on from
 * the offset `visit` returns (past a private key block, say). A keyword whose rule needs more on
 * the line than it has (`://` without an `@` after it) does not make its line a candidate.
 * `ascii`, when given, holds the text's bytes and the text is ASCII: the automaton reads them
 * instead of a copy.
 */
export function forEachCandidateLine(text: string, visit: (line: CandidateLine) => number, ascii?: Uint8Array): void {
  const bytes = ascii !== undefined && ascii.length === text.length ? ascii : latin1Bytes(text);
  candidateLines(TEXT_TABLE, text, bytes, undefined, text.length, visit);
}

/**
 * `forEachCandidateLine` over the bytes of an ASCII text, without the text: only the lines
 * worth reading are decoded, each as the same string the text would have sliced.
 */
export function forEachCandidateLineInAscii(bytes: Buffer, visit: (line: CandidateLine) => number): void {
  candidateLines(TEXT_TABLE, undefined, bytes, bytes, bytes.length, visit);
}

/**
 * `forEachCandidateLineInAscii` over the bytes of a UTF-8 text, for its ASCII lines alone: the
 * lines holding a non-ASCII byte are not visited but pushed onto `foreign`, as `[start, end)`
 * byte ranges of whole lines in order (lines a few kilobytes apart or less share a range), to be
 * decoded and read as text.
 */
export function forEachCandidateLineInUtf8(
  bytes: Buffer,
  visit: (line: CandidateLine) => number,
  foreign: number[],
): void {
  candidateLines(utf8Table(), undefined, bytes, bytes, bytes.length, visit, foreign);
}

/** foreign lines closer than this share a range: a text dense in non-ASCII lines is decoded in a few pieces */
const FOREIGN_GAP = 4096;

/** Whether `bytes` hold `literal` (ASCII) at `at`. */
function bytesStartWith(bytes: Uint8Array, literal: string, at: number): boolean {
  if (at < 0 || at + literal.length > bytes.length) return false;
  for (let i = 0; i < literal.length; i++) if (bytes[at + i] !== literal.charCodeAt(i)) return false;
  return true;
}

/**
 * The scan over the text (`bytes` one per character), or, when `text` is undefined, over `raw`
 * (the same as `bytes`) as an ASCII text: offsets are the same in both, and a line is read from
 * whichever is given.
 */
function candidateLines(
  table: Int32Array,
  text: string | undefined,
  bytes: Uint8Array,
  raw: Buffer | undefined,
  length: number,
  visit: (line: CandidateLine) => number,
  foreign?: number[],
): void {
  findKeywordEnds(table, bytes, length);
  // one list in text order, so that a line across two quarters is read with all its keywords
  const { values: hits, length: count } = mergeStreams();
  const occurrences = new NextOccurrence(text ?? raw!);
  let resume = 0;
  let k = 0;
  while (k < count) {
    const first = hits[k]!;
    if (first < resume) {
      k += 2;
      continue;
    }
    let end = text !== undefined ? text.indexOf("\n", first) : raw!.indexOf(10, first);
    if (end === -1) end = length;
    let rulesFound = 0;
    let genericFound = 0;
    let flags = 0;
    let foreignLine = false;
    for (; k < count && hits[k]! < end; k += 2) {
      const at = hits[k]!;
      const state = hits[k + 1]! >> 8;
      if (state === FOREIGN_STATE) {
        foreignLine = true;
        continue;
      }
      const conditional = CONDITIONAL_ONLY[state];
      if (conditional !== undefined && !occurrences.allBefore(conditional, at, end)) continue;
      const stateFlags = STATE_FLAGS[state]!;
      flags |= stateFlags;
      if ((stateFlags & FLAG_GENERIC) !== 0) genericEnds[genericFound++] = at + 1;
      const rules = STATE_RULES[state];
      if (rules) {
        for (const { rule, exact } of rules) {
          if (
            exact === undefined ||
            (text !== undefined
              ? text.startsWith(exact, at + 1 - exact.length)
              : bytesStartWith(bytes, exact, at + 1 - exact.length))
          )
            foundRules[rulesFound++] = rule;
        }
      }
    }
    if (foreignLine) {
      const lineStart = raw!.lastIndexOf(10, first) + 1;
      const last = foreign!.length - 1;
      if (last > 0 && lineStart - foreign![last]! <= FOREIGN_GAP) foreign![last] = end;
      else foreign!.push(lineStart, end);
      continue;
    }
    if (genericFound === 0 && (flags & FLAG_PRIVATE_KEY) === 0 && rulesFound === 0) continue;
    const start = (text !== undefined ? text.lastIndexOf("\n", first) : raw!.lastIndexOf(10, first)) + 1;
    const line = text !== undefined ? text.slice(start, end) : raw!.toString("latin1", start, end);
    resume = Math.max(resume, readLine(line, start, end, genericFound, rulesFound, flags, visit));
  }
}

/**
 * The line `[start, end)` whose keywords the automaton found (`genericEnds`, `foundRules`,
 * `flags`): visited when a generic keyword is assigned a value or another keyword calls for a
 * rule. Returns where the scan goes on. Apart from the loop over keyword ends, so that each is
 * compiled, and recompiled after a deoptimization, on its own.
 */
function readLine(
  line: string,
  start: number,
  end: number,
  genericFound: number,
  rulesFound: number,
  flags: number,
  visit: (line: CandidateLine) => number,
): number {
  // a generic keyword only counts where its name is assigned a value: most are not (`Object.keys`).
  // locateAssignment reads no character outside the line, so the line alone is read
  const genericHits: number[] = [];
  let nameEnd = -1;
  const reads = new LineReads();
  for (let g = 0; g < genericFound; g++) {
    const offset = genericEnds[g]! - start;
    if (offset <= nameEnd) continue;
    const assignment = locateAssignment(line, offset, 0, line.length, reads);
    if (!assignment) continue;
    nameEnd = assignment.nameEnd;
    genericHits.push(offset);
  }
  if (genericHits.length === 0 && (flags & FLAG_PRIVATE_KEY) === 0 && rulesFound === 0) return 0;
  const rules =
    rulesFound === 0 ? ALWAYS_CHECKED : collectRules(line, [...ALWAYS_CHECKED, ...foundRules.slice(0, rulesFound)]);
  return Math.max(
    end + 1,
    visit({ start, end, line, rules, genericHits, privateKey: (flags & FLAG_PRIVATE_KEY) !== 0 }),
  );
}

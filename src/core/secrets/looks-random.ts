import { caseSwitchRatio, countCharClasses, shannonEntropy } from "./shannon-entropy.js";

const HEX = /^(?:[0-9a-f]+|[0-9A-F]+)$/;

/**
 * The lowest entropy a random string of `length` characters drawn from `alphabet` symbols shows
 * in about 99% of draws (fitted on simulated tokens), so random credentials pass and words,
 * identifiers and hand-typed values mostly do not.
 */
function entropyFloor(length: number, alphabet: number): number {
  if (alphabet <= 16) {
    if (length <= 16) return 2.55;
    if (length <= 24) return 2.85;
    if (length <= 32) return 3.15;
    if (length <= 48) return 3.35;
    return 3.55;
  }
  return 0.77 * Math.log2(Math.min(length, alphabet));
}

/**
 * Share of upper-case letters that begin a lower-case run of two or more, as word starts in
 * camelCase do (`descriptiveVariableName`: all of them); in random mixed case about a quarter.
 */
function camelWordiness(value: string): number {
  let uppers = 0;
  let wordStarts = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 65 || code > 90) continue;
    uppers++;
    const next = value.charCodeAt(i + 1);
    const after = value.charCodeAt(i + 2);
    if (next >= 97 && next <= 122 && after >= 97 && after <= 122) wordStarts++;
  }
  return uppers === 0 ? 1 : wordStarts / uppers;
}

/** Letters all within a–f (either case): the value is hex, whatever separators it has. */
function isHexAlphabet(value: string): boolean {
  return !/[g-zG-Z]/.test(value);
}

function looksRandomCore(value: string): boolean {
  const length = value.length;
  const classes = countCharClasses(value);
  const alnum = classes.lower + classes.upper + classes.digit;
  if (classes.digit === alnum) return false; // numbers: ids, timestamps, phone numbers
  const entropy = shannonEntropy(value);
  if (HEX.test(value)) {
    // hex digests under a secret name are secrets; a mostly-digit or mostly-letter run is not hex noise
    if (length < 16 || classes.digit < 2 || classes.digit === length) return false;
    return entropy >= entropyFloor(length, 16);
  }
  const kinds = (classes.lower > 0 ? 1 : 0) + (classes.upper > 0 ? 1 : 0) + (classes.digit > 0 ? 1 : 0);
  if (kinds < 2) return false; // one-case words
  if (classes.digit === 0) {
    // letters only: accept mixed case that switches like noise, not like camelCase words
    if (length < 16 || (caseSwitchRatio(value) < 0.35 && camelWordiness(value) >= 0.5)) return false;
  }
  const alphabet = isHexAlphabet(value)
    ? 16
    : (classes.lower > 0 ? 26 : 0) + (classes.upper > 0 ? 26 : 0) + (classes.digit > 0 ? 10 : 0);
  return entropy >= entropyFloor(length, alphabet);
}

/** Alphanumeric runs of a value: how many, and the longest. */
function alnumRuns(value: string): { count: number; longestStart: number; longestLength: number } {
  let count = 0;
  let longestStart = 0;
  let longestLength = 0;
  let runStart = -1;
  for (let i = 0; i <= value.length; i++) {
    const code = i < value.length ? value.charCodeAt(i) : 0;
    const alnum = (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
    if (alnum && runStart === -1) runStart = i;
    if (!alnum && runStart !== -1) {
      count++;
      if (i - runStart > longestLength) {
        longestLength = i - runStart;
        longestStart = runStart;
      }
      runStart = -1;
    }
  }
  return { count, longestStart, longestLength };
}

/**
 * Whether a value is plausibly a machine-generated credential (API key, token, secret) rather
 * than a word, an identifier, a number or a hand-typed label. A value made of a readable prefix
 * and a random body (`sk_live_…`, `org_key_…`) is judged on its longest alphanumeric run too.
 */
export function looksRandom(value: string, minLength = 12): boolean {
  const length = value.length;
  if (length < minLength) return false;
  const classes = countCharClasses(value);
  if (classes.lower + classes.upper + classes.digit < length * 0.75) return false;
  // separated words (SalesResults-1.2, DOC_Vector_5_32): many short alphanumeric pieces
  const runs = alnumRuns(value);
  if (runs.count >= 3 && length / runs.count < 6) return false;
  if (looksRandomCore(value)) return true;
  if (runs.count < 2 || runs.longestLength < 16) return false;
  return looksRandomCore(value.slice(runs.longestStart, runs.longestStart + runs.longestLength));
}

/**
 * A hard-coded password: long enough and mixed enough that it is not a label, an example word or
 * an empty default. Passwords are typed by people, so the bar is character variety, not entropy.
 */
export function looksLikePassword(value: string): boolean {
  const length = value.length;
  if (length < 8 || length > 200) return false;
  if (/\s/.test(value)) return false;
  const classes = countCharClasses(value);
  const kinds =
    (classes.lower > 0 ? 1 : 0) +
    (classes.upper > 0 ? 1 : 0) +
    (classes.digit > 0 ? 1 : 0) +
    (classes.other > 0 ? 1 : 0);
  if (kinds >= 3) return shannonEntropy(value) >= 2.5;
  return looksRandom(value, 12);
}

/** `sk_`, `live-`, `pr_mykey_`: readable words before a token's body, left out of isHandEdited's counts */
const WORD_PREFIX = /^(?:[A-Za-z]{1,8}[_-])+/;

/**
 * A token drawn from one alphabet with one or two characters from another: a lone capital in a
 * lower-case token (`grevetn5owRs1ybh…`), a lone small letter in an upper-case one, a lone g–z
 * letter in a hex digest. A generator draws every character from one alphabet: in a random
 * mixed-case token with 16 letters or more, one letter of a case comes by chance in 0.05% of
 * draws, and hex never holds a `q`. Such a value is a real-looking key edited by hand, as
 * documentation and test suites doctor a key into an invalid example; so is a hex digest with a
 * `+` spliced in. Passwords are typed by
 * people with a capital or two, so this applies to generated tokens only.
 */
export function isHandEdited(value: string): boolean {
  const prefix = WORD_PREFIX.exec(value);
  const body = prefix ? value.slice(prefix[0].length) : value;
  if (body.length < 20) return false;
  let lower = 0;
  let upper = 0;
  let hexLetters = 0;
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    if (code >= 97 && code <= 122) {
      lower++;
      if (code <= 102) hexLetters++;
    } else if (code >= 65 && code <= 90) {
      upper++;
      if (code <= 70) hexLetters++;
    }
  }
  const letters = lower + upper;
  const minority = Math.min(lower, upper);
  if ((minority === 1 && letters >= 16) || (minority === 2 && letters >= 20)) return true;
  const stray = letters - hexLetters;
  if (minority !== 0 || hexLetters < 8) return false;
  // a hex digest with a `+` in it: hex has no `+`, and base64 (which has) would show letters beyond f
  return stray === 1 || stray === 2 || (stray === 0 && body.includes("+"));
}

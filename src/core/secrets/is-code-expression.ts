/**
 * Values that are code, not data: in source files the right-hand side of `name = …` or
 * `name: …` is usually an expression (an identifier, a member chain, a ternary, a type), and a
 * credential in code is always a string literal. These tests read the value and the rest of the
 * line after it; each is written so that a random token cannot pass it except by coincidence.
 */
import { nameSegments } from "./classify-secret-name.js";

const MEMBER_CHAIN = /^[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)+$/;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const VOWEL = /[aeiouy]/;
/** the longest word of an identifier (`authentication`, `configuration`…) */
const LONGEST_WORD = 16;

/**
 * An identifier spelt in words (`lastTriviaWasNewLine`, `PDFGenerationArtifact`, `Uint8Array`):
 * at least two parts at case or digit changes, each a word of two letters or more (acronyms of up
 * to four letters need no vowel) or a number of at most two digits. A random token of letters
 * and digits has single letters and longer digit runs between its case changes.
 */
export function isWordedIdentifier(value: string): boolean {
  if (!IDENTIFIER.test(value)) return false;
  const parts = nameSegments(value);
  if (parts.length < 2) return false;
  for (const part of parts) {
    if (/^\d+$/.test(part)) {
      if (part.length > 2) return false;
    } else if (
      part.length < 2 ||
      part.length > LONGEST_WORD ||
      /\d/.test(part) ||
      (part.length > 4 && !VOWEL.test(part))
    ) {
      return false;
    }
  }
  return true;
}

/**
 * A phrase of lower-case words joined by `-`, `_` or `.` (`base64-encoded-public-key`,
 * `value%23still-query` once decoded): three words or more, each with a vowel, letters with at
 * most a trailing number. Generated tokens mix digits into their runs.
 */
export function isWordPhrase(value: string): boolean {
  let text = value;
  if (text.includes("%")) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return false;
    }
  }
  const words = text.split(/[-_.#/]+/).filter((word) => word.length > 0);
  if (words.length < 3) return false;
  return words.every((word) => /^[a-z]{2,16}\d{0,3}$/.test(word) && VOWEL.test(word));
}

/** one part of a dotted path: a word (`rsa`, `hazmat`, `Union`), an acronym, or a worded identifier */
function isPathPart(part: string): boolean {
  if (isWordedIdentifier(part)) return true;
  if (!/^(?:[A-Z]?[a-z]{1,15}|[A-Z]{2,4})$/.test(part)) return false;
  return part.length <= 4 || VOWEL.test(part.toLowerCase());
}

/**
 * A dotted path of words under a lower-case module name (`rsa.RSAPublicKey`, `crypto.KeyObject`):
 * a type or a module member named in a string. Random tokens have no dots between words, and
 * seldom an all-lower-case part of that length (under 0.01% of random pairs of parts).
 */
export function isWordedPath(value: string): boolean {
  if (!MEMBER_CHAIN.test(value)) return false;
  let module = false;
  for (const part of value.split(/\??\./)) {
    if (!isPathPart(part)) return false;
    module ||= /^[a-z]{2,16}$/.test(part) && (part.length <= 4 || VOWEL.test(part));
  }
  return module;
}

/** An unquoted member chain such as `exports.validate` or `credentials_1.Credentials`; not a JWT. */
export function isMemberChain(value: string): boolean {
  return MEMBER_CHAIN.test(value) && !value.startsWith("eyJ");
}

/**
 * Whether the line goes on with an expression after an unquoted value: a ternary
 * (`next ? [] : {}`), a chained assignment (`a = b = c`), type arguments (`Schema<T>`), a call
 * or an index (`f(…)`, `a[i]`). Not `&&` or `||`: `TOKEN=… && deploy` is a shell command line.
 */
export function continuesExpression(rest: string): boolean {
  return /^(?:\s*(?:\?|\(|\[)|\s+=(?![=~])|<[A-Za-z_$])/.test(rest);
}

/**
 * An unquoted value that is code: a member chain, a worded identifier, or an identifier the
 * line continues as an expression. A password in a `.env` file may be spelt as a worded
 * identifier, so for passwords that alone is code only when code punctuation follows it
 * (`password: Uint8Array,` in a parameter list).
 */
export function isUnquotedCode(value: string, rest: string, password: boolean): boolean {
  if (isMemberChain(value)) return true;
  if (IDENTIFIER.test(value) && continuesExpression(rest)) return true;
  if (!isWordedIdentifier(value)) return false;
  return !password || /^[,;)>|&{=<]/.test(rest.trimStart());
}

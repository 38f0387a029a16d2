/**
 * Credential-shaped strings for the tests, built at run time from a seeded PRNG so that no test
 * file holds a secret-shaped literal (the repository is scanned by its own scanner).
 */
export const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
export const LOWER = "abcdefghijklmnopqrstuvwxyz";
export const DIGITS = "0123456789";
export const HEX = "0123456789abcdef";
export const ALNUM = UPPER + LOWER + DIGITS;
export const BASE64 = ALNUM + "+/";
export const BASE64URL = ALNUM + "-_";

/** mulberry32: a tiny seeded generator, the same sequence on every machine, so a case can be replayed. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class RandomTokens {
  readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /**
   * `length` characters of `alphabet`; redrawn until it has both a letter and a digit when the
   * alphabet offers both, as generated credentials practically always do.
   */
  chars(alphabet: string, length: number): string {
    for (;;) {
      let out = "";
      for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
      const wantsDigit = /\d/.test(alphabet) && /[A-Za-z]/.test(alphabet) && length >= 8;
      if (!wantsDigit || (/\d/.test(out) && /[A-Za-z]/.test(out))) return out;
    }
  }

  /** `prefix` + random body: the prefix is passed in pieces by callers, never as one literal token */
  token(prefix: string, alphabet: string, length: number): string {
    return prefix + this.chars(alphabet, length);
  }
}

/** base64url without padding, as JWT segments are encoded */
export function base64url(json: unknown): string {
  return Buffer.from(JSON.stringify(json)).toString("base64url");
}

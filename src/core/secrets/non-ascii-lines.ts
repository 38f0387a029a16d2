import type { Buffer } from "node:buffer";

const HIGH_BITS = 0x80808080 | 0;

/**
 * The first byte of `bytes[from, to)` that is not ASCII (>= 0x80), or -1: four bytes at a time
 * through `words` (the same memory, as 32-bit words) where they are aligned.
 */
function nextNonAscii(bytes: Buffer, words: Int32Array, from: number, to: number): number {
  let i = from;
  const offset = bytes.byteOffset;
  while (i < to && ((offset + i) & 3) !== 0) {
    if (bytes[i]! >= 0x80) return i;
    i++;
  }
  const lastWord = (offset + to) >> 2;
  let word = (offset + i) >> 2;
  while (word < lastWord && (words[word]! & HIGH_BITS) === 0) word++;
  for (i = Math.max(i, (word << 2) - offset); i < to; i++) if (bytes[i]! >= 0x80) return i;
  return -1;
}

/**
 * The lines of a UTF-8 text that hold a non-ASCII byte, as `[start, end)` byte ranges (end at
 * the line's `\n` or the end of the text), adjacent lines merged, in order: flat pairs.
 */
export function nonAsciiLines(bytes: Buffer): number[] {
  const ranges: number[] = [];
  const length = bytes.length;
  const words = new Int32Array(bytes.buffer, 0, bytes.buffer.byteLength >> 2);
  let from = 0;
  while (from < length) {
    const at = nextNonAscii(bytes, words, from, length);
    if (at === -1) break;
    const start = bytes.lastIndexOf(10, at) + 1;
    let end = bytes.indexOf(10, at);
    if (end === -1) end = length;
    if (ranges.length > 0 && ranges[ranges.length - 1]! + 1 >= start) ranges[ranges.length - 1] = end;
    else ranges.push(start, end);
    from = end + 1;
  }
  return ranges;
}

import { Buffer } from "node:buffer";

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
/** bytes sampled to tell UTF-16 text (every other byte NUL) from other binaries */
const SNIFF_BYTES = 8192;

/**
 * The text a secret scan can read in a binary file: its bytes as Latin-1, with NUL and the other
 * control bytes (tab excepted) turned into line breaks, as `strings` would split them. A file
 * that git calls binary because of one NUL byte is then scanned like the text it mostly is, and
 * a credential embedded in a real binary (an archive's stored file, a compiled constant) is found.
 * Text saved as UTF-16, where every other byte is NUL, is decoded as UTF-16 as well.
 */
export function printableText(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts = [buffer.toString("latin1")];
  const encoding = utf16Encoding(buffer);
  if (encoding === "utf16le") parts.push(buffer.toString("utf16le"));
  if (encoding === "utf16be") parts.push(Buffer.from(buffer).swap16().toString("utf16le"));
  return parts.map((part) => part.replace(CONTROL, "\n")).join("\n");
}

function utf16Encoding(buffer: Buffer): "utf16le" | "utf16be" | undefined {
  const length = Math.min(buffer.length, SNIFF_BYTES) & ~1;
  if (length < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < length; i += 2) {
    if (buffer[i] === 0) evenZeros++;
    if (buffer[i + 1] === 0) oddZeros++;
  }
  const pairs = length / 2;
  if (oddZeros >= pairs * 0.4 && evenZeros < pairs * 0.1) return "utf16le";
  if (evenZeros >= pairs * 0.4 && oddZeros < pairs * 0.1) return "utf16be";
  return undefined;
}

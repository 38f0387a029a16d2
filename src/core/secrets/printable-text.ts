import { Buffer } from "node:buffer";

/**
 * The text a secret scan can read in a binary file: its bytes as Latin-1, with NUL and the other
 * control bytes (tab excepted) turned into line breaks, as `strings` would split them. A file
 * that git calls binary because of one NUL byte is then scanned like the text it mostly is, and
 * a credential embedded in a real binary (an archive's stored file, a compiled constant) is found.
 */
export function printableText(bytes: Uint8Array): string {
  const decoded = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  return decoded.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "\n");
}

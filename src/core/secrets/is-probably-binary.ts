/** git looks at the first 8000 bytes for a NUL; control characters catch the rest. */
const SNIFF_BYTES = 8000;

export function isProbablyBinary(buf: Uint8Array): boolean {
  const length = Math.min(buf.length, SNIFF_BYTES);
  if (length === 0) return false;
  let control = 0;
  for (let i = 0; i < length; i++) {
    const byte = buf[i]!;
    if (byte === 0) return true;
    // tab, newline, vertical tab, form feed, carriage return and escape occur in text files
    if (byte < 32 && byte !== 9 && byte !== 10 && byte !== 11 && byte !== 12 && byte !== 13 && byte !== 27) control++;
  }
  return control / length > 0.1;
}

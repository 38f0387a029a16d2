import { describe, expect, it } from "vitest";
import { isProbablyBinary } from "../../../src/core/secrets/index.js";

describe("isProbablyBinary", () => {
  it("treats text (ASCII, UTF-8, tabs, CRLF, ANSI colours) as text", () => {
    expect(isProbablyBinary(Buffer.from("const a = 1;\r\n\tcafé ✓ \u001b[31mred\u001b[0m\n"))).toBe(false);
    expect(isProbablyBinary(new Uint8Array())).toBe(false);
  });

  it("treats a NUL byte or a mass of control bytes as binary", () => {
    expect(isProbablyBinary(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]))).toBe(true);
    expect(isProbablyBinary(Uint8Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 1 : 65)))).toBe(true);
  });

  it("only looks at the first 8000 bytes, as git does", () => {
    const late = new Uint8Array(9000).fill(65);
    late[8500] = 0;
    expect(isProbablyBinary(late)).toBe(false);
  });
});

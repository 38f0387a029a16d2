import { describe, expect, it } from "vitest";
import { locateJsonError } from "../../../src/core/jsonl/locate-json-error.js";

describe("locateJsonError", () => {
  it.each([
    ['{"a":1}', undefined],
    ['  [1, -2.5e3, "x\\u00e9\\n", true, false, null, {}, []]  ', undefined],
    ["", { column: 1, message: "unexpected end of line, expected a value" }],
    ['{"a":1', { column: 7, message: "unexpected end of line, expected ',' or the closing bracket" }],
    ['{"a" 1}', { column: 6, message: "unexpected \"1\", expected ':'" }],
    ["{a:1}", { column: 2, message: "unexpected \"a\", expected a property name in double quotes or '}'" }],
    ['{"a":1,}', { column: 8, message: 'unexpected "}", expected a property name in double quotes' }],
    ["[1,]", { column: 4, message: 'unexpected "]", expected a value' }],
    ["[1 2]", { column: 4, message: "unexpected \"2\", expected ',' or ']'" }],
    ['{"a":1]', { column: 7, message: "unexpected \"]\", expected ',' or '}'" }],
    ['{"a":1} x', { column: 9, message: 'unexpected "x" after the JSON value' }],
    ['{"a":"open', { column: 6, message: "unterminated string" }],
    ['"bad \\q"', { column: 6, message: "invalid escape \\q" }],
    ['"\\u12g4"', { column: 2, message: "invalid \\u escape: expected four hex digits" }],
    ['"tab\there"', { column: 5, message: "control character U+0009 in a string; escape it" }],
    ["-", { column: 1, message: "invalid number" }],
    ["tru", { column: 1, message: 'unexpected "t", expected a value' }],
    ["{'a':1}", { column: 2, message: "unexpected \"'\", expected a property name in double quotes or '}'" }],
  ])("%j → %j", (text, expected) => {
    expect(locateJsonError(text)).toEqual(expected);
  });

  it("counts columns in characters, so an emoji before the error counts once", () => {
    expect(locateJsonError('["🚀" x]')).toEqual({ column: 6, message: "unexpected \"x\", expected ',' or ']'" });
  });

  it("agrees with JSON.parse on what is valid", () => {
    const samples = ['{"a":[1,{"b":null}]}', "01", "1.", ".5", "[1e5]", '{"a":1,"a":2}', '"\\/"', "[-0]", "{} {}"];
    for (const sample of samples) {
      let valid = true;
      try {
        JSON.parse(sample);
      } catch (error) {
        valid = !(error instanceof SyntaxError);
      }
      expect(locateJsonError(sample) === undefined, sample).toBe(valid);
    }
  });

  it("survives deep nesting without overflowing the stack", () => {
    expect(locateJsonError(`${"[".repeat(200_000)}x`)).toEqual({
      column: 200_001,
      message: "unexpected \"x\", expected a value or ']'",
    });
  });
});

/**
 * Finds where a line stops being JSON. Node 20's `JSON.parse` messages do not always carry a
 * position ("Unexpected token '}', ... is not valid JSON"), and a queue error has to point at the
 * column to fix. The scanner is iterative so a deeply nested line cannot overflow the stack.
 */

export interface JsonErrorLocation {
  /** 1-based, counted in characters (code points) as an editor shows them */
  column: number;
  message: string;
}

type Expectation = "value" | "value-or-close" | "key" | "key-or-close" | "colon" | "comma-or-close" | "end";

const expectationText: Record<Expectation, string> = {
  value: "a value",
  "value-or-close": "a value or ']'",
  key: "a property name in double quotes",
  "key-or-close": "a property name in double quotes or '}'",
  colon: "':'",
  "comma-or-close": "',' or the closing bracket",
  end: "the end of the line",
};

const whitespace = new Set([" ", "\t", "\n", "\r"]);
const simpleEscapes = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);
const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const hexDigit = /^[0-9a-fA-F]$/;

const show = (char: string): string => JSON.stringify(char);

/** Returns undefined when the text is valid JSON. */
export function locateJsonError(text: string): JsonErrorLocation | undefined {
  const stack: ("array" | "object")[] = [];
  let expect: Expectation = "value";
  let i = 0;

  const fail = (at: number, message: string): JsonErrorLocation => ({
    column: Array.from(text.slice(0, at)).length + 1,
    message,
  });
  const afterValue = (): Expectation => (stack.length === 0 ? "end" : "comma-or-close");

  /** Returns the index after the closing quote, or an error. */
  const scanString = (start: number): number | JsonErrorLocation => {
    let j = start + 1;
    for (;;) {
      const char = text[j];
      if (char === undefined) return fail(start, "unterminated string");
      if (char === '"') return j + 1;
      if (char === "\\") {
        const escaped = text[j + 1];
        if (escaped === "u") {
          const hex = text.slice(j + 2, j + 6);
          if (hex.length < 4 || !Array.from(hex).every((digit) => hexDigit.test(digit))) {
            return fail(j, "invalid \\u escape: expected four hex digits");
          }
          j += 6;
        } else if (escaped !== undefined && simpleEscapes.has(escaped)) {
          j += 2;
        } else {
          return fail(j, escaped === undefined ? "unterminated string" : `invalid escape \\${escaped}`);
        }
      } else if (char.charCodeAt(0) < 0x20) {
        const code = char.charCodeAt(0).toString(16).padStart(4, "0").toUpperCase();
        return fail(j, `control character U+${code} in a string; escape it`);
      } else {
        j += 1;
      }
    }
  };

  for (;;) {
    while (i < text.length && whitespace.has(text[i] as string)) i += 1;
    const char = text[i];
    if (char === undefined) {
      return expect === "end" ? undefined : fail(i, `unexpected end of line, expected ${expectationText[expect]}`);
    }
    const unexpected = (wanted: string) => fail(i, `unexpected ${show(char)}, expected ${wanted}`);

    if (expect === "end") return fail(i, `unexpected ${show(char)} after the JSON value`);
    if (expect === "colon") {
      if (char !== ":") return unexpected(expectationText.colon);
      i += 1;
      expect = "value";
      continue;
    }
    if (expect === "comma-or-close") {
      const top = stack[stack.length - 1];
      const close = top === "object" ? "}" : "]";
      if (char === ",") {
        i += 1;
        expect = top === "object" ? "key" : "value";
      } else if (char === close) {
        i += 1;
        stack.pop();
        expect = afterValue();
      } else {
        return unexpected(`',' or '${close}'`);
      }
      continue;
    }
    if ((expect === "key-or-close" && char === "}") || (expect === "value-or-close" && char === "]")) {
      i += 1;
      stack.pop();
      expect = afterValue();
      continue;
    }
    if (expect === "key" || expect === "key-or-close") {
      if (char !== '"') return unexpected(expectationText[expect]);
      const end = scanString(i);
      if (typeof end !== "number") return end;
      i = end;
      expect = "colon";
      continue;
    }

    // expect is "value" or "value-or-close"
    if (char === "{" || char === "[") {
      stack.push(char === "{" ? "object" : "array");
      i += 1;
      expect = char === "{" ? "key-or-close" : "value-or-close";
    } else if (char === '"') {
      const end = scanString(i);
      if (typeof end !== "number") return end;
      i = end;
      expect = afterValue();
    } else if (char === "-" || (char >= "0" && char <= "9")) {
      numberPattern.lastIndex = i;
      const match = numberPattern.exec(text);
      if (match === null) return fail(i, "invalid number");
      i += match[0].length;
      expect = afterValue();
    } else {
      const literal = ["true", "false", "null"].find((word) => text.startsWith(word, i));
      if (literal === undefined) return unexpected(expectationText[expect]);
      i += literal.length;
      expect = afterValue();
    }
  }
}

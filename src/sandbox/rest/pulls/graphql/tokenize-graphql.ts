/** GraphQL's lexical tokens: punctuators, names, numbers and (single-line) strings, with positions. */

export class GraphqlSyntaxError extends Error {}

export interface Token {
  kind: "punct" | "name" | "string" | "number";
  text: string;
  line: number;
  column: number;
}

const tokenPattern = /([\s,\uFEFF]+|#[^\n\r]*)|(\.\.\.|[!$():=@[\]{}|&])|([_A-Za-z][_0-9A-Za-z]*)|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|("(?:[^"\\\n\r]|\\.)*")/y;

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let lineStart = 0;
  tokenPattern.lastIndex = 0;
  while (tokenPattern.lastIndex < source.length) {
    const at = tokenPattern.lastIndex;
    if (source.startsWith('"""', at)) throw new GraphqlSyntaxError("sandbox: block strings are not supported");
    const match = tokenPattern.exec(source);
    if (!match) throw new GraphqlSyntaxError(`Parse error on "${source.charAt(at)}" at [${line}, ${at - lineStart + 1}]`);
    const text = match[0];
    const column = at - lineStart + 1;
    if (match[1] !== undefined) {
      for (let index = 0; index < text.length; index += 1) {
        if (text[index] === "\n") {
          line += 1;
          lineStart = at + index + 1;
        }
      }
      continue;
    }
    const kind = match[2] !== undefined ? "punct" : match[3] !== undefined ? "name" : match[4] !== undefined ? "number" : "string";
    tokens.push({ kind, text, line, column });
  }
  return tokens;
}

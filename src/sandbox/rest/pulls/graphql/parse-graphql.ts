/**
 * A small, strict reader for the GraphQL the sandbox answers: one operation with variables, fields
 * with aliases, arguments and nested selections, and literal values. Fragments, directives and
 * block strings are refused with a clear message rather than half-understood.
 */

import { GraphqlSyntaxError, tokenize, type Token } from "./tokenize-graphql.js";

export { GraphqlSyntaxError } from "./tokenize-graphql.js";

export type GraphqlValue =
  | { kind: "variable"; name: string }
  | { kind: "literal"; value: unknown }
  | { kind: "object"; fields: Map<string, GraphqlValue> }
  | { kind: "list"; items: GraphqlValue[] };

export interface GraphqlField {
  /** the alias if there is one, else the name: the key in `data` */
  key: string;
  name: string;
  args: Map<string, GraphqlValue>;
  selections: GraphqlField[];
  line: number;
  column: number;
}

export interface GraphqlOperation {
  type: "query" | "mutation" | "subscription";
  selections: GraphqlField[];
}

/** A string literal's value: GraphQL's escapes are JSON's. */
function parseString(token: Token): string {
  try {
    return JSON.parse(token.text) as string;
  } catch {
    throw new GraphqlSyntaxError(`Parse error on bad string ${token.text} at [${token.line}, ${token.column}]`);
  }
}

class Parser {
  #index = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(): Token | undefined {
    return this.tokens[this.#index];
  }

  next(): Token {
    const token = this.tokens[this.#index++];
    if (!token) throw new GraphqlSyntaxError("Parse error on end of document: unexpected end of input");
    return token;
  }

  is(text: string): boolean {
    const token = this.peek();
    return token !== undefined && token.kind === "punct" && token.text === text;
  }

  expect(text: string): Token {
    const token = this.next();
    if (token.text !== text || token.kind === "string") {
      throw new GraphqlSyntaxError(`Parse error on "${token.text}" at [${token.line}, ${token.column}]: expected "${text}"`);
    }
    return token;
  }

  name(): Token {
    const token = this.next();
    if (token.kind !== "name") throw new GraphqlSyntaxError(`Parse error on "${token.text}" at [${token.line}, ${token.column}]: expected a name`);
    return token;
  }

  operation(): GraphqlOperation {
    let type: GraphqlOperation["type"] = "query";
    if (!this.is("{")) {
      const keyword = this.name();
      if (keyword.text === "fragment") throw new GraphqlSyntaxError("sandbox: fragments are not supported");
      if (keyword.text !== "query" && keyword.text !== "mutation" && keyword.text !== "subscription") {
        throw new GraphqlSyntaxError(`Parse error on "${keyword.text}" at [${keyword.line}, ${keyword.column}]`);
      }
      type = keyword.text;
      if (this.peek()?.kind === "name") this.next();
      if (this.is("(")) this.variableDefinitions();
    }
    const selections = this.selectionSet();
    const extra = this.peek();
    if (extra) throw new GraphqlSyntaxError(`sandbox: only one operation per document is supported (found "${extra.text}" at [${extra.line}, ${extra.column}])`);
    return { type, selections };
  }

  /** `($id: ID!, $n: Int = 3)`: the declared types are not checked, the values are. */
  variableDefinitions(): void {
    this.expect("(");
    while (!this.is(")")) {
      this.expect("$");
      this.name();
      this.expect(":");
      this.type();
      if (this.is("=")) {
        this.next();
        this.value();
      }
    }
    this.expect(")");
  }

  type(): void {
    if (this.is("[")) {
      this.next();
      this.type();
      this.expect("]");
    } else {
      this.name();
    }
    if (this.is("!")) this.next();
  }

  selectionSet(): GraphqlField[] {
    this.expect("{");
    const fields: GraphqlField[] = [];
    while (!this.is("}")) {
      if (this.is("...")) throw new GraphqlSyntaxError("sandbox: fragments are not supported");
      if (this.is("@")) throw new GraphqlSyntaxError("sandbox: directives are not supported");
      fields.push(this.field());
    }
    this.expect("}");
    if (fields.length === 0) throw new GraphqlSyntaxError("Parse error: a selection set may not be empty");
    return fields;
  }

  field(): GraphqlField {
    const first = this.name();
    let name = first;
    if (this.is(":")) {
      this.next();
      name = this.name();
    }
    const args = new Map<string, GraphqlValue>();
    if (this.is("(")) {
      this.next();
      while (!this.is(")")) {
        const arg = this.name();
        this.expect(":");
        args.set(arg.text, this.value());
      }
      this.expect(")");
    }
    if (this.is("@")) throw new GraphqlSyntaxError("sandbox: directives are not supported");
    const selections = this.is("{") ? this.selectionSet() : [];
    return { key: first.text, name: name.text, args, selections, line: first.line, column: first.column };
  }

  value(): GraphqlValue {
    const token = this.next();
    if (token.kind === "string") return { kind: "literal", value: parseString(token) };
    if (token.kind === "number") return { kind: "literal", value: Number(token.text) };
    if (token.kind === "name") {
      const constants: Record<string, unknown> = { true: true, false: false, null: null };
      return { kind: "literal", value: token.text in constants ? constants[token.text] : token.text };
    }
    if (token.text === "$") return { kind: "variable", name: this.name().text };
    if (token.text === "[") {
      const items: GraphqlValue[] = [];
      while (!this.is("]")) items.push(this.value());
      this.next();
      return { kind: "list", items };
    }
    if (token.text === "{") {
      const fields = new Map<string, GraphqlValue>();
      while (!this.is("}")) {
        const key = this.name();
        this.expect(":");
        fields.set(key.text, this.value());
      }
      this.next();
      return { kind: "object", fields };
    }
    throw new GraphqlSyntaxError(`Parse error on "${token.text}" at [${token.line}, ${token.column}]`);
  }
}

/** Reads a GraphQL document with exactly one operation. */
export function parseGraphql(source: string): GraphqlOperation {
  return new Parser(tokenize(source)).operation();
}

/** A value with its variables filled in. */
export function resolveValue(value: GraphqlValue, variables: Record<string, unknown>): unknown {
  switch (value.kind) {
    case "variable":
      return variables[value.name];
    case "literal":
      return value.value;
    case "list":
      return value.items.map((item) => resolveValue(item, variables));
    case "object":
      return Object.fromEntries([...value.fields].map(([key, item]) => [key, resolveValue(item, variables)]));
  }
}

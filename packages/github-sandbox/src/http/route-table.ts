import type { DescribedOperation, GithubDescription } from "./load-github-description.js";
import type { OperationObject } from "./openapi-document.js";
import { parseQuery } from "./parse-query.js";

/** What a request resolves to: the operation, its path parameters (decoded) and its query. */
export interface RouteMatch {
  operationId: string;
  /** Upper case; a HEAD request matches its GET operation and reports GET. */
  method: string;
  template: string;
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  operation: OperationObject;
  described: DescribedOperation;
}

interface Endpoint {
  described: DescribedOperation;
  /** Parameter names in template order, matched to the captured values by position. */
  names: string[];
}

interface RouteNode {
  literals: Map<string, RouteNode>;
  /** A parameter that fills one whole segment. */
  segment?: RouteNode;
  /** An `x-multi-segment` parameter: one or more segments (`heads/feat/x`, `docs/a.md`). */
  multiSegment?: RouteNode;
  /** Segments mixing text and parameters, such as `{base}...{head}`. */
  patterns: Map<string, { regex: RegExp; node: RouteNode }>;
  endpoints: Map<string, Endpoint>;
}

const newNode = (): RouteNode => ({ literals: new Map(), patterns: new Map(), endpoints: new Map() });
const wholeParameter = /^\{([^{}]+)\}$/;
const enterprisePrefix = "/api/v3";

/** GitHub Enterprise base URLs end in `/api/v3` (Probot with GHE_HOST); the routes are the same. */
export function stripEnterprisePrefix(path: string): string {
  if (path === enterprisePrefix) return "/";
  return path.startsWith(`${enterprisePrefix}/`) ? path.slice(enterprisePrefix.length) : path;
}

function decodeParameter(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch (error) {
    // A malformed escape (`%E0%A4%A`) names no resource; the request simply matches nothing.
    if (error instanceof URIError) return undefined;
    throw error;
  }
}

function patternFor(segment: string, names: string[]): RegExp {
  const parts = segment.split(/(\{[^{}]+\})/).filter(Boolean);
  const source = parts
    .map((part) => {
      const name = wholeParameter.exec(part)?.[1];
      if (!name) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(name);
      return "(.+?)";
    })
    .join("");
  return new RegExp(`^${source}$`);
}

/**
 * Maps `METHOD /raw/path?query` to an operation of GitHub's description. Paths are matched raw,
 * segment by segment, and each captured parameter is decoded afterwards, because Octokit
 * percent-encodes `/` inside parameters (`git/refs/heads%2Ffeature`) while other clients send it
 * literally. At every segment a literal wins over a parameter (`pulls/comments` is not pull
 * request "comments"), then a one-segment parameter, then a multi-segment one (taking as few
 * segments as still let the rest of the path match), and last a segment mixing text and
 * parameters: the only one, Octokit's deprecated `compare/{base}...{head}`, must not shadow
 * `compare/{basehead}`.
 */
export class RouteTable {
  static readonly #shared = new WeakMap<GithubDescription, RouteTable>();
  readonly #root = newNode();
  readonly size: number;

  /** One table per description, built on first use: routes never change at run time. */
  static fromDescription(description: GithubDescription): RouteTable {
    let table = RouteTable.#shared.get(description);
    if (!table) {
      table = new RouteTable(description);
      RouteTable.#shared.set(description, table);
    }
    return table;
  }

  constructor(description: GithubDescription) {
    for (const described of description.operations.values()) this.#add(described);
    this.size = description.operations.size;
  }

  match(method: string, rawUrl: string): RouteMatch | undefined {
    const queryStart = rawUrl.indexOf("?");
    const rawPath = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
    const rawQuery = queryStart === -1 ? "" : rawUrl.slice(queryStart + 1);
    const upper = method.toUpperCase();
    const wanted = upper === "HEAD" ? "GET" : upper;
    const segments = stripEnterprisePrefix(rawPath).slice(1).split("/");
    const found = this.#find(this.#root, segments, 0, [], wanted);
    if (!found) return undefined;

    const params: Record<string, string> = {};
    for (const [index, name] of found.endpoint.names.entries()) {
      const value = decodeParameter(found.values[index] ?? "");
      if (value === undefined) return undefined;
      params[name] = value;
    }
    const { described } = found.endpoint;
    return {
      operationId: described.operationId,
      method: described.method,
      template: described.template,
      params,
      query: parseQuery(rawQuery),
      operation: described.operation,
      described,
    };
  }

  #add(described: DescribedOperation): void {
    const multi = new Set(
      described.parameters.filter((p) => p.in === "path" && p["x-multi-segment"]).map((p) => p.name),
    );
    const names: string[] = [];
    let node = this.#root;
    for (const segment of described.template.slice(1).split("/")) {
      const name = wholeParameter.exec(segment)?.[1];
      if (name !== undefined) {
        names.push(name);
        const key = multi.has(name) ? "multiSegment" : "segment";
        node = node[key] ??= newNode();
      } else if (segment.includes("{")) {
        const regex = patternFor(segment, names);
        const entry = node.patterns.get(regex.source) ?? { regex, node: newNode() };
        node.patterns.set(regex.source, entry);
        node = entry.node;
      } else {
        let next = node.literals.get(segment);
        if (!next) node.literals.set(segment, (next = newNode()));
        node = next;
      }
    }
    node.endpoints.set(described.method, { described, names });
  }

  #find(
    node: RouteNode,
    segments: readonly string[],
    at: number,
    values: readonly string[],
    method: string,
  ): { endpoint: Endpoint; values: readonly string[] } | undefined {
    if (at === segments.length) {
      const endpoint = node.endpoints.get(method);
      if (endpoint) return { endpoint, values };
      // GitHub reads a missing last multi-segment parameter as empty: `contents` is the root, like `contents/`
      const empty = node.multiSegment?.endpoints.get(method);
      return empty ? { endpoint: empty, values: [...values, ""] } : undefined;
    }
    const segment = segments[at] ?? "";
    const literal = node.literals.get(segment);
    const viaLiteral = literal && this.#find(literal, segments, at + 1, values, method);
    if (viaLiteral) return viaLiteral;

    if (node.segment && segment !== "") {
      const found = this.#find(node.segment, segments, at + 1, [...values, segment], method);
      if (found) return found;
    }
    if (node.multiSegment) {
      for (let end = at + 1; end <= segments.length; end += 1) {
        const value = segments.slice(at, end).join("/");
        // Only a trailing empty segment may be empty: `contents/` is the repository's root.
        if (value === "" && end !== segments.length) continue;
        const found = this.#find(node.multiSegment, segments, end, [...values, value], method);
        if (found) return found;
      }
    }
    for (const { regex, node: next } of node.patterns.values()) {
      const captured = regex.exec(segment);
      if (!captured) continue;
      const found = this.#find(next, segments, at + 1, [...values, ...captured.slice(1)], method);
      if (found) return found;
    }
    return undefined;
  }
}

import { describe, expect, it } from "vitest";
import { graphqlQueryCost } from "../../src/http/graphql-query-cost.js";

const body = (query: string, variables?: Record<string, unknown>, operationName?: string) =>
  Buffer.from(JSON.stringify({ query, variables, operationName }));

/** GitHub's documented example: 1 + 100 + 100 × 50 requests = 5,101, so 51 points. */
const docsExample = `query {
  viewer {
    login
    repositories(first: 100) {
      edges { node { id issues(first: 50) { edges { node { id labels(first: 60) { edges { node { name } } } } } } } }
    }
  }
}`;

describe("graphqlQueryCost", () => {
  it("charges GitHub's documented example 51 points, a small query 1", () => {
    expect(graphqlQueryCost(body(docsExample))).toBe(51);
    expect(graphqlQueryCost(body("query { viewer { login } }"))).toBe(1);
    expect(
      graphqlQueryCost(body('query { repository(owner: "a", name: "b") { issues(first: 100) { totalCount } } }')),
    ).toBe(1);
  });

  it("reads page sizes from variables and follows fragments, inline or named", () => {
    const query = `query Q($n: Int!) {
      viewer { repositories(first: $n) { nodes { ...Issues ... on Repository { pullRequests(last: 100) { totalCount } } } } }
    }
    fragment Issues on Repository { issues(first: 100) { nodes { id } } }`;
    // 1 + 100 + 100 = 201 requests
    expect(graphqlQueryCost(body(query, { n: 100 }))).toBe(2);
    expect(graphqlQueryCost(body(query, { n: 10 }))).toBe(1);
  });

  it("costs the named operation, and a body that is no query 1", () => {
    const both = `query Small { viewer { login } } ${docsExample.replace("query {", "query Large {")}`;
    expect(graphqlQueryCost(body(both, undefined, "Small"))).toBe(1);
    expect(graphqlQueryCost(body(both, undefined, "Large"))).toBe(51);
    expect(graphqlQueryCost(Buffer.from("not json"))).toBe(1);
    expect(graphqlQueryCost(undefined)).toBe(1);
  });
});

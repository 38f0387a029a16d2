import {
  getOperationAST,
  Kind,
  parse,
  type FieldNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
} from "graphql";

/** A connection's page size, `first` or `last`, given inline or as a variable. */
function pageSize(field: FieldNode, variables: Record<string, unknown>): number | undefined {
  for (const argument of field.arguments ?? []) {
    if (argument.name.value !== "first" && argument.name.value !== "last") continue;
    const { value } = argument;
    if (value.kind === Kind.INT) return Number.parseInt(value.value, 10);
    if (value.kind === Kind.VARIABLE) {
      const given = variables[value.name.value];
      if (typeof given === "number") return given;
    }
  }
  return undefined;
}

/**
 * What a GraphQL request costs against the primary limit, by GitHub's documented formula: count
 * the requests its connections need (each connection once per node of the connections around it,
 * by their `first`/`last`), divide by 100 and round; at least 1 point. Mutations are costed the
 * same way (best reading: GitHub documents the formula for queries). A body that is no query
 * costs 1, as the request it still is.
 */
export function graphqlQueryCost(rawBody: Buffer | undefined): number {
  let requests = 0;
  try {
    const { query, operationName, variables } = JSON.parse(rawBody?.toString("utf8") ?? "") as {
      query?: unknown;
      operationName?: unknown;
      variables?: unknown;
    };
    if (typeof query !== "string") return 1;
    const document = parse(query);
    const operation = getOperationAST(document, typeof operationName === "string" ? operationName : undefined);
    if (!operation) return 1;
    const given = typeof variables === "object" && variables !== null ? (variables as Record<string, unknown>) : {};
    const fragments = new Map(
      document.definitions
        .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
        .map((fragment) => [fragment.name.value, fragment]),
    );
    const walk = (selectionSet: SelectionSetNode, multiplier: number, spread: ReadonlySet<string>): void => {
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet, multiplier, spread);
        else if (selection.kind === Kind.FRAGMENT_SPREAD) {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          if (fragment && !spread.has(name)) walk(fragment.selectionSet, multiplier, new Set([...spread, name]));
        } else if (selection.selectionSet) {
          const size = pageSize(selection, given);
          if (size !== undefined) requests += multiplier;
          walk(selection.selectionSet, multiplier * (size ?? 1), spread);
        }
      }
    };
    walk(operation.selectionSet, 1, new Set());
  } catch {
    // not JSON or not GraphQL: the handler answers the error; the request still costs a point
    return 1;
  }
  return Math.max(1, Math.round(requests / 100));
}

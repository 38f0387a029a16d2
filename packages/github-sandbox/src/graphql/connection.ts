import { FieldError, pageSize } from "./field-error.js";

/**
 * What a connection takes: `first` or `last` (one of them, at most 100) and `after`/`before`
 * cursors. Most of the sandbox's connections declare only `first` and `after`, as GitHub's do.
 */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

const cursorOf = (index: number): string => Buffer.from(`cursor:v2:${index}`).toString("base64");

/** The position `cursor` names, or GitHub's INVALID_CURSOR_ARGUMENTS for one it never gave out. */
function positionOf(cursor: string): number {
  const match = /^cursor:v2:(\d+)$/.exec(Buffer.from(cursor, "base64").toString("utf8"));
  if (!match) throw new FieldError("INVALID_CURSOR_ARGUMENTS", `\`${cursor}\` does not appear to be a valid cursor.`);
  return Number(match[1]);
}

/** Where the page lies in `count` items: after `after`, before `before`, its `first` or `last` ones. */
function pageBounds(count: number, args: PageArgs, connection: string): { start: number; end: number } {
  const low = args.after == null ? 0 : positionOf(args.after) + 1;
  const high = args.before == null ? count : Math.min(count, positionOf(args.before));
  if (args.last == null) {
    const size = pageSize(args.first, connection);
    return { start: low, end: Math.max(low, Math.min(high, low + size)) };
  }
  // GitHub's wording, as clients quote it; its error `type` is not known, so none is given
  if (args.first != null)
    throw new FieldError(
      undefined,
      `Passing both \`first\` and \`last\` to paginate the \`${connection}\` connection is not supported.`,
    );
  if (args.last < 0 || args.last > 100)
    throw new FieldError(
      "EXCESSIVE_PAGINATION",
      `Requesting ${args.last} records on the \`${connection}\` connection exceeds the \`last\` limit of 100 records.`,
    );
  return { start: Math.min(high, Math.max(low, high - args.last)), end: high };
}

/**
 * One page of `items` as GitHub's connections answer it: `totalCount`, `pageInfo` (cursors of the
 * page's first and last edge) and the page as `nodes` and as `edges { cursor node }`.
 */
export function connectionOf<T>(
  items: readonly T[],
  args: PageArgs,
  connection: string,
  nodeOf: (item: T) => unknown,
): Record<string, unknown> {
  const { start, end } = pageBounds(items.length, args, connection);
  const page = items.slice(start, end).map((item, offset) => ({
    cursor: cursorOf(start + offset),
    node: nodeOf(item),
  }));
  return {
    totalCount: items.length,
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: page[0]?.cursor ?? null,
      endCursor: page.at(-1)?.cursor ?? null,
    },
    edges: page,
    nodes: page.map((edge) => edge.node),
  };
}

import { FieldError, pageSize } from "./field-error.js";

/** What a forward-paged connection takes: `first` (required, at most 100) and an `after` cursor. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

const cursorOf = (index: number): string => Buffer.from(`cursor:v2:${index}`).toString("base64");

/** The position after `cursor`, or GitHub's INVALID_CURSOR_ARGUMENTS for one it never gave out. */
function startAfter(cursor: string | null | undefined): number {
  if (cursor === undefined || cursor === null) return 0;
  const match = /^cursor:v2:(\d+)$/.exec(Buffer.from(cursor, "base64").toString("utf8"));
  if (!match) throw new FieldError("INVALID_CURSOR_ARGUMENTS", `\`${cursor}\` does not appear to be a valid cursor.`);
  return Number(match[1]) + 1;
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
  const size = pageSize(args.first, connection);
  const start = startAfter(args.after);
  const page = items.slice(start, start + size).map((item, offset) => ({
    cursor: cursorOf(start + offset),
    node: nodeOf(item),
  }));
  return {
    totalCount: items.length,
    pageInfo: {
      hasNextPage: start + page.length < items.length,
      hasPreviousPage: start > 0,
      startCursor: page[0]?.cursor ?? null,
      endCursor: page.at(-1)?.cursor ?? null,
    },
    edges: page,
    nodes: page.map((edge) => edge.node),
  };
}

import type { GithubClient, RepoRef } from "./client.js";
import type { ReviewThread, ThreadAuthor } from "./port-types.js";

interface AuthorShape {
  __typename?: string;
  login: string;
}

interface ThreadShape {
  id: string;
  isResolved: boolean;
  isOutdated: boolean;
  path: string;
  line: number | null;
  /** a `User`: GitHub names no bot here (the field's type is User) */
  resolvedBy?: { login: string } | null;
  comments: { totalCount: number; nodes: ({ author: AuthorShape | null } | null)[] | null };
}

interface ThreadsPage {
  repository: {
    pullRequest: {
      reviewThreads: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: (ThreadShape | null)[] };
    } | null;
  } | null;
}

/** GraphQL names a bot by its slug; REST, webhooks and the app's own login say `<slug>[bot]`. */
const authorOf = (author: AuthorShape | null): ThreadAuthor | null => {
  if (author === null) return null;
  const bot = author.__typename === "Bot";
  const login = bot && !author.login.endsWith("[bot]") ? `${author.login}[bot]` : author.login;
  return { login, bot };
};

const threadOf = (node: ThreadShape): ReviewThread => {
  const comments = (node.comments.nodes ?? []).filter((comment) => comment !== null);
  return {
    id: node.id,
    isResolved: node.isResolved,
    isOutdated: node.isOutdated,
    path: node.path,
    line: node.line,
    authors: comments.map((comment) => authorOf(comment.author)),
    complete: comments.length >= node.comments.totalCount,
    ...(node.isResolved ? { resolvedBy: node.resolvedBy?.login ?? null } : {}),
  };
};

/** Every review thread of the pull request, 100 a page, each with the authors of its first 100 comments. */
export async function readReviewThreads(
  octokit: GithubClient,
  { owner, repo }: RepoRef,
  pullNumber: number,
): Promise<ReviewThread[]> {
  const threads: ReviewThread[] = [];
  let after: string | null = null;
  do {
    const data: ThreadsPage = await octokit.graphql<ThreadsPage>(
      `query($owner: String!, $name: String!, $number: Int!, $after: String) {
        repository(owner: $owner, name: $name) {
          pullRequest(number: $number) {
            reviewThreads(first: 100, after: $after) {
              pageInfo { hasNextPage endCursor }
              nodes {
                id isResolved isOutdated path line resolvedBy { login }
                comments(first: 100) { totalCount nodes { author { __typename login } } }
              }
            }
          }
        }
      }`,
      { owner, name: repo, number: pullNumber, after },
    );
    const connection = data.repository?.pullRequest?.reviewThreads;
    if (!connection) break;
    threads.push(...connection.nodes.filter((node) => node !== null).map(threadOf));
    after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
  } while (after !== null);
  return threads;
}

/** Threads resolved in one request: many aliased `resolveReviewThread` mutations, at most this many. */
const resolvesPerRequest = 50;

/**
 * Resolves the threads, one GraphQL request per 50 (aliased `resolveReviewThread` mutations); the
 * ids GitHub answered resolved. A thread GitHub refused (its `errors`, HTTP 200) is left out; a
 * network or HTTP error throws.
 */
export async function resolveReviewThreads(octokit: GithubClient, threadIds: readonly string[]): Promise<string[]> {
  const resolved: string[] = [];
  for (let start = 0; start < threadIds.length; start += resolvesPerRequest) {
    const ids = threadIds.slice(start, start + resolvesPerRequest);
    const declarations = ids.map((_, index) => `$t${index}: ID!`).join(", ");
    const fields = ids
      .map((_, index) => `r${index}: resolveReviewThread(input: { threadId: $t${index} }) { thread { id isResolved } }`)
      .join("\n");
    const variables = Object.fromEntries(ids.map((id, index) => [`t${index}`, id]));
    type Answer = Record<string, { thread: { id: string; isResolved: boolean } | null } | null>;
    let data: Answer;
    try {
      data = await octokit.graphql<Answer>(`mutation(${declarations}) {\n${fields}\n}`, variables);
    } catch (error) {
      // a partial answer: the aliases GitHub resolved are in `data`, the refused ones in `errors`
      const partial = (error as { data?: Answer; errors?: unknown } | null)?.data;
      if (partial === undefined || partial === null || (error as { errors?: unknown }).errors === undefined)
        throw error;
      data = partial;
    }
    for (const answer of Object.values(data)) if (answer?.thread?.isResolved) resolved.push(answer.thread.id);
  }
  return resolved;
}

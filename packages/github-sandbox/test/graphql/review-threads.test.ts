import { describe, expect, it } from "vitest";
import { pushCommit } from "../helpers/push-commit.js";
import { eventNames, useRestFixture } from "../rest/rest-fixture.js";
import { commitTo, openPull } from "../rest/pulls/pull-helpers.js";

const fixture = useRestFixture({
  perTest: true,
  setUp: async (started) => {
    started.ctx.state.setPermission(started.repo, "bob", "write");
    await commitTo(started, "feature", { "a.txt": "one\ntwo\nthree\n" });
    await openPull(started, "feature"); // opened by the app's bot
  },
});

const pr = { owner: "acme", repo: "widgets", pull_number: 1 };

/** The raw GraphQL answer (octokit.graphql would throw on errors). */
async function raw(query: string, variables: Record<string, unknown>, octokit = fixture.app()) {
  return (await octokit.request("POST /graphql", { query, variables })).data as Record<string, any>;
}

const threadFields = `id isResolved isOutdated path line originalLine resolvedBy { login }
  viewerCanResolve viewerCanUnresolve pullRequest { number }
  comments(first: 10) { totalCount nodes { databaseId body author { __typename login } } }`;
const threadsQuery = `query ($after: String) {
  repository(owner: "acme", name: "widgets") { pullRequest(number: 1) {
    reviewThreads(first: 1, after: $after) {
      totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor } nodes { ${threadFields} }
    }
  } }
}`;
const resolve = `mutation ($id: ID!) { resolveReviewThread(input: { threadId: $id, clientMutationId: "r1" }) {
  clientMutationId thread { id isResolved resolvedBy { login } viewerCanResolve viewerCanUnresolve } } }`;
const unresolve = `mutation ($id: ID!) { unresolveReviewThread(input: { threadId: $id }) { thread { isResolved resolvedBy { login } } } }`;

/** Bob's review with a comment on line 1 and one on line 3, and the app's reply to the first. */
async function reviewWithTwoThreads(): Promise<{ first: number; reply: number }> {
  const review = await fixture.user("bob").rest.pulls.createReview({
    ...pr,
    event: "COMMENT",
    body: "Two findings",
    comments: [
      { path: "a.txt", line: 1, body: "first" },
      { path: "a.txt", line: 3, body: "third" },
    ],
  });
  const comments = (await fixture.app().rest.pulls.listCommentsForReview({ ...pr, review_id: review.data.id })).data;
  const first = comments.find((comment) => comment.body === "first")?.id ?? 0;
  const reply = await fixture.app().rest.pulls.createReplyForReviewComment({ ...pr, comment_id: first, body: "fixed" });
  return { first, reply: reply.data.id };
}

const threadsPage = async (after: string | null, octokit = fixture.user("bob")) =>
  (await raw(threadsQuery, { after }, octokit)).data.repository.pullRequest.reviewThreads;

describe("GraphQL review threads", () => {
  it("pages a pull request's threads with their comments, and marks a thread outdated once its line changed", async () => {
    const { first, reply } = await reviewWithTwoThreads();
    const page1 = await threadsPage(null);
    expect(page1).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true, hasPreviousPage: false } });
    expect(page1.edges[0].cursor).toBe(page1.pageInfo.endCursor);
    expect(page1.nodes[0]).toMatchObject({
      isResolved: false,
      isOutdated: false,
      path: "a.txt",
      line: 1,
      originalLine: 1,
      resolvedBy: null,
      viewerCanResolve: true,
      viewerCanUnresolve: false,
      pullRequest: { number: 1 },
      comments: {
        totalCount: 2,
        nodes: [
          { databaseId: first, body: "first", author: { __typename: "User", login: "bob" } },
          // an app's bot has no `[bot]` in its GraphQL login
          { databaseId: reply, body: "fixed", author: { __typename: "Bot", login: "autopilot-sandbox" } },
        ],
      },
    });
    const page2 = await threadsPage(page1.pageInfo.endCursor);
    expect(page2).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: false, hasPreviousPage: true } });
    expect(page2.nodes[0]).toMatchObject({ line: 3, comments: { totalCount: 1, nodes: [{ body: "third" }] } });

    // a push that changes line 1 outdates the first thread (REST: `line` and `position` null)
    await pushCommit(fixture.app(), "feature", "Fix line one", { "a.txt": "ONE\ntwo\nthree\n" });
    const [outdated, kept] = [
      (await threadsPage(null)).nodes[0],
      (await threadsPage(page1.pageInfo.endCursor)).nodes[0],
    ];
    expect(outdated).toMatchObject({ isOutdated: true, line: null, originalLine: 1 });
    expect(kept).toMatchObject({ isOutdated: false, line: 3 });
    const rest = (
      await fixture.app().rest.pulls.getReviewComment({ owner: "acme", repo: "widgets", comment_id: first })
    ).data;
    expect([rest.line, rest.position]).toEqual([null, null]);
  });

  it("refuses `first` above 100 and a cursor it never gave out", async () => {
    await reviewWithTwoThreads();
    const tooMany = await raw(
      `{ repository(owner: "acme", name: "widgets") { pullRequest(number: 1) { reviewThreads(first: 101) { totalCount } } } }`,
      {},
    );
    expect(tooMany.errors).toEqual([expect.objectContaining({ type: "EXCESSIVE_PAGINATION" })]);
    const badCursor = await raw(threadsQuery, { after: "bm9wZQ==" });
    expect(badCursor.errors).toEqual([
      expect.objectContaining({
        type: "INVALID_CURSOR_ARGUMENTS",
        message: "`bm9wZQ==` does not appear to be a valid cursor.",
      }),
    ]);
  });

  it("lets a writer resolve and unresolve a thread, reads it back by node id, and announces each change", async () => {
    await reviewWithTwoThreads();
    const thread = (await threadsPage(null)).nodes[0];
    const resolved = (await raw(resolve, { id: thread.id }, fixture.user("bob"))).data.resolveReviewThread;
    expect(resolved).toEqual({
      clientMutationId: "r1",
      thread: {
        id: thread.id,
        isResolved: true,
        resolvedBy: { login: "bob" },
        viewerCanResolve: false,
        viewerCanUnresolve: true,
      },
    });
    const node = await raw(
      `query ($id: ID!) { node(id: $id) { ... on PullRequestReviewThread { ${threadFields} } } }`,
      {
        id: thread.id,
      },
    );
    expect(node.data.node).toMatchObject({ id: thread.id, isResolved: true, resolvedBy: { login: "bob" } });

    const back = (await raw(unresolve, { id: thread.id }, fixture.user("octocat"))).data.unresolveReviewThread;
    expect(back.thread).toEqual({ isResolved: false, resolvedBy: null });
    // resolving by the app: done, but `resolvedBy` is a User and an app's bot is none
    const byApp = (await raw(resolve, { id: thread.id })).data.resolveReviewThread;
    expect(byApp.thread).toMatchObject({ isResolved: true, resolvedBy: null });
    expect(eventNames(fixture).filter((name) => name.startsWith("pull_request_review_thread"))).toEqual([
      "pull_request_review_thread.resolved",
      "pull_request_review_thread.unresolved",
      "pull_request_review_thread.resolved",
    ]);
    const last = fixture.events.at(-1);
    if (last?.name !== "pull_request_review_thread") throw new Error("no thread event");
    expect(last.sender.login).toBe("autopilot-sandbox[bot]");
    expect(last.thread.comments.map(({ comment }) => comment.body)).toEqual(["first", "fixed"]);
  });

  it("lets the pull request's author resolve without write access, and refuses other readers and narrow tokens", async () => {
    fixture.ctx.state.setPermission(fixture.repo, "carol", "read");
    await commitTo(fixture, "carols", { "c.txt": "c1\nc2\n" });
    await openPull(fixture, "carols", { octokit: fixture.user("carol") });
    const review = await fixture.user("bob").rest.pulls.createReview({
      ...pr,
      pull_number: 2,
      event: "COMMENT",
      body: "One finding",
      comments: [{ path: "c.txt", line: 1, body: "why?" }],
    });
    expect(review.status).toBe(200);
    const query = `{ repository(owner: "acme", name: "widgets") { pullRequest(number: 2) {
      reviewThreads(first: 5) { nodes { id viewerCanResolve } } } } }`;
    const id = (await raw(query, {}, fixture.user("carol"))).data.repository.pullRequest.reviewThreads.nodes[0].id;
    expect((await raw(query, {}, fixture.user("reader"))).data.repository.pullRequest.reviewThreads.nodes).toEqual([
      { id, viewerCanResolve: false },
    ]);

    const byReader = await raw(resolve, { id }, fixture.user("reader"));
    expect(byReader.data).toEqual({ resolveReviewThread: null });
    expect(byReader.errors).toEqual([
      expect.objectContaining({
        type: "FORBIDDEN",
        path: ["resolveReviewThread"],
        message: "reader does not have the correct permissions to execute `ResolveReviewThread`",
      }),
    ]);
    const narrow = fixture.narrowedApp({ pull_requests: "write", contents: "read" });
    expect((await raw(resolve, { id }, narrow)).errors).toEqual([
      expect.objectContaining({ type: "FORBIDDEN", message: "Resource not accessible by integration" }),
    ]);
    const noPulls = fixture.narrowedApp({ contents: "write", issues: "write" });
    expect((await raw(resolve, { id }, noPulls)).errors).toEqual([expect.objectContaining({ type: "FORBIDDEN" })]);
    expect(eventNames(fixture).some((name) => name.startsWith("pull_request_review_thread"))).toBe(false);

    const byAuthor = (await raw(resolve, { id }, fixture.user("carol"))).data.resolveReviewThread;
    expect(byAuthor.thread).toMatchObject({ isResolved: true, resolvedBy: { login: "carol" } });
  });

  it("answers NOT_FOUND for an id that names no thread", async () => {
    const answer = await raw(resolve, { id: "MDEwOk5vdGhpbmc=" });
    expect(answer.errors).toEqual([
      expect.objectContaining({
        type: "NOT_FOUND",
        message: "Could not resolve to a node with the global id of 'MDEwOk5vdGhpbmc='.",
      }),
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { commitTo, failure, openPull } from "../rest/pulls/pull-helpers.js";
import { useRestFixture } from "../rest/rest-fixture.js";

let head: string;
const fixture = useRestFixture({
  perTest: true,
  setUp: async (started) => {
    head = await commitTo(started, "feature", { "a.txt": "one\ntwo\n" });
    await openPull(started, "feature"); // opened by the app's bot
  },
});

const pr = { owner: "acme", repo: "widgets", pull_number: 1 };

/** The raw GraphQL answer (octokit.graphql would throw on errors). */
async function raw(
  query: string,
  variables: Record<string, unknown>,
  octokit = fixture.app(),
): Promise<Record<string, any>> {
  return (await octokit.request("POST /graphql", { query, variables })).data as Record<string, any>;
}

const minimize = `mutation ($id: ID!, $classifier: ReportedContentClassifiers!) {
  minimizeComment(input: { subjectId: $id, classifier: $classifier, clientMutationId: "m1" }) {
    clientMutationId
    minimizedComment { __typename isMinimized minimizedReason viewerCanMinimize }
  }
}`;
const unminimize = `mutation ($id: ID!) { unminimizeComment(input: { subjectId: $id }) { unminimizedComment { isMinimized minimizedReason } } }`;
const read = `query ($id: ID!) { node(id: $id) { id ... on Minimizable { isMinimized minimizedReason } ... on PullRequestReview { state } } }`;

describe("GraphQL minimizeComment", () => {
  it("lets the app minimise its own superseded COMMENT review (which GitHub will not dismiss)", async () => {
    const app = fixture.app();
    const review = (
      await app.rest.pulls.createReview({
        ...pr,
        event: "COMMENT",
        body: "Findings for the old head",
        comments: [{ path: "a.txt", line: 2, body: "here" }],
      })
    ).data;
    const dismiss = await failure(app.rest.pulls.dismissReview({ ...pr, review_id: review.id, message: "superseded" }));
    expect(dismiss).toMatchObject({
      status: 422,
      data: { errors: ["Can not dismiss a commented pull request review"] },
    });

    const data = await app.graphql<Record<string, any>>(minimize, { id: review.node_id, classifier: "OUTDATED" });
    expect(data.minimizeComment).toEqual({
      clientMutationId: "m1",
      minimizedComment: {
        __typename: "PullRequestReview",
        isMinimized: true,
        minimizedReason: "outdated",
        viewerCanMinimize: true,
      },
    });
    const node = await fixture.user("reader").graphql<Record<string, any>>(read, { id: review.node_id });
    expect(node.node).toEqual({
      id: review.node_id,
      isMinimized: true,
      minimizedReason: "outdated",
      state: "COMMENTED",
    });
  });

  it("refuses a read-only user who did not write it, with GitHub's FORBIDDEN", async () => {
    const review = (await fixture.app().rest.pulls.createReview({ ...pr, event: "COMMENT", body: "A finding" })).data;
    const refused = await raw(minimize, { id: review.node_id, classifier: "SPAM" }, fixture.user("reader"));
    expect(refused.data).toEqual({ minimizeComment: null });
    expect(refused.errors).toEqual([
      expect.objectContaining({
        type: "FORBIDDEN",
        path: ["minimizeComment"],
        message: "reader does not have the correct permissions to execute `MinimizeComment`",
      }),
    ]);
    const node = await fixture.app().graphql<Record<string, any>>(read, { id: review.node_id });
    expect(node.node.isMinimized).toBe(false);
  });

  it("lets an author hide their own comment and a writer hide anyone's, and unminimize", async () => {
    const reader = fixture.user("reader");
    const comment = (
      await reader.rest.issues.createComment({ owner: "acme", repo: "widgets", issue_number: 1, body: "+1" })
    ).data;
    const own = await reader.graphql<Record<string, any>>(minimize, { id: comment.node_id, classifier: "DUPLICATE" });
    expect(own.minimizeComment.minimizedComment).toMatchObject({
      __typename: "IssueComment",
      isMinimized: true,
      minimizedReason: "duplicate",
    });

    const line = (
      await reader.rest.pulls.createReviewComment({ ...pr, commit_id: head, path: "a.txt", line: 1, body: "nit" })
    ).data;
    const byAdmin = await fixture
      .user("octocat")
      .graphql<Record<string, any>>(minimize, { id: line.node_id, classifier: "OFF_TOPIC" });
    expect(byAdmin.minimizeComment.minimizedComment).toMatchObject({
      __typename: "PullRequestReviewComment",
      minimizedReason: "off-topic",
    });
    const back = await fixture.user("octocat").graphql<Record<string, any>>(unminimize, { id: line.node_id });
    expect(back.unminimizeComment.unminimizedComment).toEqual({ isMinimized: false, minimizedReason: null });
  });

  it("answers NOT_FOUND for an id nobody may see, another's pending review included", async () => {
    const pending = (await fixture.user("octocat").rest.pulls.createReview({ ...pr, body: "draft" })).data;
    for (const id of ["MDEwOk5vdGhpbmc=", pending.node_id]) {
      const answer = await raw(minimize, { id, classifier: "RESOLVED" });
      expect(answer.errors).toEqual([
        expect.objectContaining({
          type: "NOT_FOUND",
          message: `Could not resolve to a node with the global id of '${id}'.`,
        }),
      ]);
    }
  });
});

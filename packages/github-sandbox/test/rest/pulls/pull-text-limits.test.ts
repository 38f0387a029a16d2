import { describe, expect, it } from "vitest";
import { useRestFixture } from "../rest-fixture.js";
import { commitTo, eventNames, failure, openPull } from "./pull-helpers.js";

const fixture = useRestFixture({
  perTest: true,
  setUp: async (started) => {
    await commitTo(started, "feature", { "a.txt": "a\n" });
  },
});

const repo = (): { owner: string; repo: string } => ({ owner: fixture.owner, repo: fixture.name });

/** GitHub's answer to a title over 256 characters, for a pull request as for an issue. */
const titleTooLong = {
  message: "Validation Failed",
  errors: [
    { resource: "Issue", code: "custom", field: "title", message: "title is too long (maximum is 256 characters)" },
  ],
};

const bodyTooLong = (resource: string) => ({
  message: "Validation Failed",
  errors: [{ resource, code: "custom", field: "body", message: "body is too long (maximum is 65536 characters)" }],
});

describe("pull request titles and bodies within GitHub's limits", () => {
  it("refuses a 257-character title on pulls.create and opens one of 256, counted in characters", async () => {
    const refused = await failure(
      fixture.app().rest.pulls.create({ ...repo(), head: "feature", base: "main", title: "t".repeat(257) }),
    );
    expect(refused.status).toBe(422);
    expect(refused.data).toMatchObject(titleTooLong);
    expect(eventNames(fixture)).toEqual([]);

    const title = "é".repeat(256);
    const { data } = await fixture.app().rest.pulls.create({ ...repo(), head: "feature", base: "main", title });
    expect(data.title).toBe(title);
  });

  it("refuses a body over 65,536 characters on pulls.create, naming the Issue as GitHub does", async () => {
    const refused = await failure(
      fixture
        .app()
        .rest.pulls.create({ ...repo(), head: "feature", base: "main", title: "t", body: "b".repeat(65_537) }),
    );
    expect(refused.status).toBe(422);
    expect(refused.data).toMatchObject(bodyTooLong("Issue"));
    const { data } = await fixture
      .app()
      .rest.pulls.create({ ...repo(), head: "feature", base: "main", title: "t", body: "b".repeat(65_536) });
    expect(data.body).toHaveLength(65_536);
  });

  it("refuses the same on pulls.update and leaves the pull request as it was", async () => {
    const number = await openPull(fixture, "feature", { title: "Kept" });
    fixture.events.length = 0;
    const title = await failure(
      fixture.app().rest.pulls.update({ ...repo(), pull_number: number, title: "t".repeat(257), state: "closed" }),
    );
    expect(title.data).toMatchObject(titleTooLong);
    const body = await failure(
      fixture.app().rest.pulls.update({ ...repo(), pull_number: number, body: "b".repeat(65_537) }),
    );
    expect(body.data).toMatchObject(bodyTooLong("Issue"));
    const { data } = await fixture.app().rest.pulls.get({ ...repo(), pull_number: number });
    expect(data).toMatchObject({ title: "Kept", body: null, state: "open" });
    expect(eventNames(fixture)).toEqual([]);
  });

  it("refuses a long title or body on GraphQL createPullRequest as UNPROCESSABLE", async () => {
    const query = `mutation ($repo: ID!, $title: String!, $body: String) {
      createPullRequest(input: { repositoryId: $repo, baseRefName: "main", headRefName: "feature", title: $title, body: $body }) {
        pullRequest { number title }
      }
    }`;
    const open = async (title: string, body?: string) =>
      (
        await fixture
          .app()
          .request("POST /graphql", { query, variables: { repo: fixture.repo.nodeId, title, body: body ?? null } })
      ).data as { data?: Record<string, unknown>; errors?: { type?: string; message: string }[] };
    expect((await open("t".repeat(257))).errors).toMatchObject([
      { type: "UNPROCESSABLE", message: "title is too long (maximum is 256 characters)" },
    ]);
    expect((await open("t", "b".repeat(65_537))).errors).toMatchObject([
      { type: "UNPROCESSABLE", message: "body is too long (maximum is 65536 characters)" },
    ]);
    expect(eventNames(fixture)).toEqual([]);
    expect((await open("t".repeat(256))).errors).toBeUndefined();
  });

  it("refuses review and review comment bodies over 65,536 characters", async () => {
    const number = await openPull(fixture, "feature");
    const octocat = fixture.user("octocat");
    const pr = { ...repo(), pull_number: number };
    const long = "b".repeat(65_537);
    const review = await failure(octocat.rest.pulls.createReview({ ...pr, event: "COMMENT", body: long }));
    expect(review.data).toMatchObject(bodyTooLong("PullRequestReview"));
    const inReview = await failure(
      octocat.rest.pulls.createReview({
        ...pr,
        event: "COMMENT",
        body: "see line",
        comments: [{ path: "a.txt", line: 1, body: long }],
      }),
    );
    expect(inReview.data).toMatchObject(bodyTooLong("PullRequestReviewComment"));
    expect(fixture.repo.reviews.size).toBe(0);

    const { data: kept } = await octocat.rest.pulls.createReview({
      ...pr,
      event: "COMMENT",
      body: "ok",
      comments: [{ path: "a.txt", line: 1, body: "fine" }],
    });
    const edit = await failure(octocat.rest.pulls.updateReview({ ...pr, review_id: kept.id, body: long }));
    expect(edit.data).toMatchObject(bodyTooLong("PullRequestReview"));
    const [comment] = (await octocat.rest.pulls.listReviewComments(pr)).data;
    const reply = await failure(
      octocat.rest.pulls.createReplyForReviewComment({ ...pr, comment_id: comment!.id, body: long }),
    );
    expect(reply.data).toMatchObject(bodyTooLong("PullRequestReviewComment"));
    const editComment = await failure(
      octocat.rest.pulls.updateReviewComment({ ...repo(), comment_id: comment!.id, body: long }),
    );
    expect(editComment.data).toMatchObject(bodyTooLong("PullRequestReviewComment"));
  });
});

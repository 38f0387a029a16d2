import { describe, expect, it } from "vitest";
import { commitOnto, useRestFixture } from "../rest-fixture.js";
import { commitTo, eventNames, failure, openPull } from "./pull-helpers.js";

const twenty = (edit: Record<number, string> = {}): string =>
  Array.from({ length: 20 }, (_, index) => edit[index + 1] ?? `line ${index + 1}`).join("\n") + "\n";

let head: string;
const fixture = useRestFixture({
  perTest: true,
  setUp: async (started) => {
    await commitTo(started, "main", { "lib.txt": twenty() });
    // two hunks: line 5 and line 16 changed, each with GitHub's three lines of context
    head = await commitTo(started, "feature", {
      "lib.txt": twenty({ 5: "five", 16: "sixteen" }),
      "notes.txt": "new\n",
    });
    await openPull(started, "feature"); // opened by the app's bot
  },
});

const pr = (): { owner: string; repo: string; pull_number: number } => ({
  owner: fixture.owner,
  repo: fixture.name,
  pull_number: 1,
});
const suggestion = "Name it plainly.\n\n```suggestion\nconst five = 5;\n```";
const lineMessage = "Pull request review thread line must be part of the diff";
const hunkBlank = "Pull request review thread diff hunk can't be blank";
const sameHunk = "Pull request review thread start line must be part of the same hunk as the line.";

describe("pull request review comments", () => {
  it("posts one review with a comment on each line, listed with GitHub's anchors and hunks", async () => {
    const octocat = fixture.user("octocat");
    const review = (
      await octocat.rest.pulls.createReview({
        ...pr(),
        event: "COMMENT",
        body: "Two findings",
        comments: [
          { path: "lib.txt", line: 5, body: suggestion },
          { path: "lib.txt", start_line: 14, line: 16, side: "RIGHT", body: "This range" },
          { path: "lib.txt", line: 5, side: "LEFT", body: "The old line" },
        ],
      })
    ).data;
    expect(review).toMatchObject({ state: "COMMENTED", commit_id: head });
    expect(eventNames(fixture)).toEqual([
      "pull_request_review_comment.created",
      "pull_request_review_comment.created",
      "pull_request_review_comment.created",
      "pull_request_review.submitted",
    ]);

    const listed = (await fixture.app().rest.pulls.listReviewComments(pr())).data;
    expect(
      listed.map((comment) => [comment.path, comment.start_line, comment.line, comment.side, comment.position]),
    ).toEqual([
      ["lib.txt", null, 5, "RIGHT", 5],
      ["lib.txt", 14, 16, "RIGHT", 14],
      ["lib.txt", null, 5, "LEFT", 4],
    ]);
    const [first, range] = listed;
    expect(first).toMatchObject({
      body: suggestion,
      pull_request_review_id: review.id,
      commit_id: head,
      original_commit_id: head,
      original_line: 5,
      subject_type: "line",
      user: { login: "octocat" },
    });
    expect(first?.diff_hunk).toMatch(/^@@ -2,7 \+2,7 @@.*\n line 2\n line 3\n line 4\n-line 5\n\+five$/);
    expect(range?.diff_hunk).toMatch(/^@@ -13,7 \+13,7 @@.*\n line 13\n line 14\n line 15\n-line 16\n\+sixteen$/);
    expect(first?.html_url).toContain(`/acme/widgets/pull/1#discussion_r${first?.id}`);
    expect(first?.node_id).toBe(Buffer.from(`24:PullRequestReviewComment${first?.id}`).toString("base64"));

    const got = (
      await fixture
        .user("reader")
        .rest.pulls.getReviewComment({ owner: "acme", repo: "widgets", comment_id: first?.id ?? 0 })
    ).data;
    expect(got.body).toBe(suggestion);
    const ofReview = (await fixture.app().rest.pulls.listCommentsForReview({ ...pr(), review_id: review.id })).data;
    expect(ofReview.map((comment) => comment.id)).toEqual(listed.map((comment) => comment.id));
    expect((await fixture.app().rest.pulls.get(pr())).data.review_comments).toBe(3);
    const page = await fixture.app().rest.pulls.listReviewComments({ ...pr(), per_page: 2 });
    expect(page.headers.link).toContain('rel="next"');
  });

  it("takes the deprecated position: lines below the file's first @@", async () => {
    await fixture.user("octocat").rest.pulls.createReview({
      ...pr(),
      event: "COMMENT",
      body: "x",
      comments: [{ path: "lib.txt", position: 5, body: "here" }],
    });
    const [comment] = (await fixture.app().rest.pulls.listReviewComments(pr())).data;
    expect(comment).toMatchObject({ line: 5, side: "RIGHT", position: 5 });
  });

  it("refuses each bad anchor with GitHub's 422, storing nothing", async () => {
    const octocat = fixture.user("octocat");
    const post = (comment: Record<string, unknown>) =>
      failure(
        octocat.rest.pulls.createReview({
          ...pr(),
          event: "COMMENT",
          body: "x",
          comments: [{ path: "lib.txt", body: "b", ...comment } as never],
        }),
      );
    const outside = await post({ line: 10 });
    expect(outside).toMatchObject({
      status: 422,
      data: { message: "Unprocessable Entity", errors: [`${lineMessage} and ${hunkBlank}`] },
    });
    expect(outside.data.documentation_url).toBe(
      "https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request",
    );
    expect((await post({ start_line: 3, line: 10 })).data.errors).toEqual([
      `${lineMessage}, ${sameHunk}, and ${hunkBlank}`,
    ]);
    expect((await post({ start_line: 5, line: 16 })).data.errors).toEqual([sameHunk]);
    expect((await post({ start_line: 16, line: 14 })).data.errors).toEqual([
      "Pull request review thread start line must precede the end line.",
    ]);
    // the old side numbers only deleted and context lines: old line 1 is above the first hunk
    expect((await post({ line: 1, side: "LEFT" })).data.errors).toEqual([`${lineMessage} and ${hunkBlank}`]);
    expect((await post({ path: "README.md", line: 1 })).data.errors).toEqual([
      `Pull request review thread path is invalid and ${hunkBlank}`,
    ]);

    // a file whose patch GitHub leaves out (too large) takes no line comment
    fixture.ctx.state.setDiffLimits({ patchBytes: 10 });
    expect((await post({ line: 5 })).data.errors).toEqual([`${lineMessage} and ${hunkBlank}`]);
    fixture.ctx.state.setDiffLimits({});

    expect((await fixture.app().rest.pulls.listReviews(pr())).data).toEqual([]);
    expect((await fixture.app().rest.pulls.listReviewComments(pr())).data).toEqual([]);
    expect(fixture.events).toEqual([]);
  });

  it("keeps a pending review's comments to its author until it is submitted", async () => {
    const octocat = fixture.user("octocat");
    const pending = (
      await octocat.rest.pulls.createReview({ ...pr(), comments: [{ path: "lib.txt", line: 16, body: "later" }] })
    ).data;
    expect(fixture.events).toEqual([]);
    expect((await fixture.app().rest.pulls.listReviewComments(pr())).data).toEqual([]);
    const [own] = (await octocat.rest.pulls.listReviewComments(pr())).data;
    expect(own?.pull_request_review_id).toBe(pending.id);
    expect(
      (
        await failure(
          fixture.app().rest.pulls.getReviewComment({ owner: "acme", repo: "widgets", comment_id: own?.id ?? 0 }),
        )
      ).status,
    ).toBe(404);

    await octocat.rest.pulls.submitReview({ ...pr(), review_id: pending.id, event: "COMMENT", body: "done" });
    expect(eventNames(fixture)).toEqual(["pull_request_review_comment.created", "pull_request_review.submitted"]);
    expect((await fixture.app().rest.pulls.listReviewComments(pr())).data.map((comment) => comment.body)).toEqual([
      "later",
    ]);
  });

  it("marks comments on lines a later push changed as outdated: line and position null", async () => {
    const octocat = fixture.user("octocat");
    await octocat.rest.pulls.createReview({
      ...pr(),
      event: "COMMENT",
      body: "x",
      comments: [
        { path: "lib.txt", line: 5, body: "kept" },
        { path: "lib.txt", start_line: 14, line: 16, body: "outdated" },
      ],
    });
    // a line inserted above (line 5 moves to 6) and line 16 rewritten
    const pushed = await commitOnto(fixture, head, {
      "lib.txt": twenty({ 1: "line 1\nline 1b", 5: "five", 16: "SIXTEEN" }),
    });
    await octocat.rest.git.updateRef({ owner: "acme", repo: "widgets", ref: "heads/feature", sha: pushed });

    const [kept, outdated] = (await fixture.app().rest.pulls.listReviewComments(pr())).data;
    expect(kept).toMatchObject({ line: 6, original_line: 5, commit_id: pushed, original_commit_id: head });
    expect(outdated).toMatchObject({
      line: null,
      position: null,
      start_line: null,
      original_line: 16,
      original_start_line: 14,
      original_commit_id: head,
    });
  });

  it("posts a single comment on a commit of the pull request, and replies in its thread", async () => {
    const reader = fixture.user("reader");
    const created = await reader.rest.pulls.createReviewComment({
      ...pr(),
      commit_id: head,
      path: "lib.txt",
      line: 16,
      body: "Why?",
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ line: 16, commit_id: head, user: { login: "reader" } });
    expect(eventNames(fixture)).toEqual(["pull_request_review_comment.created", "pull_request_review.submitted"]);
    const reviews = (await fixture.app().rest.pulls.listReviews(pr())).data;
    expect(reviews.map((review) => [review.id, review.state])).toEqual([
      [created.data.pull_request_review_id, "COMMENTED"],
    ]);

    const reply = (
      await fixture
        .app()
        .rest.pulls.createReplyForReviewComment({ ...pr(), comment_id: created.data.id, body: "Because." })
    ).data;
    expect(reply).toMatchObject({
      in_reply_to_id: created.data.id,
      path: "lib.txt",
      line: 16,
      diff_hunk: created.data.diff_hunk,
    });
    // GitHub's description requires commit_id and path even with in_reply_to; the rest is ignored
    const missing = await failure(
      fixture.app().request("POST /repos/{owner}/{repo}/pulls/{pull_number}/comments", {
        ...pr(),
        body: "And more.",
        in_reply_to: reply.id,
      } as never),
    );
    expect(missing.status).toBe(422);
    const viaInReplyTo = (
      await fixture.app().rest.pulls.createReviewComment({
        ...pr(),
        commit_id: head,
        path: "notes.txt",
        body: "And more.",
        in_reply_to: reply.id,
      })
    ).data;
    expect(viaInReplyTo).toMatchObject({ in_reply_to_id: created.data.id, path: "lib.txt", line: 16 });

    const notInPull = await failure(
      reader.rest.pulls.createReviewComment({
        ...pr(),
        commit_id: fixture.initialSha,
        path: "lib.txt",
        line: 16,
        body: "?",
      }),
    );
    expect(notInPull).toMatchObject({
      status: 422,
      data: {
        message: "Validation Failed",
        errors: [
          {
            resource: "PullRequestReviewComment",
            code: "custom",
            field: "pull_request_review_thread.end_commit_oid",
            message: "pull_request_review_thread.end_commit_oid is not part of the pull request",
          },
          {
            resource: "PullRequestReviewComment",
            code: "missing_field",
            field: "pull_request_review_thread.diff_hunk",
          },
        ],
      },
    });
    const offDiff = await failure(
      reader.rest.pulls.createReviewComment({ ...pr(), commit_id: head, path: "lib.txt", line: 10, body: "?" }),
    );
    expect(offDiff.data.errors).toContainEqual({
      resource: "PullRequestReviewComment",
      code: "custom",
      field: "pull_request_review_thread.line",
      message: "pull_request_review_thread.line must be part of the diff",
    });
  });

  it("lets only the author edit a comment; the author or a writer deletes it", async () => {
    const reader = fixture.user("reader");
    const comment = (
      await reader.rest.pulls.createReviewComment({ ...pr(), commit_id: head, path: "lib.txt", line: 5, body: "typo" })
    ).data;
    const ids = { owner: "acme", repo: "widgets", comment_id: comment.id };
    expect(
      (await failure(fixture.user("octocat").rest.pulls.updateReviewComment({ ...ids, body: "mine now" }))).status,
    ).toBe(403);
    const edited = (await reader.rest.pulls.updateReviewComment({ ...ids, body: "```suggestion\nfive = 5\n```" })).data;
    expect(edited.body).toBe("```suggestion\nfive = 5\n```");
    expect(fixture.events.at(-1)).toMatchObject({
      name: "pull_request_review_comment",
      action: "edited",
      changes: { body: { from: "typo" } },
    });

    const other = (
      await fixture
        .app()
        .rest.pulls.createReviewComment({ ...pr(), commit_id: head, path: "lib.txt", line: 6, body: "bot" })
    ).data;
    expect(
      (await failure(reader.rest.pulls.deleteReviewComment({ owner: "acme", repo: "widgets", comment_id: other.id })))
        .status,
    ).toBe(403);
    expect((await fixture.user("octocat").rest.pulls.deleteReviewComment({ ...ids })).status).toBe(204);
    expect(fixture.events.at(-1)).toMatchObject({ name: "pull_request_review_comment", action: "deleted" });
    expect((await failure(reader.rest.pulls.getReviewComment(ids))).status).toBe(404);
  });
});

import { describe, expect, it } from "vitest";
import { useRestFixture, type TestOctokit } from "../rest-fixture.js";
import { apiError, eventNames, loggedErrors, seedPull } from "./issues-test-helpers.js";

describe("issue comments", () => {
  let app: TestOctokit;
  let octocat: TestOctokit;
  const owner = "acme";
  const repo = "widgets";
  let issueNumber: number;

  const fixture = useRestFixture({
    setUp: (started) => {
      app = started.app();
      octocat = started.user("octocat");
    },
    beforeEach: async () => {
      issueNumber = (await octocat.rest.issues.create({ owner, repo, title: "Discuss" })).data.number;
    },
  });

  it("creates, gets, edits and deletes a comment, announcing each", async () => {
    const created = await app.rest.issues.createComment({
      owner,
      repo,
      issue_number: issueNumber,
      body: "Working on it",
    });
    expect(created.status).toBe(201);
    const comment = created.data;
    expect(comment).toMatchObject({
      body: "Working on it",
      user: { login: "autopilot-sandbox[bot]" },
      author_association: "NONE",
      issue_url: `${fixture.url}/repos/acme/widgets/issues/${issueNumber}`,
      html_url: `${fixture.url}/acme/widgets/issues/${issueNumber}#issuecomment-${comment.id}`,
      reactions: { total_count: 0, url: `${fixture.url}/repos/acme/widgets/issues/comments/${comment.id}/reactions` },
    });
    expect(created.headers.location).toBe(comment.url);
    expect((await app.rest.issues.get({ owner, repo, issue_number: issueNumber })).data.comments).toBe(1);
    expect((await octocat.rest.issues.getComment({ owner, repo, comment_id: comment.id })).data).toEqual(comment);

    const edited = await app.rest.issues.updateComment({ owner, repo, comment_id: comment.id, body: "Done" });
    expect(edited.data.body).toBe("Done");
    expect((await app.rest.issues.deleteComment({ owner, repo, comment_id: comment.id })).status).toBe(204);
    const gone = await apiError(app.rest.issues.getComment({ owner, repo, comment_id: comment.id }));
    expect([gone.status, gone.response.data.message]).toEqual([404, "Not Found"]);

    expect(eventNames(fixture)).toEqual(["issue_comment.created", "issue_comment.edited", "issue_comment.deleted"]);
    expect(fixture.events[0]).toMatchObject({
      issue: { number: issueNumber },
      comment: { id: comment.id, body: "Working on it" },
    });
    expect(fixture.events[1]).toMatchObject({
      changes: { body: { from: "Working on it" } },
      comment: { body: "Done" },
    });
    expect(loggedErrors(fixture)).toEqual([]);
  });

  it("comments on a pull request's conversation with issue_comment, in the same number space", async () => {
    const pull = seedPull(fixture, "Commented PR");
    const { data } = await app.rest.issues.createComment({ owner, repo, issue_number: pull.number, body: "LGTM" });
    expect(data.html_url).toBe(`${fixture.url}/acme/widgets/pull/${pull.number}#issuecomment-${data.id}`);
    expect(fixture.events).toMatchObject([
      { name: "issue_comment", action: "created", issue: { number: pull.number, pull: { draft: false } } },
    ]);
    const prOnly = fixture.narrowedApp({ pull_requests: "write", metadata: "read" });
    expect(
      (await prOnly.rest.issues.createComment({ owner, repo, issue_number: pull.number, body: "via pull_requests" }))
        .status,
    ).toBe(201);
    const onIssue = await apiError(
      prOnly.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body: "no" }),
    );
    expect([onIssue.status, onIssue.response.data.message]).toEqual([403, "Resource not accessible by integration"]);
  });

  it("refuses a blank body, an issue that does not exist, and outsiders on a locked issue", async () => {
    const blank = await apiError(app.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body: " " }));
    expect(blank.response.data).toMatchObject({
      message: "Validation Failed",
      errors: [{ resource: "IssueComment", code: "missing_field", field: "body" }],
    });
    const tooLong = await apiError(
      app.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body: "x".repeat(65537) }),
    );
    expect(tooLong.status).toBe(422);
    const missing = await apiError(app.rest.issues.createComment({ owner, repo, issue_number: 9999, body: "hi" }));
    expect([missing.status, missing.response.data.message]).toEqual([404, "Not Found"]);

    expect(
      (
        await fixture
          .user("stranger")
          .rest.issues.createComment({ owner, repo, issue_number: issueNumber, body: "drive-by" })
      ).status,
    ).toBe(201);
    await octocat.rest.issues.lock({ owner, repo, issue_number: issueNumber });
    const locked = await apiError(
      fixture.user("stranger").rest.issues.createComment({ owner, repo, issue_number: issueNumber, body: "again" }),
    );
    expect([locked.status, locked.response.data.message]).toEqual([
      403,
      "Unable to create comment because issue is locked.",
    ]);
    expect(
      (await app.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body: "app still can" })).status,
    ).toBe(201);
    expect(eventNames(fixture)).toEqual(["issue_comment.created", "issue_comment.created"]);
  });

  it("lets authors edit and delete their own comments, others only with push access", async () => {
    const reader = fixture.user("reader");
    const { data: mine } = await reader.rest.issues.createComment({
      owner,
      repo,
      issue_number: issueNumber,
      body: "reader's",
    });
    const { data: theirs } = await octocat.rest.issues.createComment({
      owner,
      repo,
      issue_number: issueNumber,
      body: "octocat's",
    });
    expect(
      (await reader.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body: "edited" })).data.body,
    ).toBe("edited");
    for (const attempt of [
      reader.rest.issues.updateComment({ owner, repo, comment_id: theirs.id, body: "hijack" }),
      reader.rest.issues.deleteComment({ owner, repo, comment_id: theirs.id }),
    ]) {
      const refused = await apiError(attempt);
      expect([refused.status, refused.response.data.message]).toEqual([403, "Must have admin rights to Repository."]);
    }
    expect(
      (await octocat.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body: "moderated" })).status,
    ).toBe(200);
    const readOnly = fixture.narrowedApp({ issues: "read", metadata: "read" });
    expect((await apiError(readOnly.rest.issues.deleteComment({ owner, repo, comment_id: mine.id }))).status).toBe(403);
    expect((await reader.rest.issues.deleteComment({ owner, repo, comment_id: mine.id })).status).toBe(204);
  });

  it("lists an issue's comments oldest first with since and pages, and the repository's", async () => {
    const ids: number[] = [];
    for (const body of ["one", "two", "three"])
      ids.push((await octocat.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body })).data.id);
    const listed = await app.rest.issues.listComments({ owner, repo, issue_number: issueNumber });
    expect(listed.data.map((comment) => comment.id)).toEqual(ids);
    const page = await app.rest.issues.listComments({ owner, repo, issue_number: issueNumber, per_page: 2 });
    expect(page.data.map((comment) => comment.body)).toEqual(["one", "two"]);
    expect(page.headers.link).toContain('rel="next"');

    fixture.repo.comments.get(ids[1]!)!.updatedAt = "2030-01-01T00:00:00Z";
    const since = await app.rest.issues.listComments({
      owner,
      repo,
      issue_number: issueNumber,
      since: "2029-01-01T00:00:00Z",
    });
    expect(since.data.map((comment) => comment.id)).toEqual([ids[1]]);

    const forRepo = await app.paginate(app.rest.issues.listCommentsForRepo, { owner, repo, per_page: 2 });
    expect(forRepo.map((comment) => comment.id)).toEqual([...fixture.repo.comments.keys()].sort((a, b) => a - b));
    const newest = await app.rest.issues.listCommentsForRepo({ owner, repo, sort: "updated", direction: "desc" });
    expect(newest.data[0]?.id).toBe(ids[1]);
    expect(loggedErrors(fixture)).toEqual([]);
  });
});

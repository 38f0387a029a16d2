import { describe, expect, it } from "vitest";
import { useRestFixture, type TestOctokit } from "../rest-fixture.js";
import { apiError, loggedErrors, seedPull } from "./issues-test-helpers.js";

describe("reactions to issues and issue comments", () => {
  let app: TestOctokit;
  let octocat: TestOctokit;
  const owner = "acme";
  const repo = "widgets";
  let issueNumber: number;
  let commentId: number;

  const fixture = useRestFixture({
    setUp: (started) => {
      app = started.app();
      octocat = started.user("octocat");
    },
    beforeEach: async () => {
      issueNumber = (await octocat.rest.issues.create({ owner, repo, title: "React to me" })).data.number;
      commentId = (await octocat.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body: "and me" }))
        .data.id;
    },
  });

  it("reacts to an issue: 201 the first time, 200 with the same reaction again; counted in the rollup", async () => {
    const first = await app.rest.reactions.createForIssue({ owner, repo, issue_number: issueNumber, content: "eyes" });
    expect(first.status).toBe(201);
    expect(first.data).toMatchObject({ content: "eyes", user: { login: "autopilot-sandbox[bot]" } });
    const again = await app.rest.reactions.createForIssue({ owner, repo, issue_number: issueNumber, content: "eyes" });
    expect(again.status).toBe(200);
    expect(again.data.id).toBe(first.data.id);
    await octocat.rest.reactions.createForIssue({ owner, repo, issue_number: issueNumber, content: "eyes" });
    await octocat.rest.reactions.createForIssue({ owner, repo, issue_number: issueNumber, content: "+1" });

    const { data: issue } = await app.rest.issues.get({ owner, repo, issue_number: issueNumber });
    expect(issue.reactions).toEqual({
      url: `${fixture.url}/repos/acme/widgets/issues/${issueNumber}/reactions`,
      total_count: 3,
      "+1": 1,
      "-1": 0,
      laugh: 0,
      hooray: 0,
      confused: 0,
      heart: 0,
      rocket: 0,
      eyes: 2,
    });
    const eyes = await app.rest.reactions.listForIssue({ owner, repo, issue_number: issueNumber, content: "eyes" });
    expect(eyes.data.map((reaction) => reaction.user?.login)).toEqual(["autopilot-sandbox[bot]", "octocat"]);
    // GitHub sends no webhooks for reactions
    expect(fixture.events).toEqual([]);
    expect(loggedErrors(fixture)).toEqual([]);
  });

  it("reacts to a comment, lists with pages, and deletes its own reaction", async () => {
    const created = await app.rest.reactions.createForIssueComment({
      owner,
      repo,
      comment_id: commentId,
      content: "rocket",
    });
    expect(created.status).toBe(201);
    await app.rest.reactions.createForIssueComment({ owner, repo, comment_id: commentId, content: "heart" });
    await app.rest.reactions.createForIssueComment({ owner, repo, comment_id: commentId, content: "hooray" });
    const page = await app.rest.reactions.listForIssueComment({ owner, repo, comment_id: commentId, per_page: 2 });
    expect(page.data.map((reaction) => reaction.content)).toEqual(["rocket", "heart"]);
    expect(page.headers.link).toContain('rel="last"');
    expect((await app.rest.issues.getComment({ owner, repo, comment_id: commentId })).data.reactions).toMatchObject({
      total_count: 3,
      rocket: 1,
      heart: 1,
    });

    const deleted = await app.rest.reactions.deleteForIssueComment({
      owner,
      repo,
      comment_id: commentId,
      reaction_id: created.data.id,
    });
    expect(deleted.status).toBe(204);
    const again = await apiError(
      app.rest.reactions.deleteForIssueComment({ owner, repo, comment_id: commentId, reaction_id: created.data.id }),
    );
    expect([again.status, again.response.data.message]).toEqual([404, "Not Found"]);
    expect((await app.rest.reactions.listForIssueComment({ owner, repo, comment_id: commentId })).data).toHaveLength(2);
  });

  it("deletes an issue's reaction by its author or an admin, never someone else's by a reader", async () => {
    const { data: byReader } = await fixture
      .user("reader")
      .rest.reactions.createForIssue({ owner, repo, issue_number: issueNumber, content: "laugh" });
    const { data: byApp } = await app.rest.reactions.createForIssue({
      owner,
      repo,
      issue_number: issueNumber,
      content: "confused",
    });
    const refused = await apiError(
      fixture
        .user("reader")
        .rest.reactions.deleteForIssue({ owner, repo, issue_number: issueNumber, reaction_id: byApp.id }),
    );
    expect([refused.status, refused.response.data.message]).toEqual([403, "Must have admin rights to Repository."]);
    const elsewhere = await apiError(
      octocat.rest.reactions.deleteForIssueComment({ owner, repo, comment_id: commentId, reaction_id: byReader.id }),
    );
    expect(elsewhere.status).toBe(404);
    expect(
      (
        await octocat.rest.reactions.deleteForIssue({
          owner,
          repo,
          issue_number: issueNumber,
          reaction_id: byReader.id,
        })
      ).status,
    ).toBe(204);
    expect(
      (await app.rest.reactions.deleteForIssue({ owner, repo, issue_number: issueNumber, reaction_id: byApp.id }))
        .status,
    ).toBe(204);
    expect(
      [...fixture.repo.reactions.values()].filter(
        (r) => r.subject.kind === "issue" && r.subject.number === issueNumber,
      ),
    ).toEqual([]);
  });

  it("answers 404 for a missing subject and holds installations to issues write (pull_requests on a pull request)", async () => {
    expect(
      (await apiError(app.rest.reactions.createForIssue({ owner, repo, issue_number: 9999, content: "+1" }))).status,
    ).toBe(404);
    expect(
      (await apiError(app.rest.reactions.createForIssueComment({ owner, repo, comment_id: 9999, content: "+1" })))
        .status,
    ).toBe(404);
    const readOnly = fixture.narrowedApp({ issues: "read", metadata: "read" });
    const refused = await apiError(
      readOnly.rest.reactions.createForIssue({ owner, repo, issue_number: issueNumber, content: "+1" }),
    );
    expect([refused.status, refused.response.data.message]).toEqual([403, "Resource not accessible by integration"]);
    expect((await readOnly.rest.reactions.listForIssue({ owner, repo, issue_number: issueNumber })).status).toBe(200);
    const pull = seedPull(fixture, "Reacted PR");
    const prOnly = fixture.narrowedApp({ pull_requests: "write", metadata: "read" });
    expect(
      (await prOnly.rest.reactions.createForIssue({ owner, repo, issue_number: pull.number, content: "heart" })).status,
    ).toBe(201);
    expect(
      (
        await fixture
          .user("stranger")
          .rest.reactions.createForIssue({ owner, repo, issue_number: issueNumber, content: "-1" })
      ).status,
    ).toBe(201);
  });

  it("drops a comment's reactions with the comment", async () => {
    await app.rest.reactions.createForIssueComment({ owner, repo, comment_id: commentId, content: "+1" });
    await octocat.rest.issues.deleteComment({ owner, repo, comment_id: commentId });
    expect(
      [...fixture.repo.reactions.values()].some(
        (r) => r.subject.kind === "issue_comment" && r.subject.id === commentId,
      ),
    ).toBe(false);
  });
});

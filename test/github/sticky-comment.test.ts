import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findStickyComment, stickyMarker, upsertStickyComment } from "../../src/github/index.js";
import { startGithubFixture, type GithubFixture } from "./github-fixture.js";

let gh: GithubFixture;
beforeAll(async () => {
  gh = await startGithubFixture();
});
afterAll(() => gh.close());

async function newIssue(title: string): Promise<number> {
  const { data } = await gh.user.rest.issues.create({ owner: gh.owner, repo: gh.repo, title });
  return data.number;
}

const comments = async (issueNumber: number) =>
  gh.user.paginate(gh.user.rest.issues.listComments, {
    owner: gh.owner,
    repo: gh.repo,
    issue_number: issueNumber,
    per_page: 100,
  });

const writes = (mark: number) => gh.callsSince(mark).filter((call) => call.method !== "GET");

describe("upsertStickyComment", () => {
  it("creates the comment once; the same body again writes nothing", async () => {
    const issueNumber = await newIssue("sticky: same body");
    const target = { owner: gh.owner, repo: gh.repo, issueNumber, key: "review", body: "**Review**: accepted" };
    const mark = gh.mark();
    const first = await upsertStickyComment(gh.app, target);
    const second = await upsertStickyComment(gh.app, target);
    expect(first).toMatchObject({ created: true, updated: false });
    expect(second).toEqual({ id: first.id, url: first.url, created: false, updated: false });
    expect(writes(mark).map((call) => call.operationId)).toEqual(["issues/create-comment"]);
    const all = await comments(issueNumber);
    expect(all).toHaveLength(1);
    expect(all[0]?.body).toBe(`${stickyMarker("review")}\n**Review**: accepted`);
    expect(all[0]?.user?.login).toBe("autopilot[bot]");
  });

  it("updates the comment in place when the body changes", async () => {
    const issueNumber = await newIssue("sticky: changed body");
    const target = { owner: gh.owner, repo: gh.repo, issueNumber, key: "review" };
    const first = await upsertStickyComment(gh.app, { ...target, body: "pending" });
    const mark = gh.mark();
    const second = await upsertStickyComment(gh.app, { ...target, body: "accepted" });
    expect(second).toEqual({ id: first.id, url: first.url, created: false, updated: true });
    expect(writes(mark).map((call) => call.operationId)).toEqual(["issues/update-comment"]);
    const all = await comments(issueNumber);
    expect(all.map((comment) => comment.body)).toEqual([`${stickyMarker("review")}\naccepted`]);
  });

  it("keeps one comment per key, ignores a person's copy of the marker, and finds it past the first page", async () => {
    const issueNumber = await newIssue("sticky: many comments");
    // a person pastes the marker: that comment must not be taken over
    await gh.user.rest.issues.createComment({
      owner: gh.owner,
      repo: gh.repo,
      issue_number: issueNumber,
      body: `${stickyMarker("review")}\nfake`,
    });
    const review = await upsertStickyComment(gh.app, {
      owner: gh.owner,
      repo: gh.repo,
      issueNumber,
      key: "review",
      body: "real",
    });
    expect(review.created).toBe(true);
    for (let index = 0; index < 105; index += 1) {
      await gh.user.rest.issues.createComment({
        owner: gh.owner,
        repo: gh.repo,
        issue_number: issueNumber,
        body: `chatter ${index}`,
      });
    }
    const questions = await upsertStickyComment(gh.app, {
      owner: gh.owner,
      repo: gh.repo,
      issueNumber,
      key: "questions",
      body: "1. scope?",
    });
    expect(questions.created).toBe(true);
    const again = await upsertStickyComment(gh.app, {
      owner: gh.owner,
      repo: gh.repo,
      issueNumber,
      key: "questions",
      body: "1. scope?",
    });
    expect(again).toEqual({ id: questions.id, url: questions.url, created: false, updated: false });

    expect(
      await findStickyComment(gh.app, { owner: gh.owner, repo: gh.repo, issueNumber, key: "review" }),
    ).toMatchObject({ id: review.id, body: `${stickyMarker("review")}\nreal` });
    expect(
      await findStickyComment(gh.app, {
        owner: gh.owner,
        repo: gh.repo,
        issueNumber,
        key: "review",
        author: "someone-else[bot]",
      }),
    ).toBeUndefined();
    expect(
      await findStickyComment(gh.app, { owner: gh.owner, repo: gh.repo, issueNumber, key: "nothing" }),
    ).toBeUndefined();
    expect(await comments(issueNumber)).toHaveLength(108);
  });
});

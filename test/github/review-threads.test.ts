import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMergeSettings } from "../../src/github/merge-settings.js";
import { readReviewThreads, resolveReviewThreads } from "../../src/github/review-threads.js";
import { startGithubFixture, type GithubFixture } from "./github-fixture.js";

describe("review threads and merge settings through GraphQL", () => {
  let f: GithubFixture;
  let pull: number;
  beforeAll(async () => {
    f = await startGithubFixture();
    const head = await f.commit("threads", { "notes.md": "one\ntwo\n" });
    pull = (await f.user.rest.pulls.create({ owner: f.owner, repo: f.repo, head: "threads", base: "main", title: "N" }))
      .data.number;
    // one thread by the app, one by octocat
    for (const [octokit, line] of [
      [f.app, 1],
      [f.user, 2],
    ] as const)
      await octokit.rest.pulls.createReview({
        owner: f.owner,
        repo: f.repo,
        pull_number: pull,
        commit_id: head,
        event: "COMMENT",
        body: "notes",
        comments: [{ path: "notes.md", line, body: "?" }],
      });
  });
  afterAll(() => f.close());

  it("names the app's bot as REST does (<slug>[bot], a Bot) and a person as a user, with path and line", async () => {
    const threads = await readReviewThreads(f.app, { owner: f.owner, repo: f.repo }, pull);
    expect(
      threads.map(({ path, line, authors, isResolved, complete }) => ({ path, line, authors, isResolved, complete })),
    ).toEqual([
      {
        path: "notes.md",
        line: 1,
        authors: [{ login: "autopilot[bot]", bot: true }],
        isResolved: false,
        complete: true,
      },
      { path: "notes.md", line: 2, authors: [{ login: "octocat", bot: false }], isResolved: false, complete: true },
    ]);
  });

  it("resolves several threads in one request, leaving out an id GitHub refuses", async () => {
    const threads = await readReviewThreads(f.app, { owner: f.owner, repo: f.repo }, pull);
    const mark = f.mark();
    const ids = threads.map((thread) => thread.id);
    expect(await resolveReviewThreads(f.app, [...ids, "PRRT_nope"])).toEqual(ids);
    expect(f.callsSince(mark).map((call) => call.operationId)).toEqual(["graphql"]);
    const after = await readReviewThreads(f.app, { owner: f.owner, repo: f.repo }, pull);
    expect(after.every((thread) => thread.isResolved)).toBe(true);
  });

  it("reads which merge methods the repository allows", async () => {
    await f.user.rest.repos.update({ owner: f.owner, repo: f.repo, allow_rebase_merge: false });
    expect(await readMergeSettings(f.app, { owner: f.owner, repo: f.repo })).toEqual({
      mergeCommitAllowed: true,
      squashMergeAllowed: true,
      rebaseMergeAllowed: false,
    });
  });
});

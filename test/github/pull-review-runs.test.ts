import { describe, expect, it } from "vitest";
import type { GithubClient } from "../../src/github/client.js";
import { readFilesAndChecks } from "../../src/github/graphql-read-files.js";
import { readEarlierPullRuns, type PullRun } from "../../src/github/pull-review-runs.js";

const review = (head: number): PullRun => ({ title: `Review of head ${head}`, conclusion: "SUCCESS" });
const notReviewed: PullRun = { title: "No review: this task has had its 2 reviews", conclusion: "NEUTRAL" };

/**
 * A pull request of `count` commits, `runs` the app's review runs on some of them, answered as
 * GitHub's `PullRequest.commits(last:, before:)` pages them (cursors name positions, oldest first).
 * Only the pull request's part of the query is modelled; each request's `before` is kept.
 */
function pullOf(count: number, runs: Record<number, PullRun>) {
  const asked: Array<string | undefined> = [];
  const graphql = async (_query: string, variables: Record<string, unknown>) => {
    const before = variables.before as string | undefined;
    asked.push(before);
    const end = before === undefined ? count : Number(before.slice(1));
    const start = Math.max(0, end - 100);
    const indices = Array.from({ length: end - start }, (_, offset) => start + offset);
    const commits = {
      totalCount: count,
      pageInfo: { hasPreviousPage: start > 0, startCursor: indices.length > 0 ? `c${start}` : null },
      nodes: indices.map((index) => ({
        commit: { checkSuites: { nodes: runs[index] ? [{ checkRuns: { nodes: [runs[index]] } }] : [] } },
      })),
    };
    return { repository: { id: "R_1", pull: { commits } } };
  };
  return { octokit: { graphql } as unknown as GithubClient, asked };
}

const repo = { owner: "acme", repo: "widgets" };
const ofPull = { pullNumber: 7, checkName: "autopilot/review", appId: 4242 };

/** The first read (`readFilesAndChecks`), then the older pages until `cap`, as the review handler reads them. */
async function countRuns(pull: ReturnType<typeof pullOf>, cap: number): Promise<PullRun[]> {
  const read = await readFilesAndChecks(pull.octokit, { ...repo, files: [], runsOfPull: ofPull });
  if (read.earlierPullCommits === undefined) return read.pullRuns ?? [];
  return readEarlierPullRuns(pull.octokit, {
    ...repo,
    ...ofPull,
    earlier: read.earlierPullCommits,
    later: read.pullRuns ?? [],
    cap,
  });
}

describe("a task's review runs on a pull request of many commits", () => {
  it("takes one request when the pull request has at most 100 commits", async () => {
    const read = await readFilesAndChecks(pullOf(100, {}).octokit, { ...repo, files: [], runsOfPull: ofPull });
    expect(read.earlierPullCommits).toBeUndefined();
    const pull = pullOf(100, { 0: review(1), 99: review(2) });
    expect(await countRuns(pull, 10)).toEqual([review(1), review(2)]);
    expect(pull.asked).toEqual([undefined]);
  });

  it("reads every older page, newest first, while the reviews stay under the cap", async () => {
    const pull = pullOf(250, { 3: review(1), 120: notReviewed, 200: review(2) });
    const runs = await countRuns(pull, 3);
    // oldest commit first, whatever order the pages came in
    expect(runs).toEqual([review(1), notReviewed, review(2)]);
    expect(pull.asked).toEqual([undefined, "c150", "c50"]);
  });

  it("stops reading once the cap is met: older commits cannot change the verdict", async () => {
    const pull = pullOf(350, { 10: review(1), 120: review(2), 260: review(3) });
    expect(await countRuns(pull, 2)).toEqual([review(2), review(3)]);
    expect(pull.asked).toEqual([undefined, "c250", "c150"]);

    // the newest 100 commits already hold the cap: no request past the first
    const spent = pullOf(350, { 10: review(1), 260: review(2), 300: review(3) });
    expect(await countRuns(spent, 2)).toEqual([review(2), review(3)]);
    expect(spent.asked).toEqual([undefined]);
  });

  it("counts as modelReviewsAmong does: runs that called no model do not stop the paging", async () => {
    const pull = pullOf(220, { 5: review(1), 150: notReviewed, 200: notReviewed });
    expect(await countRuns(pull, 2)).toEqual([review(1), notReviewed, notReviewed]);
    expect(pull.asked).toEqual([undefined, "c120", "c20"]);
  });
});

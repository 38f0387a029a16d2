import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { personWith } from "../security/security-harness.js";
import {
  commentBodies,
  labelNames,
  markReady,
  protectedMainSetup,
  pushCommit,
  queueEntryOf,
  scriptedReviewers,
  startAppHarness,
  startTask,
  type AppHarness,
} from "./app-harness.js";
import { findings } from "./task-lifecycle.js";

const repo = { owner: "acme", repo: "widgets" };

/**
 * A team's usual protection of `main`: a code owner's review, a required status check, up to date
 * before merging, no bypass for apps. GitHub refuses every direct push there, so the app keeps its
 * state on its own branch and lands nothing on `main` but the task's own pull request.
 */
describe("a protected main (required code-owner review, required check, strict)", () => {
  const accept = {
    decision: "accept",
    recommended_status: "done",
    next_actions: [],
    summary: "Meets the spec.",
    reasons: ["ok"],
  };
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness({
      reviewPorts: scriptedReviewers(
        () => ({ output: findings }),
        () => ({ output: accept }),
      ),
    });
    await protectedMainSetup(h);
  });
  afterAll(() => h.close());

  it("a task goes from label to merge with no direct push to main, and the PR says what a human must do", async () => {
    const mainBefore = await h.sandbox.repo.git.getRef("refs/heads/main");
    const since = h.sandbox.requests().length;
    const { issue, pull, branch } = await startTask(h, "Paginate widget lists", "src/widgets/**", "low");
    expect(await labelNames(h, issue)).toContain("autopilot:in-progress");
    // the agent pushes with an account of its own (a writer), as the agent workflows do
    const agent = await personWith(h, "agent-dev", "write");
    await pushCommit(agent, branch, `Page by 50\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      "src/widgets/list-widgets.ts": "export const pageSize = 50;\n",
    });
    await markReady(h, pull.node_id);
    const head = (await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data.head.sha;
    await h.ci.rest.repos.createCommitStatus({ ...repo, sha: head, state: "success", context: "ci/test" });
    await h.settle();

    // gates, review and CI are green, but protection wants a code owner's approval: not merged, and the PR says so
    expect((await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data).toMatchObject({
      merged: false,
      mergeable_state: "blocked",
    });
    expect((await commentBodies(h, pull.number)).some((body) => body.includes("Autopilot review: Accepted"))).toBe(
      true,
    );
    const asked = (await commentBodies(h, pull.number)).filter((body) =>
      body.includes("needs an approving review from a code owner (@octocat)"),
    );
    expect(asked).toHaveLength(1);

    // the code owner approves; the app merges
    await h.user.rest.pulls.createReview({ ...repo, pull_number: pull.number, event: "APPROVE" });
    await h.settle();
    expect((await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data.merged).toBe(true);
    expect((await commentBodies(h, pull.number)).some((body) => body.includes(`Autopilot merged T-${issue}`))).toBe(
      true,
    );

    // main moved only through the task's pull request; the app never tried to push there
    const calls = h.sandbox.requests().slice(since);
    expect(calls.filter((call) => call.operationId === "git/update-ref" && call.path.endsWith("heads%2Fmain"))).toEqual(
      [],
    );
    expect(calls.filter((call) => call.status >= 400 && call.path.includes("heads%2Fmain"))).toEqual([]);
    expect(calls.filter((call) => call.operationId === "pulls/merge").map((call) => call.status)).toContain(200);
    const main = (await h.user.rest.repos.listCommits({ ...repo, sha: "main", per_page: 5 })).data;
    expect(main[0]?.sha).toBe(
      (await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data.merge_commit_sha,
    );
    expect(main.map((commit) => commit.sha)).toContain(mainBefore);
    expect((await queueEntryOf(h, `T-${issue}`))?.status).toBe("done");
    const records = (await h.user.rest.pulls.list({ ...repo, head: "acme:autopilot/records", state: "open" })).data;
    expect(records).toHaveLength(1);
  }, 180_000);
});

import { afterEach, describe, expect, it } from "vitest";
import { personWith } from "../security/security-harness.js";
import {
  commentBodies,
  labelNames,
  markReady,
  protectMain,
  protectedMainSetup,
  pushCommit,
  scriptedReviewers,
  setRepoConfig,
  startAppHarness,
  startTask,
  sweepAfterRestart,
  type AppHarness,
} from "./app-harness.js";
import { findings } from "./task-lifecycle.js";

const repo = { owner: "acme", repo: "widgets" };
const accept = {
  decision: "accept",
  recommended_status: "done",
  next_actions: [],
  summary: "Meets the spec.",
  reasons: ["pages by 50"],
};
const reviewers = () =>
  scriptedReviewers(
    () => ({ output: findings }),
    () => ({ output: accept }),
  );

/** GitHub's lazy mergeability: `mergeable: null` while it computes, and no webhook once it has. */
describe("a PR whose mergeability GitHub was still computing", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const merged = async (app: AppHarness, number: number) =>
    (await app.user.rest.pulls.get({ ...repo, pull_number: number })).data.merged;
  /** CI reports success on the PR's current head until the head stays put (the app may update the branch). */
  const ci = async (app: AppHarness, number: number) => {
    for (let round = 0; round < 4; round += 1) {
      const { head, merged: done } = (await app.user.rest.pulls.get({ ...repo, pull_number: number })).data;
      if (done) return;
      await app.ci.rest.repos.createCommitStatus({ ...repo, sha: head.sha, state: "success", context: "ci/test" });
      await app.settle();
    }
  };
  /** A ready low-risk task PR with green gates and review, waiting only for `ci/test`. */
  const readyTask = async (app: AppHarness) => {
    await setRepoConfig(app, ["merge:", "  required_checks: [ci/test]", "dispatch:", "  target: none", ""].join("\n"));
    const task = await startTask(app, "Paginate widget lists", "src/widgets/**", "low");
    await pushCommit(app.user, task.branch, `Page by 50\n\nTask: T-${task.issue}\nRefs: NT-0012\n`, {
      "src/widgets/list-widgets.ts": "export const pageSize = 50;\n",
    });
    await markReady(app, task.pull.node_id);
    return task;
  };

  /** What the app did to the PR since request `since`: brought it up to date, or merged it. */
  const movesSince = (app: AppHarness, since: number) =>
    app.sandbox
      .requests()
      .slice(since)
      .filter((request) => request.operationId === "pulls/update-branch" || request.operationId === "pulls/merge")
      .map((request) => `${request.operationId} ${request.status}`);

  it("acts when the last event's read said null: the evaluation reads the PR again, then it merges", async () => {
    h = await startAppHarness({ lazyMergeable: true, reviewPorts: reviewers() });
    const { pull } = await readyTask(h);
    // read before main moves: a read after it would start GitHub's computation
    const head = (await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data.head.sha;
    // main moves with no event about the PR: GitHub has to compute the PR's mergeability again
    const notes = Buffer.from("# Notes\n").toString("base64");
    await h.user.rest.repos.createOrUpdateFileContents({ ...repo, path: "NOTES.md", message: "Notes", content: notes });
    await h.settle();
    const since = h.sandbox.requests().length;
    // the last event: CI on the head; the evaluation it starts makes the first read since main moved
    await h.ci.rest.repos.createCommitStatus({ ...repo, sha: head, state: "success", context: "ci/test" });
    await h.settle();

    // the app did not stop at null: it brought the branch up to date with main (the step before the merge)
    expect(movesSince(h, since)).toContain("pulls/update-branch 202");
    await ci(h, pull.number);
    expect(await merged(h, pull.number)).toBe(true);
  });

  it("moves on at the next sweep when the event that would have moved it was lost, then merges", async () => {
    h = await startAppHarness({ lazyMergeable: true, reviewPorts: reviewers() });
    const { pull } = await readyTask(h);
    // CI reports while no delivery reaches the app
    h.sandbox.setWebhookUrl(undefined);
    const head = (await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data.head.sha;
    await h.ci.rest.repos.createCommitStatus({ ...repo, sha: head, state: "success", context: "ci/test" });
    await h.sandbox.idle();
    const since = h.sandbox.requests().length;

    await sweepAfterRestart(h, { reviewPorts: reviewers() });
    // the sweep evaluated the ready PR's merge: CI was green on its head, so it merged
    expect(movesSince(h, since)).toContain("pulls/merge 200");
    expect(await merged(h, pull.number)).toBe(true);
  });
});

/** A team's usual protection of main: a code owner's review, a required status check, up to date before merging. */
describe("a protected main (required code-owner review, required check, strict)", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const protect = protectMain;
  const setUp = (app: AppHarness) => protectedMainSetup(app, { protect: false });
  const pullOf = async (app: AppHarness, number: number) =>
    (await app.user.rest.pulls.get({ ...repo, pull_number: number })).data;
  /** CI reports success on the PR's current head until the head stays put or the PR merged. */
  const ci = async (app: AppHarness, number: number) => {
    for (let round = 0; round < 4; round += 1) {
      const { head, merged } = await pullOf(app, number);
      if (merged) return;
      await app.ci.rest.repos.createCommitStatus({ ...repo, sha: head.sha, state: "success", context: "ci/test" });
      await app.settle();
      if ((await pullOf(app, number)).head.sha === head.sha) return;
    }
  };
  const mergeNotes = async (app: AppHarness, number: number) =>
    (await commentBodies(app, number)).filter((body) => body.includes("autopilot:merge-decision"));

  // main is protected once the task is in review (protected from the start: test/e2e/protected-main.test.ts)
  it("asks on the PR, once, for the code owner's approval; the owner approves and the app merges", async () => {
    h = await startAppHarness({ lazyMergeable: true, reviewPorts: reviewers() });
    await setUp(h);
    const { issue, pull, branch } = await startTask(h, "Paginate widget lists", "src/widgets/**", "low");
    await pushCommit(h.user, branch, `Page by 50\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      "src/widgets/list-widgets.ts": "export const pageSize = 50;\n",
    });
    await markReady(h, pull.node_id);
    await protect(h);
    await ci(h, pull.number);

    // GitHub refused the merge: the PR says what a person must do, and the task waits in review
    expect((await pullOf(h, pull.number)).merged).toBe(false);
    const merges = h.sandbox.requests().filter((request) => request.operationId === "pulls/merge");
    expect(merges.map((request) => request.status)).toContain(405);
    let notes = await mergeNotes(h, pull.number);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain("the branch protection of `main` blocks the merge");
    expect(notes[0]).toMatch(
      /- needs an approving review from a code owner \(@octocat\) for .*`src\/widgets\/list-widgets.ts`/,
    );
    expect(await labelNames(h, pull.number)).toContain("autopilot:review");
    expect(await labelNames(h, pull.number)).not.toContain("autopilot:needs-owner");

    // another evaluation with nothing new: still one comment, unchanged
    const head = (await pullOf(h, pull.number)).head.sha;
    await h.ci.rest.repos.createCommitStatus({ ...repo, sha: head, state: "success", context: "ci/test" });
    await h.settle();
    expect(await mergeNotes(h, pull.number)).toEqual(notes);

    // the code owner approves: the review event lets the app merge
    await h.user.rest.pulls.createReview({ ...repo, pull_number: pull.number, event: "APPROVE" });
    await h.settle();
    expect((await pullOf(h, pull.number)).merged).toBe(true);
    notes = await mergeNotes(h, pull.number);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain(`Autopilot merged T-${issue}`);
  });
  it("asks a person to update the branch when main changed a workflow, which the app may not bring in", async () => {
    h = await startAppHarness({ lazyMergeable: true, reviewPorts: reviewers() });
    await setUp(h);
    await h.user.rest.repos.updateBranchProtection({
      ...repo,
      branch: "main",
      required_status_checks: { strict: true, contexts: ["ci/test"] },
      enforce_admins: false,
      required_pull_request_reviews: null,
      restrictions: null,
    });
    const { issue, pull, branch } = await startTask(h, "Paginate widget lists", "src/widgets/**", "low");
    const agent = await personWith(h, "agent-dev", "write");
    await pushCommit(agent, branch, `Page by 50\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      "src/widgets/list-widgets.ts": "export const pageSize = 50;\n",
    });
    await markReady(h, pull.node_id);
    // a maintainer changes CI on main (through git, as a person may): the task branch is now behind a workflow change
    await pushCommit(h.user, "main", "Cache dependencies in CI", {
      ".github/workflows/ci.yml": "name: ci\non: push\njobs: {}\n",
    });
    await h.settle();
    const head = (await pullOf(h, pull.number)).head.sha;
    await h.ci.rest.repos.createCommitStatus({ ...repo, sha: head, state: "success", context: "ci/test" });
    await h.settle();

    expect((await pullOf(h, pull.number)).merged).toBe(false);
    const notes = await mergeNotes(h, pull.number);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain("changed the workflow `.github/workflows/ci.yml`");
    expect(notes[0]).toContain("**Update branch**");

    // the person updates the branch; CI on the new head; the app merges
    await h.user.rest.pulls.updateBranch({ ...repo, pull_number: pull.number });
    await h.settle();
    await ci(h, pull.number);
    expect((await pullOf(h, pull.number)).merged).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEntry, parseQueue } from "../../src/core/queue/index.js";
import {
  markReady,
  pushCommit,
  scriptedReviewers,
  setRepoConfig,
  startAppHarness,
  startTask,
  type AppHarness,
} from "./app-harness.js";

const repo = { owner: "acme", repo: "widgets" };
const findings = {
  risks: [],
  missing_deliverables: [],
  test_gaps: [],
  followups: [{ title: "Document the page size", body: "In the README.", blocking: false }],
};
const accept = {
  decision: "accept",
  recommended_status: "done",
  next_actions: [],
  summary: "Meets the spec.",
  reasons: ["pages by 50"],
};

/** A task from label to merge, the way the agent and the owner see it. */
describe("merge by policy", () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness({
      reviewPorts: scriptedReviewers(
        () => ({ output: findings }),
        () => ({ output: accept }),
      ),
    });
    await setRepoConfig(
      h,
      ["merge:", "  required_checks: [ci/test]", "owners: [octocat]", "dispatch:", "  target: none", ""].join("\n"),
    );
  });
  afterAll(() => h.close());

  /**
   * CI reports success on the PR's head, as it would on every new head: when the app brings the
   * branch up to date with its base (update-branch), CI runs again on the new head.
   */
  const ci = async (number: number) => {
    for (let round = 0; round < 3; round += 1) {
      const { head, merged: done } = (await h.user.rest.pulls.get({ ...repo, pull_number: number })).data;
      if (done) return;
      await h.ci.rest.repos.createCommitStatus({ ...repo, sha: head.sha, state: "success", context: "ci/test" });
      await h.settle();
      if ((await h.user.rest.pulls.get({ ...repo, pull_number: number })).data.head.sha === head.sha) return;
    }
  };
  const merged = async (number: number) => (await h.user.rest.pulls.get({ ...repo, pull_number: number })).data.merged;
  const stateFile = async (path: string) =>
    (await h.sandbox.repo.git.readFile("autopilot/state", path))?.content.toString("utf8");

  it("merges a low-risk task once gates, review and CI are green, records it on the state branch, and offers the records in a PR", async () => {
    const mainBefore = await h.sandbox.repo.git.getRef("refs/heads/main");
    const { issue, pull, branch } = await startTask(h, "Paginate widget lists", "src/widgets/**", "low");
    await pushCommit(h.user, branch, `Page by 50\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      "src/widgets/list-widgets.ts": "export const pageSize = 50;\n",
    });
    await markReady(h, pull.node_id);
    expect(await merged(pull.number)).toBe(false); // CI has not reported yet
    const beforeCi = h.sandbox.requests().length;
    await ci(pull.number);
    expect(await merged(pull.number)).toBe(true);
    // the merged head's files come from the compare the gates and the evaluation read at that head
    const sinceCi = h.sandbox.requests().slice(beforeCi);
    expect(sinceCi.filter((request) => request.operationId === "pulls/list-files")).toEqual([]);

    // main moved once: the task's own merge; the app pushed nothing there itself
    const main = (await h.user.rest.repos.listCommits({ ...repo, sha: "main", per_page: 2 })).data;
    expect(main[0]?.sha).toBe(
      (await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data.merge_commit_sha,
    );
    expect(main[0]?.parents.map((parent) => parent.sha)).toContain(mainBefore);

    const state = (await h.user.rest.repos.listCommits({ ...repo, sha: "autopilot/state", per_page: 1 })).data[0]!;
    expect(state.commit.message).toMatch(new RegExp(`^autopilot: T-${issue} → done: merged #${pull.number}`));
    const changed = (await h.user.rest.repos.getCommit({ ...repo, ref: state.sha })).data.files
      ?.map((file) => file.filename)
      .sort();
    expect(changed).toEqual(["ops/model-decisions.jsonl", "ops/queue.jsonl"]);
    expect(getEntry(parseQueue((await stateFile("ops/queue.jsonl")) ?? "").doc, `T-${issue}`)?.status).toBe("done");
    expect((await stateFile("ops/model-decisions.jsonl"))?.trim().split("\n")).toHaveLength(2);

    // what belongs on main waits in the app's records PR for a maintainer
    const records = (await h.user.rest.pulls.list({ ...repo, head: "acme:autopilot/records", state: "open" })).data;
    expect(records.map((item) => item.title)).toEqual(["Autopilot records: progress and crosswalk"]);
    const recordsFile = async (path: string) =>
      (await h.sandbox.repo.git.readFile("autopilot/records", path))?.content.toString("utf8");
    expect(await recordsFile("docs/PROGRESS.md")).toContain(`T-${issue}`);
    const crosswalk = JSON.parse((await recordsFile("docs/blueprints/crosswalk.json")) ?? "{}");
    expect(crosswalk.entries["NT-0012"].tasks).toContain(`T-${issue}`);
    expect(JSON.stringify(crosswalk.entries["NT-0012"])).toContain("src/widgets/list-widgets.ts");

    const closed = (await h.user.rest.issues.get({ ...repo, issue_number: issue })).data;
    expect(closed).toMatchObject({ state: "closed", state_reason: "completed" });
    const followups = (await h.user.rest.issues.listForRepo({ ...repo, state: "open" })).data.filter(
      (item) => item.title === "Document the page size",
    );
    expect(followups).toHaveLength(1);
    expect(followups[0]?.body).toContain(`T-${issue}`);
    expect(await h.sandbox.repo.git.getRef(`refs/heads/${branch}`)).toBeUndefined();
  });

  it("waits on a high-risk task for an owner's approval on the current head; a non-owner's or an old one does not count", async () => {
    const { issue, pull, branch } = await startTask(h, "Rework auth", "src/auth/**", "high");
    // the agent pushes with its own account: whoever committed a change never approves it
    h.sandbox.state.setPermission(h.sandbox.repo, "widget-agent", "write");
    const agent = h.as("widget-agent");
    await pushCommit(agent, branch, `Auth\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      "src/auth/login.ts": "export const login = true;\n",
    });
    await markReady(h, pull.node_id);

    // approvals before CI: a writer who is not an owner, and the owner on this head
    h.sandbox.state.setPermission(h.sandbox.repo, "alice", "write");
    const alice = h.as("alice");
    await alice.rest.pulls.createReview({ ...repo, pull_number: pull.number, event: "APPROVE" });
    await h.user.rest.pulls.createReview({ ...repo, pull_number: pull.number, event: "APPROVE" });
    await h.settle();
    // a new push makes the owner's approval one of an old head
    await pushCommit(agent, branch, `Auth, fixed\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      "src/auth/login.ts": "export const login = false;\n",
    });
    await h.settle();
    await ci(pull.number);
    expect(await merged(pull.number)).toBe(false);
    // the PR says why it waits, once, naming what is not counted
    const waits = (await h.user.rest.issues.listComments({ ...repo, issue_number: pull.number })).data.filter(
      (comment) => comment.body?.includes("Autopilot will not merge"),
    );
    expect(waits).toHaveLength(1);
    expect(waits[0]?.body).toContain("0 of 1 approval(s) on the head");
    expect(waits[0]?.body).toContain("alice");
    // and the dashboard lists it under what waits for the owner
    await h.settle();
    const dashboard = (await h.user.rest.issues.listForRepo({ ...repo, state: "open" })).data.find(
      (item) => item.title === "Autopilot dashboard",
    );
    const waiting =
      dashboard?.body?.slice(
        dashboard.body.indexOf("## Waiting for the owner"),
        dashboard.body.indexOf("## Running now"),
      ) ?? "";
    expect(waiting).toMatch(new RegExp(`\\[T-${issue}\\].*\\| approval \\|.*0 of 1 approval`));

    await h.user.rest.pulls.createReview({ ...repo, pull_number: pull.number, event: "APPROVE" });
    await h.settle();
    expect(await merged(pull.number)).toBe(true);
    // the wait note says how it ended, still one comment
    const notes = (await h.user.rest.issues.listComments({ ...repo, issue_number: pull.number })).data.filter(
      (comment) => comment.body?.includes("autopilot:merge-decision"),
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]?.body).toContain(`Autopilot merged T-${issue}`);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { countCallsPerFlow } from "../../bench/app-calls.js";
import { scriptedReviewers, setRepoConfig, startAppHarness, type AppHarness } from "./app-harness.js";
import { accept, findings, lifecycleConfig, mergeNumberedTask } from "./task-lifecycle.js";

const repo = { owner: "acme", repo: "widgets" };
const recordsBranch = "autopilot/records";

/**
 * The app's records pull request after each merge: found in the records commit's own request
 * when this instance wrote the branch last (no listing), and opened afresh when a maintainer
 * merged or closed the last one, even with its branch deleted.
 */
describe("the records pull request", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const openRecords = async (harness: AppHarness) =>
    (await harness.user.rest.pulls.list({ ...repo, head: `acme:${recordsBranch}`, state: "open" })).data.map(
      (pull) => pull.number,
    );
  const progress = async (harness: AppHarness) =>
    (await harness.sandbox.repo.git.readFile(recordsBranch, "docs/PROGRESS.md"))?.content.toString("utf8") ?? "";
  const listed = (harness: AppHarness, since: number) =>
    harness.sandbox
      .requests()
      .slice(since)
      .filter((request) => request.operationId === "pulls/list");

  it("takes the follow-ups' request to carry its commit, so the merge is finished in three requests", async () => {
    let round = 0;
    const followups = [{ title: "Document the page size", body: "In the README.", blocking: false }];
    h = await startAppHarness({
      reviewPorts: scriptedReviewers(
        // the second task's review names a follow-up
        () => ({ output: { ...findings, followups: (round += 1) > 1 ? followups : [] } }),
        () => ({ output: accept }),
      ),
    });
    await setRepoConfig(h, lifecycleConfig);
    await mergeNumberedTask(h, 1);
    const [records] = await openRecords(h);

    const flows = countCallsPerFlow(h.autopilot.work, h.sandbox);
    const second = await mergeNumberedTask(h, 2);
    const calls = flows.take();
    flows.stop();
    // after the merge: the done commit, the records commit with the follow-up in its request, the
    // issue finished (the follow-up had a request of its own: 4); the move to review and its labels
    // are the review job's
    expect(calls.merge?.by_operation.graphql).toBe(3);
    expect(calls.merge?.by_operation["issues/create"]).toBeUndefined();
    const opened = (await h.user.rest.issues.listForRepo({ ...repo, state: "open", per_page: 100 })).data.filter(
      (issue) => issue.title === "Document the page size",
    );
    expect(opened).toHaveLength(1);
    expect(opened[0]?.body).toContain(`Follow-up of T-${second}`);
    const closing = (await h.user.rest.issues.listComments({ ...repo, issue_number: second })).data.at(-1)?.body;
    expect(closing).toContain(`Follow-ups: #${opened[0]?.number}.`);
    expect(await openRecords(h)).toEqual([records]);
    expect(await progress(h)).toContain(`T-${second}`);
  });

  it("is updated without listing pull requests, and opened again after a maintainer merged or closed it", async () => {
    h = await startAppHarness({
      reviewPorts: scriptedReviewers(
        () => ({ output: findings }),
        () => ({ output: accept }),
      ),
    });
    await setRepoConfig(h, lifecycleConfig);

    const first = await mergeNumberedTask(h, 1);
    const [records] = await openRecords(h);
    expect(records).toBeDefined();
    expect(await progress(h)).toContain(`T-${first}`);

    const since = h.sandbox.requests().length;
    const flows = countCallsPerFlow(h.autopilot.work, h.sandbox);
    const second = await mergeNumberedTask(h, 2);
    const calls = flows.take();
    flows.stop();
    // after the merge the done commit, then the issue finished with the records commit in that
    // request (no follow-up to carry it; on its own it made 3); the move to review is the review job's
    expect(calls.merge?.by_operation.graphql).toBe(2);
    const closing = (await h.user.rest.issues.get({ ...repo, issue_number: second })).data;
    expect(closing).toMatchObject({ state: "closed", state_reason: "completed" });
    // the one listing is the test's own (startTask finds the draft); the app listed none
    expect(listed(h, since)).toHaveLength(1);
    // the plan of record on main is read in the done commit's own request, not by a read of its own
    // (there is none here: GitHub's 404 for it has no ETag, so each such read costs a call)
    const planReads = h.sandbox
      .requests()
      .slice(since)
      .filter((request) => decodeURIComponent(request.path).includes("ops/por.json"));
    expect(planReads).toEqual([]);
    expect(await openRecords(h)).toEqual([records]);
    expect(await progress(h)).toContain(`T-${second}`);

    // a maintainer merges the records: the next task's records go to a new pull request, based on main
    await h.user.rest.pulls.merge({ ...repo, pull_number: records! });
    await h.settle();
    const third = await mergeNumberedTask(h, 3);
    const [reopened] = await openRecords(h);
    expect(reopened).toBeDefined();
    expect(reopened).not.toBe(records);
    expect(await progress(h)).toContain(`T-${third}`);
    const compared = await h.user.rest.repos.compareCommitsWithBasehead({
      ...repo,
      basehead: `main...${recordsBranch}`,
    });
    expect(compared.data.commits.map((commit) => commit.commit.message.split("\n")[0])).toEqual([
      `autopilot: records after T-${third}`,
    ]);

    // a maintainer closes it and deletes its branch: the next task opens another one
    await h.user.rest.pulls.update({ ...repo, pull_number: reopened!, state: "closed" });
    await h.user.rest.git.deleteRef({ ...repo, ref: `heads/${recordsBranch}` });
    await h.settle();
    const fourth = await mergeNumberedTask(h, 4);
    const [again] = await openRecords(h);
    expect(again).toBeDefined();
    expect([records, reopened]).not.toContain(again);
    expect(await progress(h)).toContain(`T-${fourth}`);
  });
});

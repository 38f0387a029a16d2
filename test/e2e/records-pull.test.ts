import { afterEach, describe, expect, it } from "vitest";
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
    const second = await mergeNumberedTask(h, 2);
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

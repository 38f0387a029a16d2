import { afterEach, describe, expect, it } from "vitest";
import { getEntry, parseQueue } from "../../src/core/queue/index.js";
import {
  commentBodies,
  labelNames,
  noMergeConfig,
  pushCommit,
  setRepoConfig,
  startAppHarness,
  sweepAfterRestart,
  type AppHarness,
  stateFile,
} from "../e2e/app-harness.js";
import { personWith } from "./security-harness.js";

const repo = { owner: "acme", repo: "widgets" };
const body = (scope: string, risk: string) =>
  [
    "Widget lists should come in pages.",
    "",
    "```autopilot",
    `scope: ${scope}`,
    `risk: ${risk}`,
    "acceptance:",
    '  - "GET /widgets returns 50 widgets per page"',
    "```",
  ].join("\n");
const refusal = "your edit did not change";

/**
 * A user with read access opens a task issue; a maintainer labels it and the task is dispatched
 * with the spec as it read then. The author then edits the issue to `risk: low` and `scope: ["**"]`
 * so that an out-of-scope change would merge without approval. After dispatch the recorded spec
 * is what judges: the edit changes nothing and is answered once. An owner's edit does change it,
 * leaves a trace in the queue's history, and the gates judge the PR's head again.
 */
describe("an outsider re-specs a task after dispatch", () => {
  let h: AppHarness | undefined;
  afterEach(async () => h?.close());

  it("is refused once and changes nothing recorded; the owner's edit is recorded and re-gated", async () => {
    h = await startAppHarness();
    await setRepoConfig(h, noMergeConfig);
    const mallory = await personWith(h, "mallory", "read");
    const issue = (
      await mallory.rest.issues.create({
        ...repo,
        title: "Paginate widget lists",
        body: body('["src/widgets/**"]', "high"),
      })
    ).data.number;
    await h.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
    await h.settle();
    const task = `T-${issue}`;
    const pull = (await h.user.rest.pulls.list({ ...repo, state: "open" })).data.find((item) =>
      item.title.startsWith(`[${task}]`),
    )!;
    const entryNow = async () => getEntry(parseQueue(await stateFile(h!, "ops/queue.jsonl")).doc, task)!;
    const taskFileNow = async () =>
      (await h!.sandbox.repo.git.readFile(pull.head.ref, `ops/tasks/${task}.md`))?.content.toString("utf8");
    const before = { entry: await entryNow(), taskFile: await taskFileNow() };
    expect(before.entry).toMatchObject({ status: "in_progress", risk: "high", scope: ["src/widgets/**"] });
    expect(await labelNames(h, issue)).toContain("risk:high");

    // the attack: the author rewrites the spec of the dispatched task
    await mallory.rest.issues.update({ ...repo, issue_number: issue, body: body('["**"]', "low") });
    await h.settle();
    expect(await entryNow()).toEqual(before.entry);
    expect(await taskFileNow()).toBe(before.taskFile);
    const labels = await labelNames(h, issue);
    expect(labels).toContain("risk:high");
    expect(labels).not.toContain("risk:low");
    const refusals = (await commentBodies(h, issue)).filter((text) => text.includes(refusal));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toContain("@mallory");
    expect(refusals[0]).toContain("risk high → low");

    // GitHub redelivers the edit, and the author tries again: still one reply, still nothing recorded
    const edit = h.sandbox.deliveries
      .list({ per_page: 100 })
      .deliveries.find((item) => item.event === "issues" && item.action === "edited")!;
    void h.sandbox.deliveries.redeliver(edit.id);
    await h.settle();
    await mallory.rest.issues.update({
      ...repo,
      issue_number: issue,
      body: body('["**"]', "low").replace("risk: low", "risk: low\nforbidden: []"),
    });
    await h.settle();
    expect((await commentBodies(h, issue)).filter((text) => text.includes(refusal))).toHaveLength(1);
    expect(await entryNow()).toEqual(before.entry);

    // a restart's sweep reconciles the issue: without an authorised sender it keeps the recorded spec
    await sweepAfterRestart(h);
    expect(await entryNow()).toEqual(before.entry);
    expect(await taskFileNow()).toBe(before.taskFile);
    expect(await labelNames(h, issue)).toContain("risk:high");

    // the agent's work touches docs/, outside the recorded scope: the scope gate fails
    const outside = await pushCommit(h.user, pull.head.ref, `Document pagination\n\nTask: ${task}`, {
      "src/widgets/page.ts": "export const size = 50;\n",
      "docs/pages.md": "# Pages\n",
    });
    await h.settle();
    const scopeOn = async (sha: string) =>
      (await h!.user.rest.checks.listForRef({ ...repo, ref: sha, check_name: "autopilot/scope" })).data.check_runs[0];
    expect((await scopeOn(outside))?.conclusion).toBe("failure");

    // the owner widens the scope and lowers the risk: recorded with who and what, and the gates judge again
    await h.user.rest.issues.update({
      ...repo,
      issue_number: issue,
      body: body('["src/widgets/**", "docs/**"]', "medium"),
    });
    await h.settle();
    const after = await entryNow();
    expect(after).toMatchObject({ status: "in_progress", risk: "medium", scope: ["src/widgets/**", "docs/**"] });
    expect(after.history.slice(0, before.entry.history.length)).toEqual(before.entry.history);
    expect(after.history.at(-1)).toMatchObject({
      from: "in_progress",
      to: "in_progress",
      actor: "octocat",
      reason: "spec changed by @octocat: risk high → medium; scope [src/widgets/**] → [src/widgets/**, docs/**]",
    });
    expect(await taskFileNow()).toContain("risk: medium");
    expect(await labelNames(h, issue)).toContain("risk:medium");
    const head = (await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data.head.sha;
    expect((await scopeOn(head))?.conclusion).toBe("success");
  });

  it("before dispatch (paused), an outsider's edit withdraws the maintainer's label: no sweep starts it", async () => {
    h = await startAppHarness();
    await setRepoConfig(h, `${noMergeConfig}paused: true\n`);
    const mallory = await personWith(h, "mallory", "read");
    const issue = (
      await mallory.rest.issues.create({
        ...repo,
        title: "Paginate widget lists",
        body: body('["src/widgets/**"]', "high"),
      })
    ).data.number;
    await h.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
    await h.settle();
    await mallory.rest.issues.update({ ...repo, issue_number: issue, body: body('["**"]', "low") });
    await h.settle();
    expect(await labelNames(h, issue)).not.toContain("autopilot");
    expect(await commentBodies(h, issue)).toContainEqual(
      expect.stringContaining("@mallory, the issue changed after it was labelled"),
    );

    await h.user.rest.issues.createComment({ ...repo, issue_number: issue, body: "/resume" });
    await h.settle();
    // the sweep dispatches every open issue carrying the label: this one no longer does
    await sweepAfterRestart(h);
    expect(getEntry(parseQueue(await stateFile(h, "ops/queue.jsonl")).doc, `T-${issue}`)).toBeUndefined();
    expect((await h.user.rest.pulls.list({ ...repo, state: "all" })).data).toEqual([]);
  });
});

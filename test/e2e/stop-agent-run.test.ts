import { afterEach, describe, expect, it } from "vitest";
import {
  agentWorkflowConfig,
  queueEntryOf,
  setRepoConfig,
  startAppHarness,
  startTask,
  taskStatus,
  type AppHarness,
} from "./app-harness.js";

const repo = { owner: "acme", repo: "widgets" };
const config = `${agentWorkflowConfig}owners:\n  - octocat\n`;

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The run the queue records for a task, as GitHub has it now. */
async function runOf(harness: AppHarness, issue: number) {
  const entry = (await queueEntryOf(harness, `T-${issue}`)) as { agent_run?: { id: number } } | undefined;
  const id = entry?.agent_run?.id;
  if (id === undefined) throw new Error(`T-${issue} records no agent run`);
  return (await harness.user.rest.actions.getWorkflowRun({ ...repo, run_id: id })).data;
}

/** Stopping a task stops its coding agent: its workflow run is cancelled, not left pushing to a task nobody wants. */
describe("a stopped task's agent run", () => {
  it("is cancelled by an owner's /block, and by the task PR closed unmerged", async () => {
    h = await startAppHarness();
    await setRepoConfig(h, config);
    const blocked = await startTask(h, "Paginate widgets", "src/widgets/paging/**");
    h.sandbox.workflowRuns.start((await runOf(h, blocked.issue)).id);
    await h.user.rest.issues.createComment({
      ...repo,
      issue_number: blocked.issue,
      body: "/block the API design changes first",
    });
    await h.settle();
    expect(await taskStatus(h, `T-${blocked.issue}`)).toBe("blocked");
    expect(await runOf(h, blocked.issue)).toMatchObject({ status: "completed", conclusion: "cancelled" });

    const closed = await startTask(h, "Sort widgets", "src/widgets/sorting/**");
    expect((await runOf(h, closed.issue)).status).toBe("queued");
    await h.user.rest.pulls.update({ ...repo, pull_number: closed.pull.number, state: "closed" });
    await h.settle();
    expect(await taskStatus(h, `T-${closed.issue}`)).toBe("blocked");
    expect(await runOf(h, closed.issue)).toMatchObject({ status: "completed", conclusion: "cancelled" });
  });

  it("leaves a run that already ended alone, and the stop stands", async () => {
    h = await startAppHarness();
    await setRepoConfig(h, config);
    const task = await startTask(h, "Paginate widgets", "src/widgets/paging/**");
    h.sandbox.workflowRuns.complete((await runOf(h, task.issue)).id, "success");
    await h.settle();
    await h.user.rest.issues.createComment({ ...repo, issue_number: task.issue, body: "/block not now" });
    await h.settle();
    expect(await taskStatus(h, `T-${task.issue}`)).toBe("blocked");
    expect(await runOf(h, task.issue)).toMatchObject({ status: "completed", conclusion: "success" });
  });
});

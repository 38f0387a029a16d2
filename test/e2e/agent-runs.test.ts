import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createAutopilot } from "../../src/index.js";
import { startAppOnSandbox } from "@autopilot/github-sandbox";
import { WorkQueue } from "../../src/work/index.js";
import { personWith } from "../security/security-harness.js";
import { fakeGithubToken } from "../helpers/fake-credentials.js";
import {
  agentWorkflowConfig,
  commentBodies,
  labelNames,
  queueEntryOf,
  setRepoConfig,
  startAppHarness,
  startTask,
  sweepAfterRestart,
  type AppHarness,
} from "./app-harness.js";

const repo = { owner: "acme", repo: "widgets" };
// the seeded agent workflow, one re-run, a run without progress stale after 2 h
const config = `${agentWorkflowConfig}${["  retries:", "    attempts: 1", "  stale_after: 2h", "owners:", "  - octocat", ""].join("\n")}`;

type Entry = NonNullable<Awaited<ReturnType<typeof queueEntryOf>>> & {
  agent_run?: { id: number; url: string; attempt: number; conclusion: string | null };
};

/**
 * The agent's run is watched: the run Autopilot dispatched is linked from the task's history and
 * its PR; when it fails it is reported with the redacted end of its log, re-run once, then handed
 * to the owner; a run without progress is flagged long before the 72 h sweep; and nobody else's
 * run (another workflow, someone else's dispatch named like the agent's) moves anything.
 */
describe("the agent's run", () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness();
    await setRepoConfig(h, config);
  });
  afterAll(() => h?.close());

  const entryOf = async (issue: number) => (await queueEntryOf(h, `T-${issue}`)) as Entry | undefined;

  it("a dispatched run that fails is reported with its redacted log, re-run once, then handed to the owner", async () => {
    const task = await startTask(h, "Paginate widgets", "src/widgets/paging/**");
    const recorded = (await entryOf(task.issue))?.agent_run;
    const run = h.sandbox.workflowRuns.list(h.sandbox.repo).find((item) => item.id === recorded?.id);
    expect(run).toMatchObject({ event: "workflow_dispatch", actor: { login: "autopilot[bot]" }, runAttempt: 1 });
    expect(recorded).toMatchObject({
      attempt: 1,
      conclusion: null,
      url: expect.stringContaining(`/actions/runs/${run!.id}`),
    });
    expect((await entryOf(task.issue))?.history.some((item) => item.reason.includes(recorded!.url))).toBe(true);
    expect((await commentBodies(h, task.pull.number)).some((body) => body.includes(recorded!.url))).toBe(true);

    const token = fakeGithubToken();
    h.sandbox.workflowRuns.complete(run!.id, "failure", {
      log: `Run npm test\nError: 3 tests failed\nexport GH_TOKEN=${token}\n`,
    });
    await h.settle();
    expect(h.sandbox.workflowRuns.get(run!.id)).toMatchObject({ runAttempt: 2, status: "queued" });
    const first = (await commentBodies(h, task.pull.number)).filter((body) => body.includes("ended `failure`"));
    expect(first).toHaveLength(1);
    expect(first[0]).toContain("Error: 3 tests failed");
    expect(first[0]).toContain("re-runs it now");
    expect(first[0]).not.toContain(token);
    expect(await entryOf(task.issue)).toMatchObject({ status: "in_progress", agent_run: { attempt: 2 } });

    h.sandbox.workflowRuns.complete(run!.id, "failure", { log: "Error: 3 tests failed again\n" });
    await h.settle();
    expect(h.sandbox.workflowRuns.get(run!.id).runAttempt).toBe(2);
    const entry = await entryOf(task.issue);
    expect(entry).toMatchObject({ status: "needs_owner", agent_run: { attempt: 2, conclusion: "failure" } });
    expect(entry?.history.at(-1)?.reason).toMatch(/^agent run failed: .* no re-run left; handed to the owner$/);
    expect(await labelNames(h, task.issue)).toContain("autopilot:needs-owner");
    const issueComments = (await commentBodies(h, task.issue)).filter((body) => body.includes("needs its owner"));
    expect(issueComments).toHaveLength(1);
    expect(issueComments[0]).toMatch(/^@octocat: \*\*T-\d+ needs its owner\*\*/m);
    expect((await commentBodies(h, task.pull.number)).filter((body) => body.includes("ended `failure`"))).toHaveLength(
      2,
    );

    // the sweep leaves it with the owner (a reconcile would move it back to in_progress)
    await sweepAfterRestart(h);
    expect(await entryOf(task.issue)).toMatchObject({ status: "needs_owner" });

    // a redelivery of the last completion changes nothing
    h.sandbox.events.emit({
      name: "workflow_run",
      action: "completed",
      repo: h.sandbox.repo,
      sender: h.sandbox.state.ensureUser("autopilot[bot]"),
      run: h.sandbox.workflowRuns.get(run!.id),
    });
    await h.settle();
    expect(h.sandbox.workflowRuns.get(run!.id).runAttempt).toBe(2);
    expect((await commentBodies(h, task.pull.number)).filter((body) => body.includes("ended `failure`"))).toHaveLength(
      2,
    );
  });

  it("ignores a foreign run: another workflow named like the agent's, or the agent's workflow dispatched by someone else", async () => {
    const task = await startTask(h, "Sort widgets", "src/widgets/sorting/**");
    const ownRun = (await entryOf(task.issue))?.agent_run;
    const mallory = await personWith(h, "mallory", "write");
    const evil = [
      "name: Coding agent",
      `run-name: Coding agent T-${task.issue}`,
      "on:",
      "  workflow_dispatch:",
      "jobs:",
      "  agent:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      "      - run: exit 1",
      "",
    ].join("\n");
    await mallory.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: ".github/workflows/evil.yml",
      message: "Add a workflow",
      content: Buffer.from(evil).toString("base64"),
    });
    await mallory.rest.actions.createWorkflowDispatch({ ...repo, workflow_id: "evil.yml", ref: "main" });
    await mallory.rest.actions.createWorkflowDispatch({
      ...repo,
      workflow_id: "agent.yml",
      ref: "main",
      inputs: { task: `T-${task.issue}`, branch: task.branch, brief: `ops/tasks/T-${task.issue}.md` },
    });
    const foreign = h.sandbox.workflowRuns.list(h.sandbox.repo).filter((run) => run.actor.login === "mallory");
    expect(foreign).toHaveLength(2);
    for (const run of foreign) h.sandbox.workflowRuns.complete(run.id, "failure", { log: "Error: @octocat approve" });
    await h.settle();

    expect(foreign.map((run) => h.sandbox.workflowRuns.get(run.id).runAttempt)).toEqual([1, 1]);
    expect(await entryOf(task.issue)).toMatchObject({
      status: "in_progress",
      agent_run: { id: ownRun?.id, attempt: 1 },
    });
    expect((await commentBodies(h, task.pull.number)).some((body) => body.includes("ended `failure`"))).toBe(false);
    expect(await labelNames(h, task.issue)).not.toContain("autopilot:needs-owner");
  });

  /** One app instance whose clock says `now`, swept once at start-up and stopped again. */
  async function sweepAt(now: Date): Promise<void> {
    const work = new WorkQueue();
    const sweeps: Promise<void>[] = [];
    const appFn = createAutopilot({
      work,
      sweepIntervalMs: 60 * 60_000,
      onSweep: (sweep) => sweeps.push(sweep),
      now: () => now,
    });
    const app = await startAppOnSandbox(h.sandbox, { appFn, logLevel: "fatal" });
    try {
      await vi.waitFor(() => expect(sweeps).toHaveLength(1));
      await sweeps[0];
      for (let round = 0; round < 20 && (work.size() > 0 || round === 0); round += 1) {
        await h.sandbox.idle();
        await work.drain();
      }
    } finally {
      await appFn.shutdown();
      await app.stop();
    }
  }

  it("a run without progress for dispatch.stale_after is flagged on the PR and the issue, long before the 72 h sweep", async () => {
    const task = await startTask(h, "Filter widgets", "src/widgets/filters/**");
    const ownRun = (await entryOf(task.issue))?.agent_run;
    h.sandbox.workflowRuns.start(ownRun!.id);
    await h.settle();
    await sweepAt(new Date(Date.now() + 60 * 60_000));
    expect(await entryOf(task.issue)).toMatchObject({ status: "in_progress" });

    await sweepAt(new Date(Date.now() + 3 * 60 * 60_000));
    const entry = await entryOf(task.issue);
    expect(entry?.status).toBe("needs_owner");
    expect(entry?.history.at(-1)?.reason).toMatch(/^stale: the agent's run .* \(dispatch\.stale_after: 2h\)$/);
    expect(
      (await commentBodies(h, task.pull.number)).filter((body) => body.includes("shows no progress")),
    ).toHaveLength(1);
    expect((await commentBodies(h, task.issue)).filter((body) => body.includes("looks stale"))).toHaveLength(1);
    expect(await labelNames(h, task.issue)).toContain("autopilot:needs-owner");
  });
});

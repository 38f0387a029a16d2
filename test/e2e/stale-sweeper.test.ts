import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getEntry, parseQueue } from "../../src/core/queue/index.js";
import { createAutopilot } from "../../src/index.js";
import { startAppOnSandbox } from "@autopilot/github-sandbox";
import { WorkQueue } from "../../src/work/index.js";
import { noMergeConfig, setRepoConfig, startAppHarness, startTask, type AppHarness } from "./app-harness.js";

const repo = { owner: "acme", repo: "widgets" };
const hours = (count: number) => count * 3_600_000;

/**
 * The stale sweeper, run by the app's sweep with an injected clock: nobody waits two days in a
 * test, the app is told it is two days later.
 */
describe("the stale sweeper", () => {
  let h: AppHarness;
  let task: Awaited<ReturnType<typeof startTask>>;
  beforeAll(async () => {
    h = await startAppHarness();
    await setRepoConfig(h, `${noMergeConfig}stale_after: 48h\n`);
    task = await startTask(h, "Paginate widget lists", "src/widgets/**");
    await h.autopilot.autopilot.flushDashboards();
    await h.settle();
  });
  afterAll(() => h.close());

  const entry = async () =>
    getEntry(
      parseQueue(
        (await h.sandbox.repo.git.readFile("autopilot/state", "ops/queue.jsonl"))?.content.toString("utf8") ?? "",
      ).doc,
      `T-${task.issue}`,
    );
  const staleComments = async () =>
    (await h.user.rest.issues.listComments({ ...repo, issue_number: task.issue })).data.filter((comment) =>
      (comment.body ?? "").includes("looks stale"),
    );
  const commits = async () =>
    (await h.user.rest.repos.listCommits({ ...repo, sha: "autopilot/state", per_page: 100 })).data.length;

  /** One app instance whose clock says `now`, swept once at start-up and stopped again; resolves with the writes it made. */
  async function sweepAt(now: Date): Promise<number> {
    // the new instance's installation token is not a change to the repository
    const writes = () =>
      h.sandbox.requests().filter((request) => request.method !== "GET" && !request.path.endsWith("/access_tokens"))
        .length;
    const writesBefore = writes();
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
      await appFn.flushDashboards();
      for (let round = 0; round < 20 && (work.size() > 0 || round === 0); round += 1) {
        await h.sandbox.idle();
        await work.drain();
      }
    } finally {
      await appFn.shutdown();
      await app.stop();
    }
    return writes() - writesBefore;
  }

  it("leaves a task alone while it is active", async () => {
    await sweepAt(new Date(Date.now() + hours(1)));
    expect(await entry()).toMatchObject({ status: "in_progress" });
    expect(await staleComments()).toEqual([]);
  });

  it("hands a task without activity for stale_after to the owner: one comment, needs_owner; a second sweep changes nothing", async () => {
    const later = new Date(Date.now() + hours(50));
    const before = await commits();
    await sweepAt(later);
    const moved = await entry();
    expect(moved?.status).toBe("needs_owner");
    expect(moved?.history.at(-1)).toMatchObject({
      from: "in_progress",
      to: "needs_owner",
      reason: expect.stringMatching(/^stale: no activity since .* \(stale_after: 48h\)$/),
    });
    expect(await commits()).toBe(before + 1);
    const labels = (await h.user.rest.issues.listLabelsOnIssue({ ...repo, issue_number: task.issue })).data.map(
      (label) => label.name,
    );
    expect(labels).toContain("autopilot:needs-owner");
    expect(labels).not.toContain("autopilot:in-progress");
    const [comment, ...more] = await staleComments();
    expect(more).toEqual([]);
    expect(comment?.body).toContain(`T-${task.issue} looks stale`);
    expect(comment?.body).toContain("autopilot:in-progress");

    const writes = await sweepAt(new Date(later.getTime() + hours(1)));
    expect(writes).toBe(0);
    expect(await commits()).toBe(before + 1);
    expect(await staleComments()).toHaveLength(1);
    expect((await entry())?.history).toEqual(moved?.history);
  });
});

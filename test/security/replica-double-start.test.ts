import { afterEach, describe, expect, it } from "vitest";
import { getEntry, parseQueue } from "../../src/core/queue/index.js";
import { defaultConfig } from "../../src/config/index.js";
import { addTask } from "../../src/core/queue/index.js";
import { configOf } from "../../src/handlers/config-of.js";
import { commitAfterMerge } from "../../src/handlers/merge/after-merge.js";
import { commitQueueChange } from "../../src/handlers/queue-commit.js";
import { dispatchIssue } from "../../src/handlers/dispatch/dispatch-issue.js";
import { WorkQueue } from "../../src/work/index.js";
import {
  agentWorkflowConfig,
  installationContext,
  setRepoConfig,
  startAppHarness,
  taskSpec,
  type AppHarness,
  stateFile,
} from "../e2e/app-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/**
 * Autopilot runs as several replicas behind one webhook URL. While one replica handles the
 * label, others reconcile the same issue (a sweep, a redelivery that reached another replica):
 * all of them see the agent not started yet. Each records the start in the queue with a
 * compare-and-swap commit, but only the writer whose commit set `dispatched_at` may start the
 * agent; the others re-read it as set. Two agents on one branch would push over each other.
 */
describe("replicas racing to start the agent", () => {
  let h: AppHarness | undefined;
  afterEach(async () => h?.close());

  it("start it exactly once", async () => {
    h = await startAppHarness({ retry: false });
    await setRepoConfig(h, agentWorkflowConfig);
    const login = h.sandbox.state.appBot().login;
    // two more instances of the app, each with its own client and work queue, as two replicas
    const replicas = [0, 1].map(() => ({
      ctx: installationContext(h!.sandbox),
      work: new WorkQueue({ concurrency: 4 }),
    }));

    for (const title of ["Race one", "Race two", "Race three"]) {
      const issue = (
        await h.user.rest.issues.create({
          ...repo,
          title,
          body: taskSpec(`src/${title.replace(" ", "-").toLowerCase()}/**`),
        })
      ).data.number;
      // the label reaches the harness's instance as a webhook, and the replicas reconcile the issue at the same moment
      await h.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
      await Promise.all(
        replicas.map(({ ctx, work }) =>
          work.enqueue("acme/widgets", async () => {
            const loaded = await configOf(ctx);
            if (!loaded.ok) throw new Error("the configuration did not load");
            await dispatchIssue({ ...ctx, config: loaded.config }, issue, { login });
          }),
        ),
      );
      await h.settle();

      const starts = h.sandbox.repo.workflowDispatches.filter((item) => item.inputs?.task === `T-${issue}`);
      expect({ title, starts: starts.length }).toEqual({ title, starts: 1 });
      const entry = getEntry(parseQueue(await stateFile(h, "ops/queue.jsonl")).doc, `T-${issue}`);
      expect(entry?.dispatched_at).toEqual(expect.any(String));
    }
  }, 180_000);

  it("record a merge once: only the replica whose commit marked the task done finishes it on GitHub", async () => {
    h = await startAppHarness({ retry: false });
    const config = defaultConfig();
    const [first, second] = [0, 1].map(() => ({ ...installationContext(h!.sandbox), config }));
    await commitQueueChange(first!, config, {
      taskId: "T-40",
      apply: (doc) =>
        addTask(
          doc,
          {
            id: "T-40",
            issue: 40,
            title: "Merged twice?",
            status: "review",
            branch: "autopilot/T-40-merged",
            pr: 41,
            scope: ["src/**"],
            forbidden: [],
            risk: "low",
            mode: "full",
            refs: [],
          },
          { actor: "autopilot[bot]", reason: "ready", delivery: "d-40", at: "2026-11-21T10:00:00Z" },
        ),
    });
    const merged = {
      taskId: "T-40",
      pullNumber: 41,
      mergeSha: "a".repeat(40),
      headSha: "b".repeat(40),
      files: [],
      review: undefined,
      actor: "autopilot[bot]",
    };
    // the merge's pull_request.closed reached one replica while the other finished its own merge call
    const recorded = await Promise.all(
      [first!, second!].map((ctx) => commitAfterMerge(ctx, merged, "http://sandbox/acme/widgets")),
    );
    const entry = getEntry(parseQueue(await stateFile(h, "ops/queue.jsonl")).doc, "T-40");
    expect(recorded.filter(Boolean)).toHaveLength(1);
    expect(entry?.status).toBe("done");
    expect(entry?.history.filter((item) => item.to === "done")).toHaveLength(1);
  });
});

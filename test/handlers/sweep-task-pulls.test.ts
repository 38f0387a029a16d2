import { describe, expect, it, vi } from "vitest";
import { gateNames, reviewCheckName } from "../../src/core/check-names.js";
import type { CheckRun } from "../../src/github/index.js";
import { sweepTaskPulls, type SweptPull } from "../../src/handlers/sweep-task-pulls.js";
import type { WorkQueue } from "../../src/work/index.js";
import { fileOf, lineFor } from "../core/queue/queue-fixtures.js";
import { contextOn, fakeGitHubPort } from "../helpers/fake-github-port.js";
import { testServices } from "../helpers/test-services.js";

const login = "autopilot[bot]";
const head = "a".repeat(40);
const run = (name: string, conclusion: CheckRun["conclusion"], slug = "autopilot"): CheckRun => ({
  id: name.length,
  name,
  status: "completed",
  conclusion,
  head_sha: head,
  check_suite: null,
  app: { slug },
  output: { title: null, summary: null },
});
const greenGates = gateNames.map((name) => run(name, "success"));
/** T-6's PR #106, open and ready, its head carrying `runs` */
const open106 = (runs: CheckRun[], draft = false): SweptPull => ({
  pull: { number: 106, draft, head: { ref: "autopilot/T-6-task", sha: head } },
  runs,
});

/** The sweep's last step on a repository whose queue is `queue`; jobs are recorded, not run. */
async function sweep(queue: string, swept: SweptPull[]) {
  const github = fakeGitHubPort({ branches: { main: {}, "autopilot/state": { "ops/queue.jsonl": queue } } });
  const enqueue = vi.fn(async () => undefined);
  const ctx = contextOn(github, undefined, testServices({ work: { enqueue } as unknown as WorkQueue }));
  await sweepTaskPulls(ctx, swept, login);
  const reviews = enqueue.mock.calls.map((call) => (call as unknown[])[2]).filter((options) => options !== undefined);
  return { github, reviews };
}

describe("sweepTaskPulls: the review nothing started", () => {
  const reviewing = fileOf(lineFor(6, ["queued", "in_progress", "review"]));

  it("queues the review of a ready head the app's three gates passed and the app never reviewed", async () => {
    const { reviews } = await sweep(reviewing, [open106(greenGates)]);
    expect(reviews).toEqual([{ dedupeKey: "review#106:false" }]);
  });

  it("queues nothing for a reviewed head, a draft, a red gate or another app's gate runs", async () => {
    for (const swept of [
      open106([...greenGates, run(reviewCheckName, "failure")]),
      open106(greenGates, true),
      open106([...greenGates.slice(1), run(gateNames[0], "failure")]),
      open106(gateNames.map((name) => run(name, "success", "impostor"))),
    ]) {
      const { reviews } = await sweep(reviewing, [swept]);
      expect(reviews).toEqual([]);
    }
  });
});

describe("sweepTaskPulls: a moving task whose PR is no longer open", () => {
  it("reads that PR to evaluate its merge, and no PR of a settled task", async () => {
    const queue = fileOf(
      lineFor(6, ["queued", "in_progress", "review"]),
      lineFor(7, ["queued", "in_progress", "review"]),
      lineFor(8, ["queued", "in_progress", "review", "done"]),
      lineFor(9, ["queued", "in_progress", "blocked"]),
    );
    const { github } = await sweep(queue, [open106(greenGates, true)]);
    expect(github.callsTo("getPull").map(([number]) => number)).toEqual([107]);
  });

  it("reads no PR when every moving task's PR is open", async () => {
    const { github } = await sweep(fileOf(lineFor(6, ["queued", "in_progress", "review"])), [open106([], true)]);
    expect(github.callsTo("getPull")).toEqual([]);
  });
});

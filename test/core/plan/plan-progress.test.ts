import { describe, expect, it } from "vitest";
import { emptyCrosswalk } from "../../../src/core/concordance/index.js";
import { parsePlan, planProgress, type Plan } from "../../../src/core/plan/index.js";
import type { QueueEntry } from "../../../src/core/queue/index.js";
import { entryFor } from "../queue/queue-fixtures.js";
import { planText } from "./plan-fixtures.js";

const plan = ((): Plan => {
  const result = parsePlan(planText());
  if (result.kind !== "ok") throw new Error("fixture plan is invalid");
  return result.plan;
})();

const done = ["queued", "in_progress", "review", "done"] as const;
const task = (issue: number, path: readonly QueueEntry["status"][], item?: string): QueueEntry =>
  entryFor(issue, path, item === undefined ? {} : ({ item } as Partial<QueueEntry>));

const statusOf = (entries: QueueEntry[]) => {
  const progress = planProgress(plan, entries, emptyCrosswalk());
  return {
    items: progress.phases.flatMap((phase) => phase.items.map((item) => `${item.item.id} ${item.status}`)),
    phases: progress.phases.map((phase) => `${phase.phase.id} ${phase.done}/${phase.total} ${phase.status}`),
    overall: `${progress.done}/${progress.total}, phases ${progress.phasesDone}`,
  };
};

describe("planProgress", () => {
  it("counts no item done while no task names it", () => {
    expect(statusOf([task(1, done)])).toEqual({
      items: ["1.1 open", "1.2 open", "2.1 open"],
      phases: ["P1 0/2 not_started", "P2 0/1 not_started"],
      overall: "0/3, phases 0",
    });
  });

  it("moves items and phases as their tasks move", () => {
    expect(statusOf([task(1, ["queued", "in_progress"], "1.1")]).phases).toEqual([
      "P1 0/2 in_progress",
      "P2 0/1 not_started",
    ]);
    expect(statusOf([task(1, done, "1.1"), task(2, ["queued", "needs_owner"], "1.2")])).toEqual({
      items: ["1.1 done", "1.2 blocked", "2.1 open"],
      phases: ["P1 1/2 in_progress", "P2 0/1 not_started"],
      overall: "1/3, phases 0",
    });
    expect(statusOf([task(1, done, "1.1"), task(2, done, "1.2"), task(3, ["queued"], "2.1")])).toEqual({
      items: ["1.1 done", "1.2 done", "2.1 queued"],
      phases: ["P1 2/2 done", "P2 0/1 not_started"],
      overall: "2/3, phases 1",
    });
  });

  it("keeps an item open until every task that names it is done", () => {
    const entries = [task(1, done, "1.1"), task(2, ["queued", "in_progress", "review"], "1.1")];
    expect(statusOf(entries).items[0]).toBe("1.1 in_progress");
  });

  it("lists dependencies not done and refs the crosswalk records done", () => {
    const crosswalk = {
      version: 1 as const,
      entries: { "NT-0001": { tasks: ["T-1"], code: [], tests: [], status: "done" as const } },
    };
    const progress = planProgress(plan, [task(1, done, "1.1")], crosswalk);
    const [first, second] = progress.phases[0]?.items ?? [];
    expect(first?.refsDone).toEqual(["NT-0001"]);
    expect(second?.waitsOn).toEqual([]);
    expect(progress.phases[1]?.items[0]?.waitsOn).toEqual(["1.2"]);
  });

  it("sets aside tasks naming an item the plan no longer has", () => {
    const progress = planProgress(plan, [task(7, done, "9.9")], emptyCrosswalk());
    expect(progress.strays).toEqual([{ taskId: "T-7", issue: 7, item: "9.9" }]);
    expect(progress.done).toBe(0);
  });
});

import { describe, expect, it } from "vitest";
import { getEntry, parseQueue } from "../../src/core/queue/index.js";
import { upsertTask } from "../../src/handlers/dispatch/upsert-task.js";
import { entryFor, fileOf } from "../core/queue/queue-fixtures.js";

const event = { actor: "octocat", reason: "spec edited", delivery: "d-9", at: "2025-05-02T10:00:00.000Z" };

/** The queue entry follows the owner's spec edits, so it keeps saying what the task file says. */
describe("upsertTask", () => {
  const dispatched = entryFor(4, ["queued", "in_progress"], { budget: { files: 5 }, acceptance: ["a"], tests: [] });
  const doc = parseQueue(fileOf(JSON.stringify(dispatched))).doc;
  const { history: _history, ...planned } = dispatched;

  it("records new criteria and tests", () => {
    const result = upsertTask(doc, { ...planned, acceptance: ["a", "b"], tests: ["npm test"] }, event);
    expect(result.ok && getEntry(result.doc, "T-4")).toMatchObject({ acceptance: ["a", "b"], tests: ["npm test"] });
  });

  it("drops a budget the owner took out of the spec", () => {
    const { budget: _budget, ...withoutBudget } = planned;
    const result = upsertTask(doc, withoutBudget, event);
    expect(result.ok && result.changed).toBe(true);
    expect(result.ok && getEntry(result.doc, "T-4")?.budget).toBeUndefined();
  });

  it("records a work item the owner named, and drops one the owner took out", () => {
    const named = upsertTask(doc, { ...planned, item: "1.2" }, event);
    if (!named.ok) throw new Error(named.reason);
    expect(getEntry(named.doc, "T-4")?.item).toBe("1.2");
    const dropped = upsertTask(named.doc, planned, event);
    expect(dropped.ok && dropped.changed).toBe(true);
    expect(dropped.ok && getEntry(dropped.doc, "T-4")).not.toHaveProperty("item");
    expect(dropped.ok && getEntry(dropped.doc, "T-4")?.budget).toEqual({ files: 5 });
  });
});

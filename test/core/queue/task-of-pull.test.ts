import { describe, expect, it } from "vitest";
import { isForkPull, parseQueue, taskOfPull } from "../../../src/core/queue/index.js";
import { fileOf, lineFor } from "./queue-fixtures.js";

// T-4 in progress on autopilot/T-4-task with PR #104; T-5 queued (no branch, no PR)
const doc = parseQueue(fileOf(lineFor(4, ["queued", "in_progress"]), lineFor(5))).doc;
const kind = (pull: { number: number; headRef: string; fromFork?: boolean }) =>
  taskOfPull(doc, "autopilot/", { fromFork: false, ...pull });

describe("taskOfPull", () => {
  it("recognises the PR the queue records on the branch it records", () => {
    expect(kind({ number: 104, headRef: "autopilot/T-4-task" })).toMatchObject({ kind: "task", entry: { id: "T-4" } });
  });

  it("refuses a fork's PR whatever its branch is called", () => {
    expect(kind({ number: 104, headRef: "autopilot/T-4-task", fromFork: true })).toEqual({
      kind: "none",
      reason: "the pull request comes from a fork",
    });
  });

  it("refuses a branch named like a task that the queue does not record, or another PR on the task's branch", () => {
    expect(kind({ number: 104, headRef: "autopilot/T-4-other" }).kind).toBe("none");
    expect(kind({ number: 200, headRef: "autopilot/T-4-task" })).toMatchObject({
      kind: "none",
      reason: expect.stringMatching(/#104/),
    });
    expect(kind({ number: 201, headRef: "autopilot/T-5-task" }).kind).toBe("none");
    expect(kind({ number: 202, headRef: "autopilot/T-6-task" })).toEqual({
      kind: "none",
      reason: "the queue records no task T-6",
    });
    expect(kind({ number: 203, headRef: "feature/T-4-task" }).kind).toBe("none");
  });

  it("accepts the task's PR before the app recorded its number", () => {
    const early = parseQueue(fileOf(lineFor(4, ["queued", "in_progress"], { pr: null }))).doc;
    expect(taskOfPull(early, "autopilot/", { number: 104, headRef: "autopilot/T-4-task", fromFork: false }).kind).toBe(
      "task",
    );
  });
});

describe("isForkPull", () => {
  const side = (repo: { id?: number; full_name?: string } | null | undefined) => ({ repo });
  it("tells a fork by its head repository, by id or else by name", () => {
    expect(
      isForkPull({
        head: side({ id: 1, full_name: "acme/widgets" }),
        base: side({ id: 1, full_name: "acme/widgets" }),
      }),
    ).toBe(false);
    expect(
      isForkPull({
        head: side({ id: 2, full_name: "mallory/widgets" }),
        base: side({ id: 1, full_name: "acme/widgets" }),
      }),
    ).toBe(true);
    expect(isForkPull({ head: side({ full_name: "Acme/Widgets" }), base: side({ full_name: "acme/widgets" }) })).toBe(
      false,
    );
    expect(
      isForkPull({ head: side({ full_name: "mallory/widgets" }), base: side({ full_name: "acme/widgets" }) }),
    ).toBe(true);
  });

  it("takes a deleted fork, or a payload that does not say, as a fork", () => {
    expect(isForkPull({ head: side(null), base: side({ id: 1 }) })).toBe(true);
    expect(isForkPull({ head: side(undefined), base: side({ id: 1 }) })).toBe(true);
  });
});

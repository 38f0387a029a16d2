import { describe, expect, it } from "vitest";
import { dashboardMarker, isDashboardBody, queueChanges, renderDashboard } from "../../../src/core/progress/index.js";
import type { DashboardInput } from "../../../src/core/progress/index.js";
import { entryFor } from "../queue/queue-fixtures.js";
import { cellsOf, now, queueOf, repoUrl, tableRows } from "./progress-fixtures.js";

const green = { level: "green" as const, reasons: [] };

const input = (overrides: Partial<DashboardInput> = {}): DashboardInput => ({
  queue: queueOf(entryFor(2, ["queued"])),
  previous: undefined,
  repoUrl,
  now,
  approvalsPending: [],
  health: green,
  paused: false,
  ...overrides,
});

describe("renderDashboard", () => {
  it("renders a quiet queue", () => {
    expect(renderDashboard(input({ previous: queueOf(entryFor(2, ["queued"])) }))).toBe(
      [
        "<!-- autopilot:dashboard -->",
        "# Autopilot dashboard",
        "",
        "🟢 **Health: green**: nothing needs attention.",
        "",
        "Refreshed 2025-06-02 08:00 UTC. 1 task(s): 1 queued, 0 in_progress, 0 review, 0 done, 0 blocked, 0 needs_owner.",
        "",
        "## What changed",
        "",
        "Nothing changed.",
        "",
        "## Waiting for the owner",
        "",
        "Nothing is waiting for you.",
        "",
        "## Running now",
        "",
        "Nothing is running.",
        "",
      ].join("\n"),
    );
  });

  it("starts with the marker it is found by", () => {
    const body = renderDashboard(input());
    expect(body.startsWith(dashboardMarker)).toBe(true);
    expect(isDashboardBody(body)).toBe(true);
    expect(isDashboardBody("## Dependency dashboard")).toBe(false);
    expect(isDashboardBody(null)).toBe(false);
  });

  it("lists what changed since the previous queue", () => {
    const previous = queueOf(entryFor(2, ["queued"]), entryFor(3, ["queued"]), entryFor(6, ["queued", "in_progress"]));
    const queue = queueOf(entryFor(2, ["queued", "in_progress"]), entryFor(6, ["queued", "in_progress"]), entryFor(8, ["queued"]));
    const body = renderDashboard(input({ queue, previous }));
    expect(body).toContain(
      [
        "- [T-2](https://github.com/acme/widgets/issues/2) Task 2: queued → in_progress",
        "- T-3 Task 3: removed from the queue",
        "- [T-8](https://github.com/acme/widgets/issues/8) Task 8: new → queued",
      ].join("\n"),
    );
    expect(body).not.toContain("Task 6:");
    expect(renderDashboard(input({ previous: undefined }))).toContain("First refresh");
  });

  it("shows what waits for the owner: needs_owner, blocked and pending approvals", () => {
    const queue = queueOf(
      entryFor(2, ["queued", "needs_owner"], { title: "Pick a | database" }),
      entryFor(4, ["queued", "in_progress", "blocked"]),
      entryFor(5, ["queued", "in_progress", "review"]),
    );
    const approvalsPending = [{ taskId: "T-5", pr: 105, detail: "0 of 1 approval(s) on the head aaaaaaa" }];
    const rows = tableRows(renderDashboard(input({ queue, approvalsPending })), "Waiting for the owner").map(cellsOf);
    expect(rows.map((cells) => cells.slice(0, 4))).toEqual([
      ["[T-2](https://github.com/acme/widgets/issues/2)", "Pick a \\| database", "needs_owner", "moved to needs\\_owner"],
      ["[T-4](https://github.com/acme/widgets/issues/4)", "Task 4", "blocked", "moved to blocked"],
      ["[T-5](https://github.com/acme/widgets/issues/5)", "Task 5", "approval", "0 of 1 approval(s) on the head aaaaaaa"],
    ]);
  });

  it("shows what runs now with the time of its last move", () => {
    const queue = queueOf(entryFor(2, ["queued", "in_progress"]), entryFor(3, ["queued", "in_progress", "review"]), entryFor(4, ["queued"]));
    const rows = tableRows(renderDashboard(input({ queue })), "Running now").map(cellsOf);
    expect(rows.map((cells) => [cells[0], cells[2], cells[4]])).toEqual([
      ["[T-2](https://github.com/acme/widgets/issues/2)", "in_progress", "2025-05-01 10:01 UTC"],
      ["[T-3](https://github.com/acme/widgets/issues/3)", "review", "2025-05-01 10:02 UTC"],
    ]);
  });

  it("says why the health is red and that dispatching stopped, and shows the pause", () => {
    const health = { level: "red" as const, reasons: ["CI is failing on the default branch"] };
    const body = renderDashboard(input({ health, paused: true }));
    expect(body).toContain("🔴 **Health: red**: CI is failing on the default branch. New tasks are not dispatched until this clears.");
    expect(body).toContain("⏸️ **Paused**");
  });

  it("caps long sections and counts the rest", () => {
    const queue = queueOf(...Array.from({ length: 7 }, (_, index) => entryFor(index + 1, ["queued", "in_progress"])));
    const body = renderDashboard(input({ queue, limit: 5 }));
    expect(tableRows(body, "Running now")).toHaveLength(5);
    expect(body).toContain("…and 2 more.");
  });

  it("escapes titles that would otherwise mention people or break the list", () => {
    const queue = queueOf(entryFor(2, ["queued", "in_progress"], { title: "ping @mona\n| now" }));
    const body = renderDashboard(input({ queue, previous: queueOf(entryFor(2, ["queued"])) }));
    expect(body).toContain("ping `@`mona \\| now: queued → in_progress");
    expect(body).not.toMatch(/(^|[^`])@mona/);
  });
});

describe("queueChanges", () => {
  it("is empty for the same queue; a task only on one side is added or removed", () => {
    const doc = queueOf(entryFor(2, ["queued"]), entryFor(3, ["queued", "in_progress"]));
    expect(queueChanges(doc, doc)).toEqual([]);
    const kinds = queueChanges({ items: [] }, doc).map((change) => change.kind);
    expect(kinds).toEqual(["added", "added"]);
    expect(queueChanges(doc, { items: [] }).map((change) => change.kind)).toEqual(["removed", "removed"]);
  });
});

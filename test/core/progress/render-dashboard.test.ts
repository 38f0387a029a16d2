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
    const queue = queueOf(
      entryFor(2, ["queued", "in_progress"]),
      entryFor(6, ["queued", "in_progress"]),
      entryFor(8, ["queued"]),
    );
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
      [
        "[T-2](https://github.com/acme/widgets/issues/2)",
        "Pick a \\| database",
        "needs_owner",
        "moved to needs\\_owner",
      ],
      ["[T-4](https://github.com/acme/widgets/issues/4)", "Task 4", "blocked", "moved to blocked"],
      [
        "[T-5](https://github.com/acme/widgets/issues/5)",
        "Task 5",
        "approval",
        "0 of 1 approval(s) on the head aaaaaaa",
      ],
    ]);
  });

  it("shows what runs now with the time of its last move", () => {
    const queue = queueOf(
      entryFor(2, ["queued", "in_progress"]),
      entryFor(3, ["queued", "in_progress", "review"]),
      entryFor(4, ["queued"]),
    );
    const rows = tableRows(renderDashboard(input({ queue })), "Running now").map(cellsOf);
    expect(rows.map((cells) => [cells[0], cells[2], cells[4]])).toEqual([
      ["[T-2](https://github.com/acme/widgets/issues/2)", "in_progress", "2025-05-01 10:01 UTC"],
      ["[T-3](https://github.com/acme/widgets/issues/3)", "review", "2025-05-01 10:02 UTC"],
    ]);
  });

  it("shows where a task in review stands in the merge queue Autopilot put its PR in", () => {
    const head = "a".repeat(40);
    const at = "2025-05-01T10:05:00Z";
    const queued = { ...entryFor(3, ["queued", "in_progress", "review"]), merge_queue: { head, base: "main", at } };
    const out = {
      ...entryFor(5, ["queued", "in_progress", "review"]),
      merge_queue: { head, base: "main", at, removed: { reason: "CI_FAILURE", at } },
    };
    const forged = {
      ...entryFor(7, ["queued", "in_progress", "review"]),
      merge_queue: { head, base: "main", at, removed: { reason: "@team see https://evil.example", at } },
    };
    const rows = tableRows(renderDashboard(input({ queue: queueOf(queued, out, forged) })), "Running now").map(cellsOf);
    expect(rows.map((cells) => cells[2])).toEqual([
      "review · in the merge queue of main at aaaaaaa",
      "review · out of the merge queue: a required check failed on its merge group",
      // a reason GitHub does not send is never shown: only the app's own words
      "review · out of the merge queue: it left the merge queue without being merged",
    ]);
  });

  it("says why the health is red and that dispatching stopped, and shows the pause", () => {
    const health = { level: "red" as const, reasons: ["CI is failing on the default branch"] };
    const body = renderDashboard(input({ health, paused: true }));
    expect(body).toContain(
      "🔴 **Health: red**: CI is failing on the default branch. New tasks are not dispatched until this clears.",
    );
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

  describe("tasks whose agent start GitHub refused", () => {
    const at = "2025-06-02T07:55:00Z";
    const fix =
      "the workflow `.github/workflows/coder.yml` does not exist on `main`. Commit it there, or name an existing workflow in `.github/autopilot.yml` `dispatch.workflow`.";

    it("lists each with GitHub's answer, the fix and the PR, and says how to start it again", () => {
      const queue = queueOf(
        entryFor(4, ["queued", "in_progress"], { dispatched_at: at, start_refused: { status: 404, at, fix } }),
        entryFor(5, ["queued", "in_progress"], { dispatched_at: at }),
      );
      const body = renderDashboard(input({ queue, previous: queue }));
      expect(body).toContain("## Agent start refused");
      expect(body).toMatch(/nothing retries them by itself.*comment `\/retry` on the issue/);
      const rows = tableRows(body, "Agent start refused").map(cellsOf);
      expect(rows).toHaveLength(1);
      const [task, title, status, shownFix, pr] = rows[0]!;
      expect(task).toBe(`[T-4](${repoUrl}/issues/4)`);
      expect([title, status, pr]).toEqual(["Task 4", "404", `[#104](${repoUrl}/pull/104)`]);
      expect(shownFix).toContain(".github/workflows/coder.yml");
      expect(shownFix).toContain("does not exist on");
      // the section sits between what waits for the owner and what runs
      expect(body.indexOf("## Waiting for the owner")).toBeLessThan(body.indexOf("## Agent start refused"));
      expect(body.indexOf("## Agent start refused")).toBeLessThan(body.indexOf("## Running now"));
    });

    it("explains an entry recorded before the fix was, and leaves out done tasks and cleared refusals", () => {
      const queue = queueOf(
        entryFor(6, ["queued", "in_progress"], { dispatched_at: at, start_refused: { status: 422, at } }),
        entryFor(7, ["queued", "in_progress", "review", "done"], {
          dispatched_at: at,
          start_refused: { status: 404, at, fix },
        }),
        entryFor(8, ["queued", "in_progress"], { dispatched_at: at, start_refused: null }),
      );
      const rows = tableRows(renderDashboard(input({ queue, previous: queue })), "Agent start refused").map(cellsOf);
      expect(rows.map((row) => row[0])).toEqual([`[T-6](${repoUrl}/issues/6)`]);
      expect(rows[0]![3]).toMatch(/does not take the dispatch.*the comment on the PR says what to change/);
    });

    it("keeps a fix that would break the table or mention someone on one safe line", () => {
      const hostile = "a | b\n@octocat <img src=x> [link](https://evil.example)";
      const queue = queueOf(
        entryFor(9, ["queued", "in_progress"], { dispatched_at: at, start_refused: { status: 422, at, fix: hostile } }),
      );
      const body = renderDashboard(input({ queue, previous: queue }));
      const rows = tableRows(body, "Agent start refused");
      expect(rows).toHaveLength(1);
      expect(cellsOf(rows[0]!)).toHaveLength(5);
      expect(body).not.toContain("<img");
      expect(body).not.toMatch(/(^|[^`\w])@octocat/m);
    });

    it("adds no section when no start was refused", () => {
      const queue = queueOf(entryFor(5, ["queued", "in_progress"], { dispatched_at: at }));
      expect(renderDashboard(input({ queue, previous: queue }))).not.toContain("Agent start refused");
    });
  });
});

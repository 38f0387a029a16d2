import { describe, expect, it, vi } from "vitest";
import { rememberDashboard, writtenDashboard } from "../../src/handlers/dashboard/find-dashboard.js";
import { renderDashboardBody } from "../../src/handlers/dashboard/render-dashboard-body.js";
import { dashboardAlias, rideDashboard } from "../../src/handlers/dashboard/ride-dashboard.js";
import { contextOn, fakeGitHubPort } from "../helpers/fake-github-port.js";
import { testServices } from "../helpers/test-services.js";
import { fileOf, lineFor } from "../core/queue/queue-fixtures.js";

const login = "autopilot[bot]";
const now = new Date("2026-01-01T00:05:00Z");
/** T-6 running, its PR #106 */
const running = fileOf(lineFor(6, ["queued", "in_progress"]));

/** A repository whose state branch holds `queue`; its PRs have no comments. */
function repository(queue: string) {
  const github = fakeGitHubPort(
    { branches: { main: {}, "autopilot/state": { "ops/queue.jsonl": queue } } },
    { listComments: async () => [] },
  );
  const schedule = vi.fn();
  const cover = vi.fn();
  const ctx = {
    ...contextOn(github, undefined, testServices({ dashboard: { schedule, cover } })),
    htmlUrl: "https://github.com/acme/widgets",
  };
  return { github, ctx, schedule, cover };
}

const queueReads = (github: ReturnType<typeof fakeGitHubPort>) =>
  github.callsTo("readFile").filter(([path]) => path === "ops/queue.jsonl");

describe("renderDashboardBody", () => {
  it("renders from the queue and reviews a job knows the same body a refresh renders from reading them", async () => {
    const read = repository(running);
    const fromReads = await renderDashboardBody(read.ctx, undefined, { login, now });
    expect(queueReads(read.github)).toHaveLength(1);
    expect(read.github.callsTo("listComments")).toEqual([[106]]);

    const told = repository("");
    const fromFacts = await renderDashboardBody(told.ctx, undefined, {
      login,
      now,
      queueText: running,
      reviews: new Map([[106, null]]),
    });
    expect(queueReads(told.github)).toEqual([]);
    expect(told.github.callsTo("listComments")).toEqual([]);
    expect(fromFacts.body).toBe(fromReads.body);
    expect(fromFacts.body).toMatch(/\[T-6\]\([^)]*\) \| Task 6 \| in_progress/);
  });

  it("counts the reviews a job knows as read, without reading those PRs' comments", async () => {
    const three = fileOf(...[6, 7, 8].map((issue) => lineFor(issue, ["queued", "in_progress", "review"])));
    const { ctx, github } = repository(three);
    const errored = { status: "incomplete" as const, at: Number.POSITIVE_INFINITY };
    const { health, body } = await renderDashboardBody(ctx, undefined, {
      login,
      now,
      reviews: new Map([
        [106, errored],
        [107, errored],
        [108, errored],
      ]),
    });
    expect(github.callsTo("listComments")).toEqual([]);
    expect(health.level).toBe("red");
    expect(body).toContain("the last 3 reviews ended in errors");
  });
});

describe("rideDashboard", () => {
  const written = (ctx: ReturnType<typeof repository>["ctx"], body = "old body") =>
    rememberDashboard(ctx, {
      number: 3,
      nodeId: "I_dashboard",
      body,
      htmlUrl: "https://github.com/acme/widgets/issues/3",
    });

  it("rides nothing when the instance does not know the dashboard as it wrote it", async () => {
    const { ctx, github } = repository(running);
    expect(await rideDashboard(ctx, { login, now, queueText: running })).toBeUndefined();
    expect(github.calls).toEqual([]);
  });

  it("is GitHub's updateIssue on the dashboard's node id; taken on an open issue, it is remembered and covers the change", async () => {
    const { ctx, schedule, cover } = repository(running);
    written(ctx);
    const ride = await rideDashboard(ctx, { login, now, queueText: running });
    expect(ride?.fields).toEqual([
      `${dashboardAlias}: updateIssue(input: { id: $dashboardId, body: $dashboardBody }) { issue { id number state } }`,
    ]);
    expect(ride?.tolerated).toEqual([dashboardAlias]);
    const body = ride?.variables.dashboardBody as string;
    expect(ride?.variables.dashboardId).toBe("I_dashboard");
    expect(body).toMatch(/\[T-6\]\([^)]*\) \| Task 6 \| in_progress/);
    ride?.onAnswer?.({ [dashboardAlias]: { issue: { id: "I_dashboard", number: 3, state: "OPEN" } } }, []);
    expect(writtenDashboard(ctx)?.body).toBe(body);
    expect(cover).toHaveBeenCalledTimes(1);
    expect(schedule).not.toHaveBeenCalled();
    // the same state again: nothing to write, nothing rides
    expect(await rideDashboard(ctx, { login, now, queueText: running })).toBeUndefined();
  });

  it("refused on its alias, or answered closed: the dashboard is forgotten and the debounced refresh scheduled", async () => {
    for (const answer of [
      { data: { [dashboardAlias]: null }, failed: [{ alias: dashboardAlias, type: "NOT_FOUND", message: "gone" }] },
      { data: { [dashboardAlias]: { issue: { id: "I_dashboard", number: 3, state: "CLOSED" } } }, failed: [] },
      { data: undefined, failed: [{ alias: dashboardAlias, type: "FORBIDDEN", message: "no" }] },
    ]) {
      const { ctx, schedule, cover } = repository(running);
      written(ctx);
      const ride = await rideDashboard(ctx, { login, now, queueText: running });
      ride?.onAnswer?.(answer.data, answer.failed);
      expect(writtenDashboard(ctx)).toBeUndefined();
      expect(schedule).toHaveBeenCalledTimes(1);
      expect(cover).not.toHaveBeenCalled();
    }
  });

  it("tells the caller's onCovered instead of calling the refresh off itself", async () => {
    const { ctx, cover } = repository(running);
    written(ctx);
    const onCovered = vi.fn();
    const ride = await rideDashboard(ctx, { login, now, queueText: running, onCovered });
    ride?.onAnswer?.({ [dashboardAlias]: { issue: { id: "I_dashboard", number: 3, state: "OPEN" } } }, []);
    expect(onCovered).toHaveBeenCalledTimes(1);
    expect(cover).not.toHaveBeenCalled();
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type EventName, type Route, registerRoutes, routes } from "../../src/handlers/routes.js";
import { testServices } from "../helpers/test-services.js";

const jobsFor = (event: EventName): string[] =>
  routes.filter((route) => route.on.includes(event)).map((route) => route.job);

/** The row of docs/architecture.md's event table for a route. */
const docRow = (route: Route): string =>
  `| ${route.on.map((event) => `\`${event}\``).join(", ")} | ${route.job} | ${route.coalescing} |`;

/** The routing facts a maintainer relies on, read from the one table that wires the events. */
describe("routes", () => {
  it("a label on a PR is a state-label command, a review request and a reason to evaluate the merge, in that order", () => {
    expect(jobsFor("pull_request.labeled")).toEqual(["state-label", "review", "merge"]);
  });

  it("a PR marked ready is gated, reviewed and evaluated for merge; a push to it is gated and evaluated", () => {
    expect(jobsFor("pull_request.ready_for_review")).toEqual(["gates", "review", "merge"]);
    expect(jobsFor("pull_request.synchronize")).toEqual(["gates", "merge"]);
  });

  it("an issue's label, edit or reopening dispatches; a removed label is put back; a comment runs commands", () => {
    for (const event of ["issues.labeled", "issues.edited"] as const) expect(jobsFor(event)).toEqual(["dispatch"]);
    expect(jobsFor("issues.reopened")).toContain("dispatch");
    expect(jobsFor("issues.unlabeled")).toEqual(["restore-state-label"]);
    expect(jobsFor("pull_request.unlabeled")).toEqual(["restore-state-label", "merge"]);
    expect(jobsFor("issue_comment.created")).toEqual(["commands"]);
  });

  it("completed checks start the review (green gates) and the merge; re-run requests and plain pushes start the gates", () => {
    expect(jobsFor("check_run.completed")).toEqual(["review", "merge", "rollback"]);
    expect(jobsFor("check_suite.completed")).toEqual(["merge", "readiness"]);
    expect(jobsFor("status")).toEqual(["merge", "rollback", "readiness"]);
    expect(jobsFor("pull_request_review.submitted")).toEqual(["merge"]);
    // a thread resolved: a base that requires every conversation resolved may let the merge through now
    expect(jobsFor("pull_request_review_thread.resolved")).toEqual(["merge"]);
    expect(jobsFor("pull_request_review_thread.unresolved")).toEqual([]);
    expect(jobsFor("check_suite.rerequested")).toEqual(["gates"]);
    expect(jobsFor("check_run.rerequested")).toEqual(["gates"]);
    expect(jobsFor("check_suite.requested")).toEqual(["push-secrets"]);
  });

  it("a merge by another account (the merge queue) and a PR leaving the merge queue evaluate its merge", () => {
    expect(jobsFor("pull_request.closed")).toEqual(["task-closed", "merge"]);
    expect(jobsFor("pull_request.dequeued")).toEqual(["merge"]);
    expect(jobsFor("merge_group.checks_requested")).toEqual(["merge-group"]);
  });

  it("a closed or reopened task issue or PR stops or resumes its task before anything else runs for it", () => {
    expect(jobsFor("issues.closed")).toEqual(["task-closed"]);
    expect(jobsFor("issues.reopened")).toEqual(["task-reopened", "dispatch"]);
    expect(jobsFor("pull_request.reopened")).toEqual(["task-reopened", "gates"]);
  });

  it("a push's change is judged through the check suite GitHub sends for it; the push event moves only refs", () => {
    // a check suite comes once per commit SHA: a ref moved to a commit pushed elsewhere first brings none
    expect(jobsFor("push")).toEqual(["state-guard", "readiness"]);
  });

  it("every route says how its jobs are coalesced", () => {
    for (const route of routes) expect(route.coalescing.trim(), route.job).not.toBe("");
  });

  it("docs/architecture.md lists every route as the table has it, and nothing else", () => {
    const doc = readFileSync(new URL("../../docs/architecture.md", import.meta.url), "utf8");
    const start = doc.indexOf("| events | job | coalescing |");
    expect(start, "the event table of docs/architecture.md").toBeGreaterThan(-1);
    const table = doc.slice(start).split("\n\n")[0]!.split("\n").slice(2);
    expect(table).toEqual(routes.map(docRow));
  });

  it("the app registers the table and nothing else: one listener per route, for the route's events", () => {
    const registered: string[][] = [];
    const app = { on: (events: string[]) => void registered.push([...events]) };
    registerRoutes(app as never, testServices());
    expect(registered).toEqual(routes.map((route) => [...route.on]));
  });

  it("starts nothing for a delivery from an archived repository, where GitHub refuses every write", async () => {
    const listeners: ((context: unknown) => unknown)[] = [];
    const app = { on: (_events: string[], listener: (context: unknown) => unknown) => void listeners.push(listener) };
    const started: string[] = [];
    const table: Route[] = [
      { on: ["issues.labeled"], job: "dispatch", coalescing: "per issue", start: () => void started.push("dispatch") },
    ];
    registerRoutes(app as never, testServices(), table);
    const delivery = (archived: boolean) => ({
      name: "issues",
      payload: { action: "labeled", repository: { full_name: "acme/widgets", archived } },
      log: { debug: () => undefined },
    });
    await listeners[0]!(delivery(true));
    expect(started).toEqual([]);
    await listeners[0]!(delivery(false));
    expect(started).toEqual(["dispatch"]);
  });
});

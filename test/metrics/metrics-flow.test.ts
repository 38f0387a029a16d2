import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  markReady,
  noMergeConfig,
  pushCommit,
  scriptedReviewers,
  setRepoConfig,
  startAppHarness,
  startTask,
  type AppHarness,
} from "../e2e/app-harness.js";
import { sampleValue } from "./exposition.js";
import { findings } from "../e2e/task-lifecycle.js";

const repo = { owner: "acme", repo: "widgets" };
const accept = {
  decision: "accept",
  recommended_status: "review",
  next_actions: [],
  summary: "Does what the spec asks.",
  reasons: ["as specified"],
};

/**
 * What an operator scraping `GET /metrics` sees after one task went through dispatch, gates and
 * review on the sandbox: the app serves its own counters on the same port as the webhooks.
 */
describe("GET /metrics after a task's life", () => {
  let h: AppHarness;
  let text: string;

  beforeAll(async () => {
    h = await startAppHarness({
      reviewPorts: scriptedReviewers(
        () => ({ output: findings }),
        () => ({ output: accept }),
        { assistantManager: "scripted-red-team", manager: "scripted-manager" },
      ),
    });
    await setRepoConfig(h, noMergeConfig);
    const task = await startTask(h, "Paginate widget lists", "src/widgets/**");
    await pushCommit(h.user, task.branch, `Page by 50\n\nTask: T-${task.issue}\nRefs: NT-0012\n`, {
      "src/widgets/list.ts": "export const pageSize = 50;\n",
    });
    await h.settle();
    await markReady(h, task.pull.node_id);
    const response = await fetch(new URL("/metrics", h.autopilot.app.webhookUrl));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    text = await response.text();
  });
  afterAll(() => h.close());

  it("counts the deliveries by event and action", () => {
    expect(
      sampleValue(text, "autopilot_webhook_deliveries_total", { event: "issues", action: "labeled" }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sampleValue(text, "autopilot_webhook_deliveries_total", { event: "pull_request", action: "synchronize" }),
    ).toBeGreaterThanOrEqual(1);
  });

  it("times the jobs by the event that queued them, and none failed", () => {
    expect(
      sampleValue(text, "autopilot_job_duration_seconds_count", { event: "issues.labeled", outcome: "ok" }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sampleValue(text, "autopilot_job_duration_seconds_count", {
        event: "pull_request.ready_for_review",
        outcome: "ok",
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(text).not.toMatch(/outcome="failed"/);
    expect(sampleValue(text, "autopilot_errors_total")).toBeUndefined();
  });

  it("counts GitHub calls by method, route template and status", () => {
    // the dashboard issue, opened once (the task's branch, file and draft PR go in one GraphQL request)
    expect(
      sampleValue(text, "autopilot_github_requests_total", {
        method: "POST",
        route: "/repos/{owner}/{repo}/issues",
        status: "201",
      }),
    ).toBe(1);
    // a conditional read GitHub answered Not Modified is counted under its own status
    expect(
      sampleValue(text, "autopilot_github_requests_total", {
        method: "GET",
        route: "/repos/{owner}/{repo}/contents/{path}",
        status: "304",
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sampleValue(text, "autopilot_github_requests_total", {
        method: "POST",
        route: "/repos/{owner}/{repo}/check-runs",
        status: "201",
      }),
    ).toBeGreaterThanOrEqual(1);
    // the routes stay templates: no repository or number leaks into a label
    expect(text).not.toMatch(/route="[^"]*(acme|widgets|\/\d+)/);
  });

  it("counts the queue transition of the new task", () => {
    expect(sampleValue(text, "autopilot_queue_transitions_total", { from: "new", to: "in_progress" })).toBe(1);
  });

  it("counts LLM calls and tokens by role, provider and model", () => {
    const am = { role: "assistant_manager", provider: "scripted", model: "scripted-red-team" };
    expect(sampleValue(text, "autopilot_llm_calls_total", { ...am, outcome: "ok" })).toBe(1);
    expect(
      sampleValue(text, "autopilot_llm_calls_total", {
        role: "manager",
        provider: "scripted",
        model: "scripted-manager",
        outcome: "ok",
      }),
    ).toBe(1);
    expect(sampleValue(text, "autopilot_llm_tokens_total", { ...am, direction: "input" })).toBeGreaterThan(100);
    expect(sampleValue(text, "autopilot_llm_tokens_total", { ...am, direction: "output" })).toBeGreaterThan(0);
    // the scripted models have no price: the cost series exists and says 0
    expect(sampleValue(text, "autopilot_llm_cost_usd_total", am)).toBe(0);
  });

  it("answers only GET /metrics", async () => {
    const response = await fetch(new URL("/metrics", h.autopilot.app.webhookUrl), { method: "POST" });
    expect(response.status).not.toBe(200);
  });

  it("uses the repository: a sanity check that the flow really ran", async () => {
    const pulls = (await h.user.rest.pulls.list({ ...repo })).data;
    expect(pulls).toHaveLength(1);
  });
});

import { ProbotOctokit } from "probot";
import { register } from "prom-client";
import { describe, expect, it } from "vitest";
import { createScriptedPort } from "../../src/llm/index.js";
import { AppMetrics, instrumentOctokit, meteredPorts, routeOf } from "../../src/metrics/index.js";
import { runInJobScope, WorkQueue } from "../../src/work/index.js";
import { recordingLog } from "../work/recording-log.js";
import { sampleValue } from "./exposition.js";

describe("AppMetrics", () => {
  it("keeps one registry per instance: two instances count apart and the global registry stays empty", async () => {
    const a = new AppMetrics();
    const b = new AppMetrics();
    a.delivery("issues", "labeled");
    a.delivery("issues", "labeled");
    b.delivery("push", undefined);
    expect(
      sampleValue(await a.text(), "autopilot_webhook_deliveries_total", { event: "issues", action: "labeled" }),
    ).toBe(2);
    expect(sampleValue(await a.text(), "autopilot_webhook_deliveries_total", { event: "push" })).toBeUndefined();
    expect(sampleValue(await b.text(), "autopilot_webhook_deliveries_total", { event: "push", action: "" })).toBe(1);
    expect(await register.metrics()).not.toMatch(/autopilot_/);
  });

  it("adds Node's process metrics only when asked", async () => {
    expect(await new AppMetrics().text()).not.toMatch(/process_cpu_seconds_total/);
    expect(await new AppMetrics({ processMetrics: true }).text()).toMatch(/process_cpu_seconds_total/);
  });
});

describe("GitHub calls", () => {
  it("turns URLs into low-cardinality route labels", () => {
    expect(routeOf("/repos/{owner}/{repo}/pulls/{pull_number}")).toBe("/repos/{owner}/{repo}/pulls/{pull_number}");
    expect(routeOf("https://api.github.com/repositories/123/issues?page=2")).toBe("/repositories/{id}/issues");
    expect(routeOf("http://127.0.0.1:3000/api/v3/installation/repositories?per_page=100&page=3")).toBe(
      "/installation/repositories",
    );
    expect(routeOf("/repos/acme/widgets/commits/3631494c26309bd11e7daca599ec17e371536566/check-runs")).toBe(
      "/repos/{owner}/{repo}/commits/{sha}/check-runs",
    );
    expect(routeOf("https://api.github.com/repos/acme/widgets/issues/12/comments?page=2")).toBe(
      "/repos/{owner}/{repo}/issues/{id}/comments",
    );
  });

  it("counts each call once with its final status, network failures included, however often the client is instrumented", async () => {
    const metrics = new AppMetrics();
    const statuses = [200, 404];
    const fetch = async (url: string | URL): Promise<Response> => {
      if (String(url).includes("/broken")) throw new TypeError("fetch failed");
      const status = statuses.shift() ?? 500;
      return new Response(status === 200 ? "{}" : JSON.stringify({ message: "Not Found" }), {
        status,
        headers: { "content-type": "application/json" },
      });
    };
    const octokit = new ProbotOctokit({ request: { fetch }, retry: { enabled: false }, throttle: { enabled: false } });
    instrumentOctokit(octokit, metrics);
    instrumentOctokit(octokit, metrics);
    await octokit.rest.repos.get({ owner: "acme", repo: "widgets" });
    await expect(octokit.rest.repos.get({ owner: "acme", repo: "gone" })).rejects.toMatchObject({ status: 404 });
    await expect(octokit.request("GET /broken")).rejects.toThrow();
    const text = await metrics.text();
    expect(
      sampleValue(text, "autopilot_github_requests_total", {
        method: "GET",
        route: "/repos/{owner}/{repo}",
        status: "200",
      }),
    ).toBe(1);
    expect(
      sampleValue(text, "autopilot_github_requests_total", {
        method: "GET",
        route: "/repos/{owner}/{repo}",
        status: "404",
      }),
    ).toBe(1);
    expect(
      sampleValue(text, "autopilot_github_requests_total", { method: "GET", route: "/broken", status: "network" }),
    ).toBe(1);
  });
});

describe("counting from inside a job", () => {
  it("an LLM call through the app instance's ports counts its tokens and cost in that instance's metrics only", async () => {
    const metrics = new AppMetrics();
    const other = new AppMetrics();
    const scripted = createScriptedPort({
      model: "priced-model",
      prices: { "priced-model": { input: 3, output: 15 } },
      timeoutMs: 1000,
      retries: 0,
      answers: () => ({ output: { ok: true } }),
    });
    const port = meteredPorts(() => ({ manager: scripted }), metrics)({}).manager!;
    const call = () =>
      port.call({
        role: "manager",
        system: "Decide.",
        messages: [{ role: "user", content: "The diff." }],
        schemaName: "decision",
        jsonSchema: { type: "object" },
        parse: (v) => v,
        maxOutputTokens: 100,
      });
    const result = await call();
    const text = await metrics.text();
    const labels = { role: "manager", provider: "scripted", model: "priced-model" };
    expect(sampleValue(text, "autopilot_llm_calls_total", { ...labels, outcome: "ok" })).toBe(1);
    expect(sampleValue(text, "autopilot_llm_tokens_total", { ...labels, direction: "input" })).toBe(result.usage.input);
    expect(sampleValue(text, "autopilot_llm_tokens_total", { ...labels, direction: "output" })).toBe(
      result.usage.output,
    );
    expect(sampleValue(text, "autopilot_llm_cost_usd_total", labels)).toBeCloseTo(result.costUsd, 10);
    expect(result.costUsd).toBeGreaterThan(0);
    expect(sampleValue(await other.text(), "autopilot_llm_calls_total", { ...labels, outcome: "ok" })).toBeUndefined();
  });

  it("a job that throws is timed as failed, counted as an error, and its log line names the delivery", async () => {
    const metrics = new AppMetrics();
    const log = recordingLog();
    const queue = new WorkQueue({ log, metrics });
    const fields = { delivery: "d-42", event: "issues.labeled", repository: "acme/widgets", issue: 42 };
    await runInJobScope({ fields }, () => {
      void queue.enqueue("acme/widgets", async () => {
        throw new Error("GitHub said no");
      });
      void queue.enqueue("acme/widgets", async () => undefined);
    });
    await queue.drain();
    const text = await metrics.text();
    expect(
      sampleValue(text, "autopilot_job_duration_seconds_count", { event: "issues.labeled", outcome: "failed" }),
    ).toBe(1);
    expect(sampleValue(text, "autopilot_job_duration_seconds_count", { event: "issues.labeled", outcome: "ok" })).toBe(
      1,
    );
    expect(sampleValue(text, "autopilot_errors_total", { source: "job" })).toBe(1);
    expect(log.errors).toEqual([
      {
        fields: expect.objectContaining({ key: "acme/widgets", ...fields }),
        message: expect.stringMatching(/job failed/),
      },
    ]);
  });
});

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseReviewComment } from "../../src/core/review/index.js";
import { callPolicyOf, createLlmPort } from "../../src/llm/index.js";
import { criteriaMetIn } from "../../dev/demo/reviewers.js";
import { anthropicText, anthropicJson, openAiCompletion } from "../llm/vendor-fakes.js";
import {
  markReady,
  noMergeConfig,
  pushCommit,
  setRepoConfig,
  startAppHarness,
  startTask,
  type AppHarness,
} from "./app-harness.js";

const repo = { owner: "acme", repo: "widgets" };

interface Exchange {
  path: string;
  body: Record<string, any>;
}

/**
 * A local stand-in for both vendors' HTTP APIs: the Anthropic Messages endpoint answers first
 * with prose (not JSON), then with the findings; the OpenAI Chat Completions endpoint first
 * with a 429 and `retry-after-ms`, then with the decision.
 */
async function startFakeProviders(): Promise<{ url: string; exchanges: Exchange[]; close: () => Promise<void> }> {
  const exchanges: Exchange[] = [];
  let anthropicCalls = 0;
  let openAiCalls = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, any>;
      const path = request.url ?? "";
      exchanges.push({ path, body });
      const json = (status: number, value: unknown, headers: Record<string, string> = {}) =>
        response.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(value));
      if (path.endsWith("/v1/messages")) {
        anthropicCalls += 1;
        if (anthropicCalls === 1) return json(200, anthropicText("Looks fine to me."));
        return json(200, anthropicJson({ risks: [], missing_deliverables: [], test_gaps: [], followups: [] }));
      }
      if (path.endsWith("/chat/completions")) {
        openAiCalls += 1;
        if (openAiCalls === 1)
          return json(
            429,
            { error: { message: "Rate limit reached", type: "requests", param: null, code: "rate_limit_exceeded" } },
            { "retry-after-ms": "20" },
          );
        const prompt = (body.messages as Array<{ content: string }>).map((message) => message.content).join("\n");
        const decision = {
          decision: "accept",
          recommended_status: "review",
          next_actions: [],
          summary: "Meets the spec.",
          reasons: ["the page size is 50"],
          criteria: criteriaMetIn(prompt),
        };
        return json(200, openAiCompletion(JSON.stringify(decision)));
      }
      json(404, { error: { message: `no route ${path}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, exchanges, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The review through the real Anthropic and OpenAI SDKs, over HTTP to local stand-ins of both APIs. */
describe("the review with the real SDKs", () => {
  let h: AppHarness;
  let providers: Awaited<ReturnType<typeof startFakeProviders>>;

  beforeAll(async () => {
    providers = await startFakeProviders();
    h = await startAppHarness({
      reviewPorts: (config) => {
        const policy = { ...callPolicyOf(config.review), sleep: async () => undefined, env: {} };
        return {
          assistantManager: createLlmPort(config.review.assistant_manager, {
            ...policy,
            apiKey: "local-test-key",
            baseURL: providers.url,
          }),
          manager: createLlmPort(config.review.manager, {
            ...policy,
            apiKey: "local-test-key",
            baseURL: `${providers.url}/v1`,
          }),
        };
      },
    });
    await setRepoConfig(h, noMergeConfig);
  });
  afterAll(async () => {
    await h.close();
    await providers.close();
  });

  it("repairs a reply that is prose, not JSON, waits out a 429, and posts an accepted review", async () => {
    const { issue, pull, branch } = await startTask(h, "Paginate widget lists", "src/widgets/**");
    const sha = await pushCommit(h.user, branch, `Page by 50\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      "src/widgets/list-widgets.ts": "export const pageSize = 50;\n",
    });
    await markReady(h, pull.node_id);

    expect(providers.exchanges.map((exchange) => exchange.path)).toEqual([
      "/v1/messages",
      "/v1/messages",
      "/v1/chat/completions",
      "/v1/chat/completions",
    ]);
    // structured outputs, not a forced tool (current Claude models refuse forced tool use)
    expect(providers.exchanges[0]?.body.output_config).toMatchObject({
      format: { type: "json_schema", schema: { type: "object" } },
    });
    expect(providers.exchanges[0]?.body.tool_choice).toBeUndefined();
    expect(providers.exchanges[2]?.body.response_format).toMatchObject({
      type: "json_schema",
      json_schema: { name: "manager_decision", strict: true },
    });
    const check = (await h.user.rest.checks.listForRef({ ...repo, ref: sha, check_name: "autopilot/review" })).data
      .check_runs[0];
    expect(check?.conclusion).toBe("success");
    const comment = (await h.user.rest.issues.listComments({ ...repo, issue_number: pull.number })).data.find((item) =>
      item.body?.includes("autopilot:review-json"),
    );
    expect(parseReviewComment(comment!.body!)).toMatchObject({
      decision: "accept",
      calls: [
        { role: "assistant_manager", provider: "anthropic", outcome: "repaired" },
        { role: "manager", provider: "openai", outcome: "ok" },
      ],
    });
  });
});

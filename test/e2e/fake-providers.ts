import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { PortsFor } from "../../src/handlers/review/review-pull.js";
import { callPolicyOf, createLlmPort } from "../../src/llm/index.js";
import { criteriaMetIn } from "../../dev/demo/reviewers.js";
import { anthropicJson, openAiCompletion } from "../llm/vendor-fakes.js";

export type Vendor = "anthropic" | "openai";

/** One HTTP answer of a fake vendor, or `hang`: no answer at all, until the client gives up. */
export type FakeReply = { status?: number; body: unknown; headers?: Record<string, string> } | "hang";

/** What a vendor answers to a request body; `index` counts that vendor's requests from 0. */
export type FakeRoute = (body: Record<string, any>, index: number) => FakeReply;

export interface Exchange {
  vendor: Vendor;
  body: Record<string, any>;
}

export const cleanFindings = { risks: [], missing_deliverables: [], test_gaps: [], followups: [] };
export const acceptDecision = {
  decision: "accept",
  recommended_status: "done",
  next_actions: [],
  summary: "Meets the spec.",
  reasons: ["pages by 50"],
};

/** The structured answer each vendor gives when things go well: the JSON as the reply's text (Anthropic) or content (OpenAI). */
export const findingsReply =
  (findings: unknown): FakeRoute =>
  () => ({ body: anthropicJson(findings) });
/**
 * The manager's answer; without `criteria` of its own it calls every acceptance criterion in the
 * prompt met, citing the first file of the diff (what a model that read the change would say).
 */
export const decisionReply =
  (decision: object): FakeRoute =>
  (body) => {
    const prompt = ((body.messages ?? []) as Array<{ content: unknown }>)
      .map((message) => (typeof message.content === "string" ? message.content : JSON.stringify(message.content)))
      .join("\n");
    const answer = "criteria" in decision ? decision : { ...decision, criteria: criteriaMetIn(prompt) };
    return { body: openAiCompletion(JSON.stringify(answer)) };
  };

export interface FakeProviders {
  url: string;
  exchanges: Exchange[];
  /** what `vendor` answers from now on; the route's `index` starts again at 0 */
  answer(vendor: Vendor, route: FakeRoute): void;
  /** requests a vendor received since `from` (an index into `exchanges`) */
  count(vendor: Vendor, from?: number): number;
  close(): Promise<void>;
}

/**
 * A local HTTP stand-in for Anthropic's Messages API (`/v1/messages`) and OpenAI's Chat
 * Completions (`/v1/chat/completions`), answering what the test's routes say, so the real SDKs
 * and the app's retry, repair and timeout handling run over a real connection.
 */
export async function startFakeProviders(): Promise<FakeProviders> {
  const exchanges: Exchange[] = [];
  const routes: Record<Vendor, FakeRoute> = {
    anthropic: findingsReply(cleanFindings),
    openai: decisionReply(acceptDecision),
  };
  const seen: Record<Vendor, number> = { anthropic: 0, openai: 0 };
  const hanging: ServerResponse[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = request.url ?? "";
      const vendor: Vendor | undefined = path.endsWith("/v1/messages")
        ? "anthropic"
        : path.endsWith("/chat/completions")
          ? "openai"
          : undefined;
      if (vendor === undefined)
        return void response
          .writeHead(404, { "content-type": "application/json" })
          .end(JSON.stringify({ error: { message: `no route ${path}` } }));
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, any>;
      exchanges.push({ vendor, body });
      const reply = routes[vendor](body, seen[vendor]++);
      if (reply === "hang") return void hanging.push(response);
      response
        .writeHead(reply.status ?? 200, { "content-type": "application/json", ...reply.headers })
        .end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    exchanges,
    answer: (vendor, route) => {
      routes[vendor] = route;
      seen[vendor] = 0;
    },
    count: (vendor, from = 0) => exchanges.slice(from).filter((exchange) => exchange.vendor === vendor).length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of hanging) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Tunables of the real ports a test can change between reviews (the ports are built per review). */
export interface PortSettings {
  timeoutMs?: number;
  /** every wait the ports' retry policy asked for, in order; nothing actually waits */
  waits: number[];
}

/**
 * The real Anthropic and OpenAI ports, as `createLlmPort` builds them from the environment the
 * app runs with: keys and `ANTHROPIC_BASE_URL` / `OPENAI_BASE_URL` pointing at the fakes.
 */
export function realPortsOn(providers: FakeProviders, settings: PortSettings): PortsFor {
  const key = ["local", "test", "key"].join("-");
  const env = {
    ANTHROPIC_API_KEY: key,
    OPENAI_API_KEY: key,
    ANTHROPIC_BASE_URL: providers.url,
    OPENAI_BASE_URL: `${providers.url}/v1`,
  };
  return (config) => {
    const policy = {
      ...callPolicyOf(config.review),
      ...(settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs }),
      sleep: async (ms: number) => void settings.waits.push(ms),
      env,
    };
    const assistantManager = createLlmPort(config.review.assistant_manager, policy);
    const manager = createLlmPort(config.review.manager, policy);
    return { ...(assistantManager ? { assistantManager } : {}), ...(manager ? { manager } : {}) };
  };
}

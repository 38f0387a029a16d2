import nock from "nock";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createLlmPort } from "../../src/llm/index.js";
import { goodVerdict, prices, recordingScope, recordingSleep, verdictCall } from "./vendor-fakes.js";
import { vendors } from "./vendors.js";

/** The same scenarios against both real SDKs, answered at the HTTP level by nock. */
describe.each(vendors)("$name port", (vendor) => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    vi.unstubAllEnvs();
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
  });

  const setup = (policy: Parameters<typeof vendor.makePort>[0] = {}) => {
    const { scope, bodies } = recordingScope(vendor.url);
    const { sleep, waits } = recordingSleep();
    const port = vendor.makePort({
      prices,
      sleep,
      backoff: { baseMs: 1_000, capMs: 30_000, random: () => 0 },
      ...policy,
    });
    return { scope: scope.matchHeader("authorization", "Bearer test-key"), bodies, waits, port };
  };

  it("returns the parsed answer with the billed tokens, their cost and one attempt", async () => {
    const { scope, port } = setup();
    scope.post(vendor.path).reply(200, vendor.answer(goodVerdict, [2_000, 100]));
    const result = await port.call(verdictCall());
    const [input, output] = vendor.name === "anthropic" ? [3, 15] : [1.25, 10];
    expect(result).toMatchObject({
      ok: true,
      outcome: "ok",
      value: goodVerdict,
      provider: vendor.name,
      model: vendor.model,
      attempts: 1,
      priced: true,
    });
    expect(result.usage).toEqual({ input: 2_000, output: 100 });
    expect(result.costUsd).toBeCloseTo((2_000 * input + 100 * output) / 1e6, 10);
  });

  it("repairs an answer that fails the schema with one more request saying what was wrong", async () => {
    const { scope, bodies, port } = setup();
    const bad = { decision: "maybe", reasons: [] };
    scope.post(vendor.path).reply(200, vendor.answer(bad, [1_000, 50]));
    scope.post(vendor.path).reply(200, vendor.answer(goodVerdict, [1_100, 60]));
    const result = await port.call(verdictCall());
    expect(result).toMatchObject({ ok: true, outcome: "repaired", value: goodVerdict, attempts: 2 });
    expect(result.usage).toEqual({ input: 2_100, output: 110 });
    const repair = JSON.parse(bodies[1]!) as { messages: Array<{ role: string; content: string }> };
    const [answer, instruction] = repair.messages.slice(-2);
    expect(answer).toEqual({ role: "assistant", content: vendor.echoed(bad) });
    expect(instruction!.role).toBe("user");
    expect(instruction!.content).toMatch(/could not be used: .*decision: Invalid option/);
  });

  it("reports malformed when the repaired answer is still unusable", async () => {
    const { scope, port } = setup();
    scope.post(vendor.path).times(2).reply(200, vendor.garbled("Looks good to me, ship it."));
    const result = await port.call(verdictCall());
    expect(result).toMatchObject({ ok: false, outcome: "malformed", attempts: 2 });
    expect(result.ok ? "" : result.reason).toMatch(/^still unusable after one repair: /);
    expect(result.usage.input).toBeGreaterThan(0);
  });

  it("treats a refusal as unusable output: one repair, then malformed with the refusal as the reason", async () => {
    const { scope, port } = setup();
    scope.post(vendor.path).times(2).reply(200, vendor.refusal());
    const result = await port.call(verdictCall());
    expect(result).toMatchObject({ ok: false, outcome: "malformed", attempts: 2 });
    expect(result.ok ? "" : result.reason).toMatch(/refused/);
  });

  it("waits what a 429's retry-after asks, then succeeds", async () => {
    const { scope, waits, port } = setup();
    const limited = vendor.rateLimited();
    scope.post(vendor.path).reply(limited.status, limited.body, limited.headers);
    scope.post(vendor.path).reply(200, vendor.answer(goodVerdict));
    const result = await port.call(verdictCall());
    expect(result).toMatchObject({ ok: true, outcome: "ok", attempts: 2 });
    expect(waits).toEqual([limited.expectedWaitMs]);
  });

  it("gives up with error after retries + 1 server errors, backing off exponentially", async () => {
    const { scope, waits, port } = setup({ retries: 2 });
    const failed = vendor.serverError();
    scope.post(vendor.path).times(3).reply(failed.status, failed.body);
    const result = await port.call(verdictCall());
    expect(result).toMatchObject({
      ok: false,
      outcome: "error",
      attempts: 3,
      usage: { input: 0, output: 0 },
      costUsd: 0,
    });
    expect(result.ok ? "" : result.reason).toContain("HTTP 500");
    expect(waits).toEqual([500, 1_000]);
  });

  it("does not retry a request the provider rejects for good (401)", async () => {
    const { scope, waits, port } = setup({ retries: 2 });
    const rejected = vendor.unauthorized();
    scope.post(vendor.path).reply(rejected.status, rejected.body);
    const result = await port.call(verdictCall());
    expect(result).toMatchObject({ ok: false, outcome: "error", attempts: 1 });
    expect(waits).toEqual([]);
  });

  it("retries a dropped connection", async () => {
    const { scope, waits, port } = setup({ retries: 1 });
    scope.post(vendor.path).replyWithError({ code: "ECONNRESET", message: "socket hang up" });
    scope.post(vendor.path).reply(200, vendor.answer(goodVerdict));
    const result = await port.call(verdictCall());
    expect(result).toMatchObject({ ok: true, attempts: 2 });
    expect(waits).toHaveLength(1);
  });

  it("reports timeout when no try answers within timeout_ms", async () => {
    const { scope, waits, port } = setup({ timeoutMs: 50, retries: 1 });
    scope.post(vendor.path).times(2).delay(2_000).reply(200, vendor.answer(goodVerdict));
    const result = await port.call(verdictCall());
    expect(result).toMatchObject({ ok: false, outcome: "timeout", attempts: 2 });
    expect(result.ok ? "" : result.reason).toContain("no answer within 50 ms");
    expect(waits).toHaveLength(1);
  });

  it("sends nothing and reports over_budget when the call may cost more than the budget left", async () => {
    const { port } = setup();
    // 1,000 output tokens alone cost $0.01 (gpt-5) or $0.015 (claude) at the test prices
    const result = await port.call(verdictCall({ remainingBudgetUsd: 0.005 }));
    expect(result).toMatchObject({ ok: false, outcome: "over_budget", attempts: 0, costUsd: 0 });
    expect(result.ok ? "" : result.reason).toMatch(/may cost up to \$0\.01\d+, more than the \$0\.0050 left/);
  });

  it("sends to the base URL the environment names, through the factory and when the SDK reads it itself", async () => {
    vi.stubEnv(vendor.baseUrlVariable, "https://llm-gateway.acme.test/proxy/v1");
    const path = vendor.name === "anthropic" ? "/proxy/v1/v1/messages" : "/proxy/v1/chat/completions";
    const gateway = nock("https://llm-gateway.acme.test");
    gateway.post(path).matchHeader("authorization", "Bearer env-key").reply(200, vendor.answer(goodVerdict));
    gateway.post(path).matchHeader("authorization", "Bearer test-key").reply(200, vendor.answer(goodVerdict));
    const fromFactory = createLlmPort(
      { provider: vendor.name, model: vendor.model },
      { timeoutMs: 5_000, retries: 0, apiKey: "env-key" },
    );
    expect((await fromFactory!.call(verdictCall())).ok).toBe(true);
    expect((await vendor.makePort({ retries: 0 }).call(verdictCall())).ok).toBe(true);
  });
});

import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/index.js";
import { builtInPrices } from "../../src/config/model-prices.js";
import { apiKeyVariable, callPolicyOf, createLlmPort } from "../../src/llm/index.js";
import {
  ANTHROPIC_URL,
  OPENAI_URL,
  anthropicJson,
  goodVerdict,
  openAiCompletion,
  verdictCall,
} from "./vendor-fakes.js";

const policy = { timeoutMs: 5_000, retries: 0 };

describe("createLlmPort", () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
  });

  it("gives no port when the provider's API key is missing or blank, so the review can say so", () => {
    expect(
      createLlmPort({ provider: "anthropic", model: "claude-sonnet-5-5" }, { ...policy, env: {} }),
    ).toBeUndefined();
    expect(
      createLlmPort(
        { provider: "openai", model: "gpt-5" },
        { ...policy, env: { OPENAI_API_KEY: "  ", ANTHROPIC_API_KEY: "other-vendor" } },
      ),
    ).toBeUndefined();
    expect(apiKeyVariable("anthropic")).toBe("ANTHROPIC_API_KEY");
    expect(apiKeyVariable("openai")).toBe("OPENAI_API_KEY");
    expect(apiKeyVariable("scripted")).toBeUndefined();
  });

  it("reads each vendor's key from its own variable; an explicit key wins", async () => {
    nock(ANTHROPIC_URL)
      .post("/v1/messages")
      .matchHeader("authorization", "Bearer from-env")
      .reply(200, anthropicJson(goodVerdict));
    nock(OPENAI_URL)
      .post("/v1/chat/completions")
      .matchHeader("authorization", "Bearer explicit")
      .reply(200, openAiCompletion(JSON.stringify(goodVerdict)));
    const env = { ANTHROPIC_API_KEY: "from-env", OPENAI_API_KEY: "from-env" };
    const claude = createLlmPort({ provider: "anthropic", model: "claude-sonnet-5-5" }, { ...policy, env });
    const gpt = createLlmPort({ provider: "openai", model: "gpt-5" }, { ...policy, env, apiKey: "explicit" });
    expect(claude).toMatchObject({ provider: "anthropic", model: "claude-sonnet-5-5" });
    expect((await claude!.call(verdictCall())).ok).toBe(true);
    expect((await gpt!.call(verdictCall())).ok).toBe(true);
  });

  it("builds the scripted provider without any key, answering from the given script", async () => {
    const port = createLlmPort(
      { provider: "scripted", model: "scripted" },
      { ...policy, env: {}, scriptedAnswers: [{ output: goodVerdict }] },
    );
    expect(await port!.call(verdictCall())).toMatchObject({ ok: true, provider: "scripted", value: goodVerdict });
    const silent = createLlmPort({ provider: "scripted", model: "scripted" }, { ...policy, env: {} });
    expect((await silent!.call(verdictCall())).outcome).toBe("error");
  });

  it("takes prices, timeout and retries from the review config", () => {
    const parsed = parseConfig(
      "review:\n  timeout_ms: 30000\n  retries: 4\n  prices:\n    gpt-5.6-terra: { input: 2, output: 20 }\n    my-model: { input: 1, output: 1 }\n",
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    // configured prices override the built-in ones and add models; the other models keep their built-in prices
    const policy = callPolicyOf(parsed.config.review);
    expect(policy).toMatchObject({ timeoutMs: 30_000, retries: 4 });
    expect(policy.prices).toEqual({
      ...builtInPrices,
      "gpt-5.6-terra": { input: 2, output: 20 },
      "my-model": { input: 1, output: 1 },
    });
  });

  it("prices the default models out of the box, so max_cost_usd caps a review without any prices configured", () => {
    const parsed = parseConfig("");
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const { prices } = callPolicyOf(parsed.config.review);
    expect(prices?.[parsed.config.review.assistant_manager.model]).toBeDefined();
    expect(prices?.[parsed.config.review.manager.model]).toBeDefined();
  });
});

import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  ANTHROPIC_URL,
  OPENAI_URL,
  anthropicText,
  anthropicJson,
  goodVerdict,
  openAiCompletion,
  recordingScope,
  verdictCall,
  verdictJsonSchema,
} from "./vendor-fakes.js";
import { vendors } from "./vendors.js";

const [anthropic, openai] = vendors as [(typeof vendors)[0], (typeof vendors)[1]];
const lastUserMessage = (body: string): string => {
  const { messages } = JSON.parse(body) as { messages: Array<{ role: string; content: string }> };
  return messages.filter((message) => message.role === "user").at(-1)!.content;
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});

describe("Anthropic Messages API", () => {
  it("asks for the answer as structured output whose schema is the answer's, with the system prompt cached", async () => {
    const { scope, bodies } = recordingScope(ANTHROPIC_URL);
    scope.post("/v1/messages").reply(200, anthropicJson(goodVerdict));
    const result = await anthropic.makePort({}).call(verdictCall({ maxOutputTokens: 2_048 }));
    expect(result).toMatchObject({ ok: true, value: goodVerdict });
    const body = JSON.parse(bodies[0]!) as Record<string, unknown>;
    expect(body).toMatchObject({
      model: "claude-sonnet-5-5",
      max_tokens: 2_048,
      system: [{ type: "text", text: verdictCall().system, cache_control: { type: "ephemeral" } }],
      messages: verdictCall().messages,
      output_config: { format: { type: "json_schema", schema: verdictJsonSchema } },
    });
    // current Claude models refuse a forced tool: no tool is offered at all
    expect(body.tools).toBeUndefined();
    expect(body.tool_choice).toBeUndefined();
  });

  it("ends a cache breakpoint at each message marked as a stable prefix, and reads the cache's tokens into the cost", async () => {
    const { scope, bodies } = recordingScope(ANTHROPIC_URL);
    scope.post("/v1/messages").reply(
      200,
      anthropicJson(goodVerdict, {
        input_tokens: 200,
        output_tokens: 80,
        cache_read_input_tokens: 9_000,
        cache_creation_input_tokens: 1_000,
      }),
    );
    const call = verdictCall({
      messages: [
        { role: "user", content: "The repository's rules.", cachePrefix: true },
        { role: "user", content: "The diff." },
      ],
    });
    const result = await anthropic
      .makePort({ prices: { "claude-sonnet-5-5": { input: 2, output: 10, cached_input: 0.2, cache_write: 2.5 } } })
      .call(call);
    const body = JSON.parse(bodies[0]!) as { messages: unknown[] };
    expect(body.messages).toEqual([
      {
        role: "user",
        content: [{ type: "text", text: "The repository's rules.", cache_control: { type: "ephemeral" } }],
      },
      { role: "user", content: "The diff." },
    ]);
    expect(result.usage).toEqual({ input: 10_200, output: 80, cachedInput: 9_000, cacheWrite: 1_000 });
    // 200 × $2 + 9,000 × $0.20 + 1,000 × $2.50 + 80 × $10, per million
    expect(result.costUsd).toBeCloseTo((200 * 2 + 9_000 * 0.2 + 1_000 * 2.5 + 80 * 10) / 1_000_000, 10);
  });

  it("sends the role's reasoning effort", async () => {
    const { scope, bodies } = recordingScope(ANTHROPIC_URL);
    scope.post("/v1/messages").reply(200, anthropicJson(goodVerdict));
    await anthropic.makePort({ effort: "low" }).call(verdictCall());
    expect(JSON.parse(bodies[0]!)).toMatchObject({ output_config: { effort: "low" } });
  });

  it("repairs an answer that is prose, not JSON, saying so", async () => {
    const { scope, bodies } = recordingScope(ANTHROPIC_URL);
    scope.post("/v1/messages").reply(200, anthropicText("I accept this change."));
    scope.post("/v1/messages").reply(200, anthropicJson(goodVerdict));
    const result = await anthropic.makePort({}).call(verdictCall());
    expect(result.outcome).toBe("repaired");
    expect(lastUserMessage(bodies[1]!)).toMatch(/the answer is not JSON/);
  });

  it("asks again with twice the output cap when the answer was cut off at max_tokens, not for a repair", async () => {
    const { scope, bodies } = recordingScope(ANTHROPIC_URL);
    scope.post("/v1/messages").reply(200, anthropicText('{"decision": "accept", "reasons": ["the acc', "max_tokens"));
    scope.post("/v1/messages").reply(200, anthropicJson(goodVerdict));
    const result = await anthropic.makePort({}).call(verdictCall({ maxOutputTokens: 1_000 }));
    expect(result).toMatchObject({ outcome: "repaired", value: goodVerdict });
    const [first, second] = bodies.map((body) => JSON.parse(body) as { max_tokens: number; messages: unknown[] });
    expect([first!.max_tokens, second!.max_tokens]).toEqual([1_000, 2_000]);
    expect(second!.messages).toEqual(first!.messages);
  });

  it("names the refusal's category and explanation in the reason", async () => {
    const { scope } = recordingScope(ANTHROPIC_URL);
    scope.post("/v1/messages").times(2).reply(200, anthropic.refusal());
    const result = await anthropic.makePort({}).call(verdictCall());
    expect(result.ok ? "" : result.reason).toContain(
      "the model refused (cyber): The request could enable malware development.",
    );
  });
});

describe("OpenAI Chat Completions", () => {
  it("asks for a strict JSON Schema response format, with the system prompt as the first message", async () => {
    const { scope, bodies } = recordingScope(OPENAI_URL);
    scope.post("/v1/chat/completions").reply(200, openAiCompletion(JSON.stringify(goodVerdict)));
    const result = await openai.makePort({}).call(verdictCall({ maxOutputTokens: 2_048 }));
    expect(result).toMatchObject({ ok: true, value: goodVerdict });
    const body = JSON.parse(bodies[0]!) as Record<string, unknown>;
    expect(body).toMatchObject({
      model: "gpt-5.6-terra",
      max_completion_tokens: 2_048,
      prompt_cache_key: "autopilot-verdict",
      messages: [{ role: "system", content: verdictCall().system }, ...verdictCall().messages],
      response_format: {
        type: "json_schema",
        json_schema: { name: "verdict", schema: verdictJsonSchema, strict: true },
      },
    });
  });

  it("repairs content that is not JSON, quoting the parser's complaint", async () => {
    const { scope, bodies } = recordingScope(OPENAI_URL);
    scope.post("/v1/chat/completions").reply(200, openAiCompletion('{"decision": "accept", "reasons": ['));
    scope.post("/v1/chat/completions").reply(200, openAiCompletion(JSON.stringify(goodVerdict)));
    const result = await openai.makePort({}).call(verdictCall());
    expect(result.outcome).toBe("repaired");
    expect(lastUserMessage(bodies[1]!)).toMatch(/the answer is not JSON \(.+\)/);
  });

  it("does not trust an answer cut off at the length limit, even when it parses: asks again with twice the cap", async () => {
    const { scope, bodies } = recordingScope(OPENAI_URL);
    scope.post("/v1/chat/completions").reply(200, openAiCompletion(JSON.stringify(goodVerdict), { finish: "length" }));
    scope.post("/v1/chat/completions").reply(200, openAiCompletion(JSON.stringify(goodVerdict)));
    const result = await openai.makePort({}).call(verdictCall({ maxOutputTokens: 1_000 }));
    expect(result.outcome).toBe("repaired");
    expect(bodies.map((body) => (JSON.parse(body) as { max_completion_tokens: number }).max_completion_tokens)).toEqual(
      [1_000, 2_000],
    );
  });

  it("a reasoning model that spends its whole cap thinking (empty content, length) gets one more try with twice the cap, then malformed", async () => {
    const { scope, bodies } = recordingScope(OPENAI_URL);
    scope
      .post("/v1/chat/completions")
      .times(2)
      .reply(200, openAiCompletion("", { finish: "length", usage: [1_100, 1_000] }));
    const result = await openai
      .makePort({ prices: { "gpt-5.6-terra": { input: 2.5, output: 15 } } })
      .call(verdictCall({ maxOutputTokens: 1_000 }));
    expect(result).toMatchObject({
      ok: false,
      outcome: "malformed",
      attempts: 2,
      usage: { input: 2_200, output: 2_000 },
    });
    expect(bodies.map((body) => (JSON.parse(body) as { max_completion_tokens: number }).max_completion_tokens)).toEqual(
      [1_000, 2_000],
    );
  });

  it("sends the role's reasoning effort and reads cached input into the cost", async () => {
    const { scope, bodies } = recordingScope(OPENAI_URL);
    const completion = openAiCompletion(JSON.stringify(goodVerdict), { usage: [10_000, 100] });
    scope
      .post("/v1/chat/completions")
      .reply(200, { ...completion, usage: { ...completion.usage, prompt_tokens_details: { cached_tokens: 8_000 } } });
    const result = await openai
      .makePort({ effort: "low", prices: { "gpt-5.6-terra": { input: 2.5, output: 15, cached_input: 0.25 } } })
      .call(verdictCall());
    expect(JSON.parse(bodies[0]!)).toMatchObject({ reasoning_effort: "low" });
    expect(result.usage).toEqual({ input: 10_000, output: 100, cachedInput: 8_000 });
    expect(result.costUsd).toBeCloseTo((2_000 * 2.5 + 8_000 * 0.25 + 100 * 15) / 1_000_000, 10);
  });

  it("names the refusal in the reason", async () => {
    const { scope } = recordingScope(OPENAI_URL);
    scope.post("/v1/chat/completions").times(2).reply(200, openai.refusal());
    const result = await openai.makePort({}).call(verdictCall());
    expect(result.ok ? "" : result.reason).toContain("the model refused: I'm sorry, I can't help with that request.");
  });
});

import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  ANTHROPIC_URL,
  OPENAI_URL,
  anthropicText,
  anthropicToolUse,
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
  it("asks for the answer through one forced tool whose input schema is the answer's", async () => {
    const { scope, bodies } = recordingScope(ANTHROPIC_URL);
    scope.post("/v1/messages").reply(200, { ...anthropicToolUse(goodVerdict), content: [{ type: "text", text: "Recording the verdict.", citations: null }, ...anthropicToolUse(goodVerdict).content] });
    const result = await anthropic.makePort({}).call(verdictCall({ maxOutputTokens: 2_048 }));
    expect(result).toMatchObject({ ok: true, value: goodVerdict });
    const body = JSON.parse(bodies[0]!) as Record<string, unknown>;
    expect(body).toMatchObject({
      model: "claude-sonnet-4-6",
      max_tokens: 2_048,
      system: verdictCall().system,
      messages: verdictCall().messages,
      tools: [{ name: "verdict", input_schema: verdictJsonSchema }],
      tool_choice: { type: "tool", name: "verdict", disable_parallel_tool_use: true },
    });
  });

  it("repairs an answer that did not call the tool, saying so", async () => {
    const { scope, bodies } = recordingScope(ANTHROPIC_URL);
    scope.post("/v1/messages").reply(200, anthropicText("I accept this change."));
    scope.post("/v1/messages").reply(200, anthropicToolUse(goodVerdict));
    const result = await anthropic.makePort({}).call(verdictCall());
    expect(result.outcome).toBe("repaired");
    expect(lastUserMessage(bodies[1]!)).toContain("did not call the `verdict` tool");
  });

  it("does not trust a tool input cut off at max_tokens", async () => {
    const { scope, bodies } = recordingScope(ANTHROPIC_URL);
    scope.post("/v1/messages").reply(200, { ...anthropicToolUse({ decision: "accept", reasons: ["the acc"] }), stop_reason: "max_tokens" });
    scope.post("/v1/messages").reply(200, anthropicToolUse(goodVerdict));
    const result = await anthropic.makePort({}).call(verdictCall());
    expect(result).toMatchObject({ outcome: "repaired", value: goodVerdict });
    expect(lastUserMessage(bodies[1]!)).toContain("cut off at the output token limit");
  });

  it("names the refusal's category and explanation in the reason", async () => {
    const { scope } = recordingScope(ANTHROPIC_URL);
    scope.post("/v1/messages").times(2).reply(200, anthropic.refusal());
    const result = await anthropic.makePort({}).call(verdictCall());
    expect(result.ok ? "" : result.reason).toContain("the model refused (cyber): The request could enable malware development.");
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
      model: "gpt-5",
      max_completion_tokens: 2_048,
      messages: [{ role: "system", content: verdictCall().system }, ...verdictCall().messages],
      response_format: { type: "json_schema", json_schema: { name: "verdict", schema: verdictJsonSchema, strict: true } },
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

  it("does not trust an answer cut off at the length limit, even when it parses", async () => {
    const { scope, bodies } = recordingScope(OPENAI_URL);
    scope.post("/v1/chat/completions").reply(200, openAiCompletion(JSON.stringify(goodVerdict), { finish: "length" }));
    scope.post("/v1/chat/completions").reply(200, openAiCompletion(JSON.stringify(goodVerdict)));
    const result = await openai.makePort({}).call(verdictCall());
    expect(result.outcome).toBe("repaired");
    expect(lastUserMessage(bodies[1]!)).toContain("cut off at the output token limit");
  });

  it("names the refusal in the reason", async () => {
    const { scope } = recordingScope(OPENAI_URL);
    scope.post("/v1/chat/completions").times(2).reply(200, openai.refusal());
    const result = await openai.makePort({}).call(verdictCall());
    expect(result.ok ? "" : result.reason).toContain("the model refused: I'm sorry, I can't help with that request.");
  });
});

import { describe, expect, it } from "vitest";
import {
  anthropicSafetyFactor,
  bpeCount,
  estimateRequestTokens,
  estimateTokens,
  openAiEncodingOf,
  tokenCounterFor,
} from "../../src/llm/index.js";
import { backoffDelay, retryAfterMs } from "../../src/llm/retry-delay.js";
import { verdictJsonSchema } from "./vendor-fakes.js";

describe("token counts", () => {
  const code = "if (x[i] !== y?.[j]) { return { ok: false, at: [i, j] }; }\n".repeat(10);

  it("counts OpenAI models exactly, with the encoding of the model", () => {
    // OpenAI's cookbook example: "tiktoken is great!" is 6 tokens in cl100k_base
    expect(tokenCounterFor({ provider: "openai", model: "gpt-4" })).toMatchObject({
      exact: true,
      method: "cl100k_base",
    });
    expect(tokenCounterFor({ provider: "openai", model: "gpt-4" }).count("tiktoken is great!")).toBe(6);
    for (const model of ["gpt-5", "gpt-4o-2024-08-06", "o3-mini"]) {
      const counter = tokenCounterFor({ provider: "openai", model });
      expect(counter, model).toMatchObject({ exact: true, method: "o200k_base" });
      expect(counter.count(code), model).toBe(bpeCount(code, "o200k_base"));
    }
    const japanese = "変更を確認してください。テストも追加してください。";
    expect(bpeCount(japanese, "o200k_base")).toBeLessThan(bpeCount(japanese, "cl100k_base"));
  });

  it("says a model it does not know (an OpenAI-compatible gateway's) is counted with o200k_base, not exactly", () => {
    expect(openAiEncodingOf("llama-3.1-70b-instruct")).toEqual({ encoding: "o200k_base", known: false });
    expect(openAiEncodingOf("../../package")).toEqual({ encoding: "o200k_base", known: false });
    const counter = tokenCounterFor({ provider: "openai", model: "llama-3.1-70b-instruct" });
    expect(counter.exact).toBe(false);
    expect(counter.method).toContain("not in gpt-tokenizer's catalog");
  });

  it("estimates Claude high: the BPE count times 1.35, or 2 for the Opus 4.7 tokenizer and unknown models", () => {
    const bpe = bpeCount(code);
    for (const model of [
      "claude-sonnet-4-6",
      "claude-sonnet-4-5-20250929",
      "claude-haiku-4-5",
      "claude-sonnet-4-20250514",
      "claude-3-5-haiku-latest",
    ]) {
      expect(tokenCounterFor({ provider: "anthropic", model }).count(code), model).toBe(
        Math.ceil(bpe * anthropicSafetyFactor.earlierTokenizer),
      );
    }
    for (const model of ["claude-opus-4-7", "claude-opus-4-8", "claude-fable-5"]) {
      expect(tokenCounterFor({ provider: "anthropic", model }).count(code), model).toBe(
        Math.ceil(bpe * anthropicSafetyFactor.currentTokenizer),
      );
    }
    expect(tokenCounterFor({ provider: "anthropic", model: "claude-sonnet-4-6" })).toMatchObject({
      exact: false,
      method: expect.stringContaining("estimate"),
    });
    expect(estimateTokens(code)).toBe(Math.ceil(bpe * anthropicSafetyFactor.currentTokenizer));
  });

  it("counts special-token text in a diff as plain text instead of failing", () => {
    const diff = '+const eos = "<|endoftext|><|im_start|>";';
    expect(bpeCount(diff)).toBeGreaterThan(5);
    expect(tokenCounterFor({ provider: "openai", model: "gpt-4" }).count(diff)).toBeGreaterThan(5);
  });

  it("counts a whole request: system, every message, the schema and the vendor's framing", () => {
    const request = {
      system: "Decide.",
      messages: [{ role: "user" as const, content: "x ".repeat(400) }],
      schemaName: "verdict",
      jsonSchema: verdictJsonSchema,
      maxOutputTokens: 100,
    };
    const openAi = tokenCounterFor({ provider: "openai", model: "gpt-5" });
    const parts =
      openAi.count(request.system) +
      openAi.count(request.messages[0]!.content) +
      openAi.count(JSON.stringify(verdictJsonSchema));
    expect(estimateRequestTokens(request, openAi)).toBeGreaterThan(parts);
    // Claude's forced tool adds its tool-use system prompt (~350 tokens) on top of a higher count
    const claude = tokenCounterFor({ provider: "anthropic", model: "claude-sonnet-4-6" });
    expect(estimateRequestTokens(request, claude)).toBeGreaterThan(estimateRequestTokens(request, openAi) + 300);
  });
});

describe("retry delays", () => {
  const headers = (entries: Record<string, string>) => new Headers(entries);

  it("reads retry-after-ms first, then retry-after in seconds or as an HTTP date", () => {
    expect(retryAfterMs(headers({ "retry-after-ms": "1500", "retry-after": "2" }))).toBe(1_500);
    expect(retryAfterMs(headers({ "retry-after": "7" }))).toBe(7_000);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAfterMs(headers({ "retry-after": "Thu, 01 Jan 2026 00:00:30 GMT" }), () => now)).toBe(30_000);
    expect(retryAfterMs(headers({ "retry-after": "soon" }))).toBeUndefined();
    expect(retryAfterMs(headers({}))).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });

  it("backs off exponentially within [ceiling / 2, ceiling], up to the cap", () => {
    const policy = (random: number) => ({ baseMs: 1_000, capMs: 8_000, random: () => random });
    expect([1, 2, 3, 4, 5].map((retry) => backoffDelay(retry, policy(0)))).toEqual([500, 1_000, 2_000, 4_000, 4_000]);
    expect([1, 2, 3, 4, 5].map((retry) => backoffDelay(retry, policy(0.999_999)))).toEqual([
      999, 1_999, 3_999, 7_999, 7_999,
    ]);
  });
});

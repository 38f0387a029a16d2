import { describe, expect, it } from "vitest";
import { estimateRequestTokens, estimateTokens } from "../../src/llm/index.js";
import { backoffDelay, retryAfterMs } from "../../src/llm/retry-delay.js";
import { verdictJsonSchema } from "./vendor-fakes.js";

describe("estimateTokens", () => {
  it("counts plain English near the usual four characters per token", () => {
    const prose = "The review reads the diff, the task and the gate results, then decides whether the work is done. ".repeat(20);
    const estimate = estimateTokens(prose);
    expect(estimate).toBeGreaterThan(prose.length / 5);
    expect(estimate).toBeLessThan(prose.length / 3);
  });

  it("counts code, numbers and non-Latin text higher than characters / 4, as tokenizers do", () => {
    const code = 'if (x[i] !== y?.[j]) { return { ok: false, at: [i, j] }; }\n'.repeat(10);
    expect(estimateTokens(code)).toBeGreaterThan(code.length / 3);
    expect(estimateTokens("1234567890")).toBe(4);
    expect(estimateTokens("変更を確認してください")).toBe(11);
    expect(estimateTokens("")).toBe(0);
  });

  it("counts a whole request: system, every message and the schema", () => {
    const request = { system: "Decide.", messages: [{ role: "user" as const, content: "x ".repeat(400) }], schemaName: "verdict", jsonSchema: verdictJsonSchema, maxOutputTokens: 100 };
    const withoutSchema = estimateTokens(request.system) + estimateTokens(request.messages[0]!.content);
    expect(estimateRequestTokens(request)).toBeGreaterThan(withoutSchema + estimateTokens(JSON.stringify(verdictJsonSchema)));
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
    expect([1, 2, 3, 4, 5].map((retry) => backoffDelay(retry, policy(0.999_999)))).toEqual([999, 1_999, 3_999, 7_999, 7_999]);
  });
});

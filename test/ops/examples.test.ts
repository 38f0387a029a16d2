import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { modelDecisionSchema } from "../../src/core/model-decisions/model-decision.js";

const root = resolve(import.meta.dirname, "../..");

describe("ops/examples", () => {
  it("model-decisions.jsonl: every line is a valid model decision", () => {
    const lines = readFileSync(resolve(root, "ops/examples/model-decisions.jsonl"), "utf8").trimEnd().split("\n");
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const result = modelDecisionSchema.safeParse(JSON.parse(line));
      expect(result.success, result.success ? "" : result.error.message).toBe(true);
    }
  });

  it("the model decision schema refuses a line without a task or with a bad outcome", () => {
    const good = {
      task: "T-1",
      role: "manager",
      provider: "openai",
      model: "m",
      tokens: { input: 1, output: 1 },
      cost_usd: 0,
      latency_ms: 1,
      outcome: "ok",
      at: "2026-11-20T14:02:31.000Z",
    };
    expect(modelDecisionSchema.safeParse(good).success).toBe(true);
    expect(modelDecisionSchema.safeParse({ ...good, task: "12" }).success).toBe(false);
    expect(modelDecisionSchema.safeParse({ ...good, outcome: "great" }).success).toBe(false);
  });
});

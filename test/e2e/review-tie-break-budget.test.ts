import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/index.js";
import { tokenCounterFor, type OutboundRequest } from "../../src/llm/index.js";
import {
  markReady,
  noMergeConfig,
  pushCommit,
  scriptedReviewers,
  setRepoConfig,
  startAppHarness,
  startTask,
  type AppHarness,
} from "./app-harness.js";

// room for the fixed part of each prompt as Claude's current tokenizer is estimated (twice the
// o200k count: the fixed part alone is ~4,600 tokens here), and far too little for the diff
const maxInputTokens = 8000;
const config = `${noMergeConfig}review:\n  max_input_tokens: ${maxInputTokens}\n`;

/** A long finding: the tie-break prompt carries the findings and the decision on top of the diff. */
const longText = (topic: string) =>
  `${topic}: ${"The handler trusts the client's page size and never clamps it; ".repeat(14)}`;
const findings = {
  risks: [1, 2, 3].map((n) => ({
    id: `R${n}`,
    severity: "high",
    description: longText(`risk ${n}`),
    evidence: [{ file: "src/widgets/risky.ts", line: 1 }],
  })),
  missing_deliverables: [],
  test_gaps: [],
  followups: [],
};
const accept = {
  decision: "accept",
  recommended_status: "review",
  next_actions: ["merge"],
  summary: longText("summary"),
  reasons: [longText("reason")],
};
const partial = {
  ...accept,
  decision: "partial",
  summary: "The risks stand.",
  reasons: ["no clamp"],
  resolves_risk_ids: [],
};

/**
 * `review.max_input_tokens` bounds every call, the tie-break too: its prompt adds the findings
 * and the manager's decision to the diff, so the diff is budgeted again for it, the files the
 * high risks point at first.
 */
describe("the tie-break prompt stays within max_input_tokens", () => {
  let h: AppHarness;
  const sent: OutboundRequest[] = [];
  beforeAll(async () => {
    h = await startAppHarness({
      reviewPorts: scriptedReviewers(
        (request) => (sent.push(request), { output: findings }),
        (request) => (sent.push(request), { output: request.schemaName === "tie_break_decision" ? partial : accept }),
      ),
    });
    await setRepoConfig(h, config);
  });
  afterAll(() => h?.close());

  it("re-budgets the diff for the tie-break and keeps the risky file in view", async () => {
    const { issue, pull, branch } = await startTask(h, "Many widget files", "src/widgets/**");
    const files: Record<string, string> = {};
    for (let index = 0; index < 30; index += 1) {
      files[`src/widgets/a${String(index).padStart(2, "0")}.ts`] = Array.from(
        { length: 40 },
        (_, line) => `export const value${index}_${line} = "${"x".repeat(20)}";\n`,
      ).join("");
    }
    files["src/widgets/risky.ts"] = "export const pageSize = (asked: number) => asked; // RISKY-LINE\n";
    await pushCommit(h.user, branch, `Widgets\n\nTask: T-${issue}\nRefs: NT-0012\n`, files);
    await markReady(h, pull.node_id);

    const parsed = parseConfig(config);
    if (!parsed.ok) throw new Error("the test's configuration is invalid");
    // counted as the app counts for the budget: with the assistant manager's model's counter
    const counter = tokenCounterFor(parsed.config.review.assistant_manager);
    const promptTokens = (request: OutboundRequest) =>
      counter.count([request.system, ...request.messages.map((message) => message.content)].join("\n\n"));
    const tieBreak = sent.find((request) => request.schemaName === "tie_break_decision");
    const redTeam = sent.find((request) => request.schemaName === "assistant_manager_findings");
    expect(redTeam).toBeDefined();
    expect(tieBreak).toBeDefined();
    // the diff did not fit whole: the budget had work to do in both prompts
    expect(redTeam!.messages.map((message) => message.content).join("")).toContain("left out");
    expect(promptTokens(redTeam!)).toBeLessThanOrEqual(maxInputTokens);
    expect(promptTokens(tieBreak!)).toBeLessThanOrEqual(maxInputTokens);
    expect(tieBreak!.messages.map((message) => message.content).join("")).toContain("RISKY-LINE");
  });
});

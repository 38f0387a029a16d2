import type { ChangedFile } from "../../../src/core/changed-file.js";
import type { GateResult } from "../../../src/core/gate-result.js";
import type {
  AssistantManagerFindings,
  BudgetedDiff,
  ManagerDecision,
  ReviewContext,
  TieBreakDecision,
} from "../../../src/core/review/index.js";
import { budgetDiff } from "../../../src/core/review/index.js";
import { taskSpecSchema } from "../../../src/core/task/task-spec.js";

/** A deterministic stand-in for a tokenizer: one token per four characters. */
export const fourCharsPerToken = (text: string): number => Math.ceil(text.length / 4);

/** A patch of `hunks` hunks, each `lines` added lines long, starting at distinct lines. */
export function patchOf(name: string, hunks: number, lines = 5): string {
  return Array.from({ length: hunks }, (_, h) => {
    const start = h * 100 + 1;
    const body = Array.from({ length: lines }, (_, i) => `+const ${name.replace(/\W/g, "_")}_${h}_${i} = ${i};`);
    return [`@@ -${start},0 +${start},${lines} @@`, ...body].join("\n");
  }).join("\n");
}

export function file(filename: string, patch: string | undefined, extra: Partial<ChangedFile> = {}): ChangedFile {
  const additions = patch === undefined ? 0 : patch.split("\n").filter((line) => line.startsWith("+")).length;
  return { filename, status: "modified", additions, deletions: 0, ...(patch === undefined ? {} : { patch }), ...extra };
}

export const greenGates: GateResult[] = ["autopilot/scope", "autopilot/secrets", "autopilot/concordance"].map(
  (name) => ({
    name,
    conclusion: "success",
    title: "Passed",
    summary: "All good.",
    annotations: [],
  }),
);

export const spec = taskSpecSchema.parse({
  scope: ["src/widgets/**"],
  risk: "medium",
  refs: ["NT-0001"],
  acceptance: ["GET /widgets lists widgets", "Invalid ids return 404"],
  tests: ["test/widgets.test.ts"],
});

export function fullDiff(files: ChangedFile[]): BudgetedDiff {
  return budgetDiff({ files, maxTokens: 1_000_000, estimateTokens: fourCharsPerToken });
}

export function context(overrides: Partial<ReviewContext> = {}): ReviewContext {
  return {
    task: { id: "T-5", title: "List widgets", spec },
    pullRequest: { number: 12, title: "List widgets", body: "Implements the widget list." },
    diff: fullDiff([file("src/widgets/list.ts", patchOf("list", 2))]),
    gates: greenGates,
    checks: [{ name: "ci/test", status: "completed", conclusion: "success" }],
    commits: [{ sha: "a".repeat(40), message: "Add widget list\n\nTask: T-5\nRefs: NT-0001" }],
    blueprint: {
      ids: new Map([["NT-0001", { id: "NT-0001", title: "List widgets", source: "docs/blueprints/nt-index.json" }]]),
    },
    ...overrides,
  };
}

export const noFindings: AssistantManagerFindings = {
  risks: [],
  missing_deliverables: [],
  test_gaps: [],
  followups: [],
};

export const highRiskFindings: AssistantManagerFindings = {
  risks: [
    {
      id: "R1",
      severity: "high",
      description: "SQL built by string concatenation allows injection",
      evidence: [{ file: "src/widgets/list.ts", line: 12 }],
    },
    {
      id: "R2",
      severity: "low",
      description: "Log message has a typo",
      evidence: [{ file: "src/widgets/list.ts", line: 3 }],
    },
  ],
  missing_deliverables: [],
  test_gaps: [],
  followups: [],
};

export const accept: ManagerDecision = {
  decision: "accept",
  recommended_status: "done",
  next_actions: [],
  summary: "Meets the spec.",
  reasons: ["All criteria met."],
  criteria: [],
};

export const tieBreak = (decision: TieBreakDecision["decision"], resolves: string[]): TieBreakDecision => ({
  decision,
  recommended_status: decision === "accept" ? "done" : "in_progress",
  next_actions: decision === "accept" ? [] : ["Use a parameterised query."],
  summary: `Tie-break says ${decision}.`,
  reasons: ["Looked at the query code."],
  criteria: [],
  resolves_risk_ids: resolves,
});

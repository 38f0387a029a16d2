import { describe, expect, it } from "vitest";
import type { MergeConfig } from "../../../src/config/config-schema.js";
import { decideMerge, gateNames } from "../../../src/core/merge/index.js";
import type { CheckConclusion, CheckStatus, MergeInput } from "../../../src/core/merge/index.js";
import type { Mode, Risk } from "../../../src/core/task/task-spec.js";
import { approval, greenInput, head, oldHead } from "./merge-fixtures.js";

type Cell = "auto" | "approval" | "never";
type Table = Record<Risk, Record<Mode, Cell>>;
const risks: Risk[] = ["low", "medium", "high", "critical"];
const modes: Mode[] = ["full", "review_only", "disabled"];

/** The safe defaults, written out here rather than imported, so a changed default fails. */
const defaultTable: Table = {
  low: { full: "auto", review_only: "approval", disabled: "never" },
  medium: { full: "auto", review_only: "approval", disabled: "never" },
  high: { full: "approval", review_only: "approval", disabled: "never" },
  critical: { full: "approval", review_only: "approval", disabled: "never" },
};

/** A check state to put in one slot; `culprit` is the name the decision must say it waits for. */
interface Scenario {
  label: string;
  green: boolean;
  culprit?: string;
  apply: (input: MergeInput) => MergeInput;
}

const runStates: { label: string; status: CheckStatus; conclusion: CheckConclusion; sha: string; green: boolean }[] = [
  { label: "success", status: "completed", conclusion: "success", sha: head, green: true },
  { label: "queued", status: "queued", conclusion: null, sha: head, green: false },
  { label: "in_progress", status: "in_progress", conclusion: null, sha: head, green: false },
  { label: "failure", status: "completed", conclusion: "failure", sha: head, green: false },
  { label: "neutral", status: "completed", conclusion: "neutral", sha: head, green: false },
  { label: "cancelled", status: "completed", conclusion: "cancelled", sha: head, green: false },
  { label: "skipped", status: "completed", conclusion: "skipped", sha: head, green: false },
  { label: "timed_out", status: "completed", conclusion: "timed_out", sha: head, green: false },
  { label: "action_required", status: "completed", conclusion: "action_required", sha: head, green: false },
  { label: "success on an old head", status: "completed", conclusion: "success", sha: oldHead, green: false },
];

const gateScenarios: Scenario[] = gateNames.flatMap((gate) => [
  {
    label: `${gate} missing`,
    green: false,
    culprit: gate,
    apply: (i) => ({ ...i, gates: { ...i.gates, [gate]: undefined } }),
  },
  ...runStates.map(
    (run): Scenario => ({
      label: `${gate} ${run.label}`,
      green: run.green,
      culprit: gate,
      apply: (i) => ({
        ...i,
        gates: { ...i.gates, [gate]: { status: run.status, conclusion: run.conclusion, headSha: run.sha } },
      }),
    }),
  ),
]);

const reviewScenarios: Scenario[] = [
  { label: "review missing", green: false, culprit: "autopilot/review", apply: (i) => ({ ...i, review: undefined }) },
  ...runStates.map(
    (run): Scenario => ({
      label: `review ${run.label}`,
      green: run.green,
      culprit: "autopilot/review",
      apply: (i) => ({ ...i, review: { conclusion: run.conclusion, headSha: run.sha } }),
    }),
  ),
];

const ciScenarios: Scenario[] = [
  { label: "ci/test missing", green: false, culprit: "ci/test", apply: (i) => ({ ...i, requiredChecks: [] }) },
  ...runStates.map(
    (run): Scenario => ({
      label: `ci/test ${run.label}`,
      green: run.green,
      culprit: "ci/test",
      apply: (i) => ({
        ...i,
        requiredChecks: [{ name: "ci/test", status: run.status, conclusion: run.conclusion, headSha: run.sha }],
      }),
    }),
  ),
  {
    label: "ci/test success and failure both on the head",
    green: false,
    culprit: "ci/test",
    apply: (i) => ({
      ...i,
      requiredChecks: [
        ...i.requiredChecks,
        { name: "ci/test", status: "completed", conclusion: "failure", headSha: head },
      ],
    }),
  },
  {
    label: "only another check is green",
    green: false,
    culprit: "ci/test",
    apply: (i) => ({
      ...i,
      requiredChecks: [{ name: "ci/lint", status: "completed", conclusion: "success", headSha: head }],
    }),
  },
];

const scenarios = [...gateScenarios, ...reviewScenarios, ...ciScenarios];
const approvalStates = [
  { label: "no approval", approvals: [] },
  { label: "an owner approved the head", approvals: [approval("mona")] },
];

function expectTable(table: Table, merge: Partial<MergeConfig>): void {
  for (const risk of risks) {
    for (const mode of modes) {
      it(`${risk} × ${mode} → ${table[risk][mode]}`, () => {
        const cell = table[risk][mode];
        for (const scenario of scenarios) {
          for (const { label, approvals } of approvalStates) {
            const input = scenario.apply(greenInput({ task: { risk, mode }, merge, approvals }));
            const result = decideMerge(input);
            const where = `${risk} × ${mode}, ${scenario.label}, ${label}`;
            if (cell === "never") {
              expect(result.action, where).toBe("never");
            } else if (!scenario.green) {
              expect(result, where).toMatchObject({ action: "wait" });
              if (result.action === "wait") expect(result.waitingFor, where).toContain(scenario.culprit);
            } else if (cell === "approval" && approvals.length === 0) {
              expect(result, where).toEqual({ action: "wait", reason: expect.any(String), waitingFor: ["approvals"] });
            } else {
              expect(result, where).toEqual({ action: "merge", method: input.config.merge.method, sha: head });
            }
          }
        }
      });
    }
  }
}

describe("the default policy table, for every check state", () => {
  it("covers each check slot with each run state", () => {
    expect(scenarios.length).toBe(3 * 11 + 11 + 13);
    expect(scenarios.filter((scenario) => scenario.green)).toHaveLength(5);
  });
  expectTable(defaultTable, {});
});

describe("a permissive policy table is still bounded by the modes", () => {
  const permissive: Table = {
    low: { full: "auto", review_only: "approval", disabled: "approval" },
    medium: { full: "auto", review_only: "approval", disabled: "approval" },
    high: { full: "auto", review_only: "approval", disabled: "approval" },
    critical: { full: "auto", review_only: "approval", disabled: "approval" },
  };
  const row = { full: "auto", review_only: "auto", disabled: "auto" } as unknown as MergeConfig["policy"]["low"];
  expectTable(permissive, {
    allow_auto_critical: true,
    policy: { low: row, medium: row, high: row, critical: row },
  });
});

describe("a strict policy table merges nothing", () => {
  const row: MergeConfig["policy"]["low"] = { full: "never", review_only: "never", disabled: "never" };
  const strict: Table = Object.fromEntries(risks.map((risk) => [risk, { ...row }])) as Table;
  expectTable(strict, { policy: { low: row, medium: row, high: row, critical: row } });
});

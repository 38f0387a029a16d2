import { defaultConfig } from "../../../src/config/default-config.js";
import type { MergeConfig } from "../../../src/config/config-schema.js";
import type { ApprovalReview, CheckState, MergeInput } from "../../../src/core/merge/index.js";

export const head = "a".repeat(40);
export const oldHead = "b".repeat(40);

export const passed = (sha = head): CheckState => ({ status: "completed", conclusion: "success", headSha: sha });

export const approval = (user: string, overrides: Partial<ApprovalReview> = {}): ApprovalReview => ({
  user,
  state: "APPROVED",
  commitId: head,
  submittedAt: "2025-06-01T12:00:00Z",
  ...overrides,
});

export interface Overrides extends Partial<Omit<MergeInput, "task" | "pull" | "config">> {
  task?: Partial<MergeInput["task"]>;
  pull?: Partial<MergeInput["pull"]>;
  merge?: Partial<MergeConfig>;
  reviewEnabled?: boolean;
}

/**
 * A low-risk `full` task whose PR is open, ready, up to date and mergeable, with every gate,
 * the review and the one required CI check green on the head: the default config merges it.
 */
export function greenInput(overrides: Overrides = {}): MergeInput {
  const { task, pull, merge, reviewEnabled, ...rest } = overrides;
  const config = defaultConfig();
  return {
    task: { id: "T-7", risk: "low", mode: "full", ...task },
    pull: {
      number: 107,
      draft: false,
      state: "open",
      headSha: head,
      behindBase: false,
      mergeable: true,
      author: "autopilot[bot]",
      ...pull,
    },
    gates: { "autopilot/scope": passed(), "autopilot/concordance": passed(), "autopilot/secrets": passed() },
    review: { conclusion: "success", headSha: head },
    requiredChecks: [{ name: "ci/test", ...passed() }],
    approvals: [],
    owners: ["mona"],
    agent: ["autopilot[bot]", "copilot-swe-agent"],
    declaredAccounts: ["autopilot[bot]", "copilot-swe-agent"],
    config: {
      merge: { ...config.merge, required_checks: ["ci/test"], ...merge },
      review: { enabled: reviewEnabled ?? true },
    },
    paused: false,
    ...rest,
  };
}

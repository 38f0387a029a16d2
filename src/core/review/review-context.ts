import type { BlueprintIndex } from "../concordance/index.js";
import type { GateResult } from "../gate-result.js";
import type { TaskSpec } from "../task/task-spec.js";
import type { BudgetedDiff } from "./budgeted-diff.js";

/** The task a pull request implements, as the owner specified it. */
export interface ReviewTask {
  /** `T-<n>` */
  id: string;
  title: string;
  spec: TaskSpec;
}

/** A check on the head SHA other than the app's own gates (CI), as GitHub reports it. */
export interface CiCheck {
  name: string;
  /** `queued`, `in_progress`, `completed`, … */
  status: string;
  /** set once completed: `success`, `failure`, `neutral`, `cancelled`, `timed_out`, … */
  conclusion: string | null;
  /** for a check that did not pass: what it reported (its output's title, summary and text, or the status's description) */
  detail?: string;
}

export interface ReviewCommit {
  sha: string;
  message: string;
}

/** Guidance for reviewers the repository keeps on its base branch (AGENTS.md, …) or in `review.instructions`. */
export interface RepositoryInstruction {
  /** where it comes from: a path on the base branch, or `review.instructions` with the globs it applies to */
  source: string;
  text: string;
}

/** A finding of an earlier review of the same pull request, with what became of it. */
export interface EarlierFinding {
  fingerprint: string;
  kind: string;
  severity: string | null;
  file: string | null;
  text: string;
  /** `open`: reported on the last reviewed head; `resolved`: gone by then; `dismissed`: an owner set it aside (`note` says why) */
  state: "open" | "resolved" | "dismissed";
  note?: string;
}

/** Everything the review prompts are built from, as plain data the handler collected. */
export interface ReviewContext {
  /** absent for a pull request that is not an Autopilot task (reviewed on `/review`) */
  task?: ReviewTask;
  pullRequest: { number: number; title: string; body: string };
  diff: BudgetedDiff;
  gates: readonly GateResult[];
  checks: readonly CiCheck[];
  commits: readonly ReviewCommit[];
  /** resolves the blueprint ids the commit trailers name */
  blueprint?: BlueprintIndex;
  /** the repository's instructions for reviewers, read from the base branch (a PR cannot change them) */
  instructions?: readonly RepositoryInstruction[];
  /** the findings of the last review of this pull request, and those it had seen resolved */
  earlier?: { head: string; findings: readonly EarlierFinding[] };
}

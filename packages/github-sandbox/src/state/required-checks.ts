import type { RepoState, RequiredCheck } from "./repo-state.js";

/** Where each required check stands on a commit. */
export interface RequiredChecksOutcome {
  /** no run or status of that name (from the pinned app) yet */
  expected: string[];
  pending: string[];
  failing: string[];
  /** every required check reported and passed */
  satisfied: boolean;
}

const passing = new Set(["success", "neutral", "skipped"]);

/** The newest check run named `context` on `sha` (from `appId` when pinned), or the newest commit status. */
function verdictOf(repo: RepoState, sha: string, check: RequiredCheck): "passed" | "pending" | "failed" | "missing" {
  const runs = [...repo.checkRuns.values()].filter((run) => {
    if (run.headSha !== sha || run.name !== check.context) return false;
    return check.appId === null || repo.checkSuites.get(run.suiteId)?.appId === check.appId;
  });
  const run = runs.at(-1);
  if (run) {
    if (run.status !== "completed") return "pending";
    return passing.has(run.conclusion ?? "") ? "passed" : "failed";
  }
  // a commit status has no app: it counts only for a check not pinned to one
  const status =
    check.appId === null
      ? repo.statuses.filter((item) => item.sha === sha && item.context === check.context).at(-1)
      : undefined;
  if (!status) return "missing";
  if (status.state === "pending") return "pending";
  return status.state === "success" ? "passed" : "failed";
}

/** Where the required checks of a protected branch stand on `sha`: GitHub's rollup of runs and statuses. */
export function requiredChecksOn(
  repo: RepoState,
  sha: string,
  checks: readonly RequiredCheck[],
): RequiredChecksOutcome {
  const outcome: RequiredChecksOutcome = { expected: [], pending: [], failing: [], satisfied: true };
  for (const check of checks) {
    const verdict = verdictOf(repo, sha, check);
    if (verdict === "missing") outcome.expected.push(check.context);
    if (verdict === "pending") outcome.pending.push(check.context);
    if (verdict === "failed") outcome.failing.push(check.context);
  }
  outcome.satisfied = outcome.expected.length + outcome.pending.length + outcome.failing.length === 0;
  return outcome;
}

/**
 * GitHub's sentence for unmet required checks: `Required status check "ci" is expected.` for one,
 * `2 of 3 required status checks are expected.` for several; failing ones are "failing".
 */
export function requiredChecksMessage(outcome: RequiredChecksOutcome, total: number): string {
  const failing = outcome.failing.length > 0;
  const names = failing ? outcome.failing : [...outcome.expected, ...outcome.pending];
  const state = failing ? "failing" : outcome.expected.length > 0 ? "expected" : "in progress";
  if (names.length === 1) return `Required status check "${names[0]}" is ${state}.`;
  return `${names.length} of ${total} required status checks are ${state === "in progress" ? "in progress" : state}.`;
}

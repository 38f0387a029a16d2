import type { BranchCi } from "./assess-health.js";

/** `GET /commits/{ref}/status`, as far as CI health reads it. */
export interface CombinedStatusFacts {
  /** GitHub answers `pending` also when there are no statuses at all */
  state: string;
  statuses: readonly { context: string; state: string }[];
}

export interface CheckRunFacts {
  name: string;
  status: string;
  conclusion: string | null;
}

export interface BranchCiResult {
  state: BranchCi;
  /** names of the failing statuses and check runs */
  failing: string[];
}

/** Conclusions that mean the check found a problem; `cancelled`, `skipped`, `neutral` and `stale` do not. */
const failedConclusions = new Set(["failure", "timed_out", "action_required", "startup_failure"]);

/**
 * The CI state of one commit from its commit statuses and its check runs, leaving out the
 * checks `ignore` names (Autopilot's own gates: they judge tasks, not the default branch).
 * Failure wins, then pending; `unknown` when nothing reported at all.
 */
export function branchCiOf(
  combined: CombinedStatusFacts,
  checkRuns: readonly CheckRunFacts[],
  ignore: (name: string) => boolean,
): BranchCiResult {
  const statuses = combined.statuses.filter((status) => !ignore(status.context));
  const runs = checkRuns.filter((run) => !ignore(run.name));
  const failing = [
    ...statuses
      .filter((status) => status.state === "failure" || status.state === "error")
      .map((status) => status.context),
    ...runs
      .filter((run) => run.status === "completed" && failedConclusions.has(run.conclusion ?? ""))
      .map((run) => run.name),
  ];
  if (failing.length > 0) return { state: "failure", failing };
  const pending =
    statuses.some((status) => status.state === "pending") || runs.some((run) => run.status !== "completed");
  if (pending) return { state: "pending", failing };
  return { state: statuses.length + runs.length > 0 ? "success" : "unknown", failing };
}

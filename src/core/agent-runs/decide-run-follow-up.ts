import type { AgentRunRecord, AgentRunView, RetryPolicy } from "./agent-run-view.js";

/** What to do about the agent's run as GitHub shows it now. */
export type RunFollowUp =
  /** nothing: still running, succeeded, or already dealt with (a redelivery, an older attempt) */
  | { kind: "none"; why: string }
  /** the attempt failed and a re-run is allowed: at `at` (now, or after the backoff) */
  | { kind: "retry"; nextAttempt: number; at: Date; retriesLeft: number }
  /** the attempt failed and no re-run is left: the owner decides */
  | { kind: "hand_over"; conclusion: string };

/** Conclusions that mean the agent did not finish its work. */
const failedConclusions = new Set(["failure", "cancelled", "timed_out", "startup_failure", "action_required", "stale"]);

export const isFailedRun = (conclusion: string | null): boolean =>
  conclusion !== null && failedConclusions.has(conclusion);

/** The wait before re-run number `retry` (1 for the first): the backoff, doubled each time. */
export const retryDelayMs = (policy: RetryPolicy, retry: number): number =>
  policy.backoffMs * 2 ** Math.max(0, retry - 1);

/**
 * The follow-up of a completed run, from the run as GitHub reports it and the queue's record.
 * Attempts count from GitHub's `run_attempt`, so a re-run Autopilot made and recorded is never
 * made twice: a completion of an attempt older than the one recorded, or one already judged
 * (its conclusion recorded), changes nothing.
 */
export function decideRunFollowUp(
  run: Pick<AgentRunView, "status" | "conclusion" | "attempt">,
  recorded: AgentRunRecord,
  policy: RetryPolicy,
  now: Date,
): RunFollowUp {
  if (run.status !== "completed") return { kind: "none", why: `the run is ${run.status ?? "unknown"}` };
  if (run.attempt < recorded.attempt) return { kind: "none", why: `attempt ${run.attempt} was already re-run` };
  if (recorded.conclusion !== null && recorded.attempt === run.attempt) {
    return { kind: "none", why: `attempt ${run.attempt} was already judged (${recorded.conclusion})` };
  }
  if (!isFailedRun(run.conclusion))
    return { kind: "none", why: `the run ended ${run.conclusion ?? "without a conclusion"}` };
  const retriesMade = run.attempt - 1;
  if (retriesMade >= policy.attempts) return { kind: "hand_over", conclusion: String(run.conclusion) };
  const nextAttempt = run.attempt + 1;
  return {
    kind: "retry",
    nextAttempt,
    at: new Date(now.getTime() + retryDelayMs(policy, retriesMade + 1)),
    retriesLeft: policy.attempts - retriesMade - 1,
  };
}

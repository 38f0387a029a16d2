/** Check run statuses as GitHub reports them. */
export type CheckStatus = "queued" | "in_progress" | "completed" | "waiting" | "requested" | "pending";
/** Check run conclusions as GitHub reports them; null until the run completes. */
export type CheckConclusion =
  | "success"
  | "failure"
  | "neutral"
  | "cancelled"
  | "skipped"
  | "timed_out"
  | "action_required"
  | "stale"
  | null;

/**
 * One check as found on the pull request. `headSha` is the commit it ran on: a result for an
 * older commit says nothing about the code that would merge. A commit status (the older API) is
 * mapped by the caller: `success` → completed/success, `failure`/`error` → completed/failure,
 * `pending` → pending/null.
 */
export interface CheckState {
  status: CheckStatus;
  conclusion: CheckConclusion;
  headSha: string;
}

export interface NamedCheckState extends CheckState {
  name: string;
}

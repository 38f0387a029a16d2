import type { QueueStatus } from "./queue-status.js";

/**
 * The moves a task may make. `done` is final: the PR is merged and nothing can un-merge it (only
 * its rollback, a revert of the merge, blocks it again: see `TransitionCause`).
 *
 * `blocked` and `needs_owner` may also return to `review`: a task blocked while its PR was
 * already under review (a provider outage, a `/block` from an owner) should resume review on
 * `/unblock` instead of sending the agent back to work it has finished. Reconcile picks
 * `review` only when the PR is ready for review, `in_progress` otherwise.
 */
const allowedMoves: Readonly<Record<QueueStatus, readonly QueueStatus[]>> = {
  queued: ["in_progress", "blocked", "needs_owner"],
  in_progress: ["review", "blocked", "needs_owner"],
  review: ["done", "in_progress", "blocked", "needs_owner"],
  done: [],
  blocked: ["queued", "in_progress", "review", "needs_owner"],
  needs_owner: ["queued", "in_progress", "review", "blocked"],
};

export const allowedTargets = (from: QueueStatus): readonly QueueStatus[] => allowedMoves[from];

/**
 * Why a move is made, when that widens what is allowed: `rollback` is the one way out of `done`
 * (to `blocked`), taken only when the merge broke the default branch's required CI and Autopilot
 * opened its revert (`core/rollback`). No command or label can give it.
 */
export type TransitionCause = "rollback";

const listStatuses = (statuses: readonly QueueStatus[]): string =>
  statuses.length <= 1 ? statuses.join("") : `${statuses.slice(0, -1).join(", ")} or ${statuses[statuses.length - 1]}`;

/**
 * Whether a task may move from one status to another. A move to the status the task already
 * has is not a move at all; `applyTransition` treats it as a no-op before asking here.
 */
export function canTransition(
  from: QueueStatus,
  to: QueueStatus,
  cause?: TransitionCause,
): { ok: true } | { ok: false; reason: string } {
  const targets = allowedMoves[from];
  if (targets === undefined) return { ok: false, reason: `${String(from)} is not a queue status` };
  if (targets.includes(to)) return { ok: true };
  if (from === "done" && to === "blocked" && cause === "rollback") return { ok: true };
  if (from === "done") return { ok: false, reason: `done is final; it cannot move to ${to}` };
  if (from === to) return { ok: false, reason: `${from} to ${to} is not a move` };
  return {
    ok: false,
    reason: `${from} can move only to ${listStatuses(targets)}, not to ${to}`,
  };
}

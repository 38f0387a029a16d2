import type { RepoRef } from "../../github/index.js";
import type { RepoContext } from "../repo-context.js";

/** The lane a repository's jobs run in, one after another (and, with a lock, one replica at a time). */
export const laneOf = ({ owner, repo }: RepoRef): string => `${owner}/${repo}`;

/**
 * The dedupe key of every job: a job queued while one of the same key still waits in its
 * repository's lane is dropped, since the waiting one will read the same state. Jobs without a
 * key (a person's label, a command) are never merged into another.
 */
export const dedupeKeys = {
  /** a label is a person's request: never merged; one person's edits merge, not two people's */
  dispatch: (issue: number, event: { action: string; label?: string; sender: string }): string | undefined =>
    event.label !== undefined
      ? undefined
      : event.action === "edited"
        ? `dispatch#${issue}#edit#${event.sender}`
        : `dispatch#${issue}`,
  gates: (headSha: string, force: boolean): string => `gates:${headSha}:${force}`,
  push: (after: string): string => `push:${after}`,
  review: (pullNumber: number, explicit: boolean): string => `review#${pullNumber}:${explicit}`,
  merge: (pullNumber: number): string => `merge#${pullNumber}`,
  /** after `/resume`: not merged with an evaluation queued before the switch changed */
  mergeFresh: (pullNumber: number): string => `merge#${pullNumber}:fresh`,
  mergeOnStatus: (branch: string, sha: string): string => `merge-status:${branch}@${sha}`,
  /** one completed attempt of a workflow run: a redelivery joins the queued job */
  agentRun: (runId: number, attempt: number): string => `agent-run:${runId}:${attempt}`,
  dashboard: "dashboard",
  /** a release of held tasks reads readiness as it is when it runs: one waiting per repository is enough */
  readiness: "readiness",
  sweep: "sweep",
} as const;

/** Queues a job in the repository's lane of the app instance's work queue; the handler does not wait for it. */
export function queueJob(ctx: RepoContext, job: () => Promise<void>, dedupeKey?: string): void {
  void ctx.services.work.enqueue(laneOf(ctx), job, dedupeKey === undefined ? {} : { dedupeKey });
}

import { disarmCode } from "../markdown/index.js";
import { formatMinute } from "../progress/progress-format.js";
import type { AgentRunRecord } from "./agent-run-view.js";
import { fenceUntrusted } from "./log-tail.js";

/** How the history and the comments name a run: its link and attempt. */
export const runLink = (run: Pick<AgentRunRecord, "url" | "attempt">): string =>
  `[run](${run.url}) (attempt ${run.attempt})`;

/** The sticky PR comment that links the agent's run. */
export function agentRunComment(
  taskId: string,
  run: Pick<AgentRunRecord, "url" | "attempt">,
  workflow: string,
): string {
  return `The coding agent for **${taskId}** runs in ${disarmCode(workflow)}: ${runLink(run)}. Autopilot follows this run only: a failure is reported here, re-run as \`dispatch.retries\` says, then handed to the owner.`;
}

export interface FailedRunReport {
  taskId: string;
  run: Pick<AgentRunRecord, "url" | "attempt">;
  conclusion: string;
  /** the failed job and the redacted tail of its log; undefined when GitHub had no log to give */
  log?: { job: string; tail: string; redactions: number };
  /** what Autopilot does next */
  next: { kind: "retry"; at: Date; immediate: boolean; retriesLeft: number } | { kind: "hand_over" };
}

/** The PR comment for one failed attempt: what failed, the end of the log (fenced), what happens next. */
export function failedRunComment(report: FailedRunReport): string {
  const { run, log } = report;
  const parts = [`**${report.taskId}**: the agent's ${runLink(run)} ended \`${report.conclusion}\`.`];
  if (log) {
    const redacted = log.redactions > 0 ? ` (${log.redactions} secret${log.redactions === 1 ? "" : "s"} redacted)` : "";
    parts.push(
      `The end of the log of job ${disarmCode(log.job, 100)}${redacted}, as the run wrote it (not instructions):`,
    );
    parts.push(fenceUntrusted(log.tail));
  } else {
    parts.push("GitHub gave no log for it.");
  }
  const next = report.next;
  if (next.kind === "retry") {
    const when = next.immediate ? "now" : `at ${formatMinute(next.at)}`;
    parts.push(
      `Autopilot re-runs it ${when} (attempt ${run.attempt + 1}; ${next.retriesLeft} more re-run${next.retriesLeft === 1 ? "" : "s"} allowed after this one).`,
    );
  } else {
    parts.push("No re-run is left (`dispatch.retries`): the task is handed to the owner on its issue.");
  }
  return parts.join("\n\n");
}

/** The issue comment that hands the task to its owners after the last failed attempt. */
export function handOverComment(
  taskId: string,
  run: Pick<AgentRunRecord, "url" | "attempt">,
  cause: string,
  owners: readonly string[],
  labels: { in_progress: string },
): string {
  const mention = owners.length > 0 ? `${owners.map((owner) => `@${owner}`).join(" ")}: ` : "";
  return [
    `${mention}**${taskId} needs its owner**: ${cause} (${runLink(run)}); the report is on the pull request. Autopilot moved the task to \`needs_owner\` and stopped waiting for the agent.`,
    "",
    `To try again, put the \`${labels.in_progress}\` label back on this issue and comment \`/retry\`; to drop the task, close the issue.`,
  ].join("\n");
}

/** How the queue reason of a failed run's hand-over starts, so the sweep can tell it from other holds. */
export const failedRunReasonPrefix = "agent run failed:";

/** The queue reason of the hand-over after the last failed attempt. */
export const failedRunReason = (run: Pick<AgentRunRecord, "url" | "attempt">, conclusion: string): string =>
  `${failedRunReasonPrefix} ${runLink(run)} ended ${conclusion} with no re-run left; handed to the owner`;

/**
 * A task the failed run handed to the owner and nobody has picked up since: the sweep must not
 * reconcile it back to in_progress (the owner decides, and puts the label back to resume).
 */
export const isFailedRunHeld = (entry: { status: string; history: readonly { reason: string }[] }): boolean =>
  entry.status === "needs_owner" && (entry.history.at(-1)?.reason.startsWith(failedRunReasonPrefix) ?? false);

/** The queue reason of a stale run's move; it starts like the stale sweeper's, so the sweep leaves the task alone. */
export const staleRunReason = (lastActivity: Date, staleAfter: string, run: Pick<AgentRunRecord, "url">): string =>
  `stale: the agent's run ${run.url} shows no progress since ${formatMinute(lastActivity)} (dispatch.stale_after: ${staleAfter})`;

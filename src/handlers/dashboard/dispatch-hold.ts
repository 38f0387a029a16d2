import type { Health } from "../../core/progress/index.js";
import type { QueueDocument, QueueEntry } from "../../core/queue/index.js";
import { readinessHoldReason } from "../../core/readiness/index.js";
import type { ConfiguredContext } from "../repo-context.js";
import { evaluateReadiness, type EvaluatedReadiness } from "../readiness/evaluate-readiness.js";
import { findTask } from "../task-state.js";
import { gatherHealth } from "./gather-health.js";
import { noteDashboardChange } from "../scheduling/dashboard-refresher.js";

/** What decides whether a new task may start: the readiness rows and the health, read together. */
export interface HoldFacts {
  readiness: EvaluatedReadiness;
  health: Health;
}

/**
 * Readiness and health as GitHub shows them now (the default branch's CI read once, for both);
 * what the caller already has is not read again.
 */
export async function gatherHoldFacts(
  ctx: ConfiguredContext,
  login: string,
  queue: QueueDocument,
  known: Partial<HoldFacts> = {},
): Promise<HoldFacts> {
  const readiness = known.readiness ?? (await evaluateReadiness(ctx, login));
  const health = known.health ?? (await gatherHealth(ctx, queue, readiness.ci));
  return { readiness, health };
}

/**
 * Why no new task may start in this repository now, or undefined when tasks may start: the
 * owner paused Autopilot, a critical readiness row fails (the configuration, the agent's start,
 * protection, the app's permissions, a required check on the default branch), the health is
 * red (reviews erroring in a row, CI failing on the default branch), where new work would only
 * pile up on a broken base, or GitHub refused a task's branch moments ago (a rule the readiness
 * rows may not see). CI failing is said once, by the health.
 */
export function dispatchHold(ctx: ConfiguredContext, facts: HoldFacts): string | undefined {
  const paused = pausedHold(ctx);
  if (paused !== undefined) return paused;
  const readiness = readinessHoldReason(facts.readiness.rows.filter((row) => row.id !== "ci"));
  const health = facts.health.level === "red" ? `health is red: ${facts.health.reasons.join("; ")}` : undefined;
  const refused = ctx.services.readiness.startRefusal(`${ctx.owner}/${ctx.repo}`, ctx.services.now().getTime());
  const reasons = [readiness, health, refused].filter((reason) => reason !== undefined);
  if (reasons.length === 0 && !facts.readiness.ready) return "Autopilot is not ready on this repository";
  return reasons.length === 0 ? undefined : reasons.join("; ");
}

/** The owner's `/pause` (or `paused: true`): a hold that needs nothing read. */
const pausedHold = (ctx: ConfiguredContext): string | undefined =>
  ctx.config.paused ? "Autopilot is paused on this repository (an owner's `/resume` continues)" : undefined;

/** A hold stops tasks from starting; tasks already running (or done) carry on. */
export const startsNewWork = (entry: Pick<QueueEntry, "status"> | undefined): boolean =>
  entry === undefined || entry.status === "queued" || entry.status === "blocked" || entry.status === "needs_owner";

const holdComment = (reason: string): string =>
  [
    `Autopilot has not dispatched this issue: ${reason}.`,
    "",
    "It is dispatched once this clears: when the default branch's checks or configuration change, on the next change to this issue, or by the next sweep (every few minutes). The dashboard issue shows the readiness matrix and the health.",
  ].join("\n");

/**
 * For an issue whose task would start now (dispatch planned a start, the queue has it not yet
 * running): the reason it may not, with a comment on the issue saying why (once, edited in
 * place) and a dashboard refresh; undefined when it may start. Tasks already running carry on.
 * Readiness and health are gathered only here, so issue events that start nothing cost no reads.
 */
export async function holdNewTask(
  ctx: ConfiguredContext,
  issueNumber: number,
  queue: QueueDocument,
  login: string,
  known: Partial<HoldFacts> = {},
): Promise<string | undefined> {
  if (!startsNewWork(findTask(queue, { issue: issueNumber }))) return undefined;
  const reason = pausedHold(ctx) ?? dispatchHold(ctx, await gatherHoldFacts(ctx, login, queue, known));
  if (reason === undefined) return undefined;
  ctx.log.info({ issue: issueNumber, reason }, "dispatch held: nothing dispatched");
  ctx.services.readiness.held(`${ctx.owner}/${ctx.repo}`);
  await ctx.github.upsertSticky({ issueNumber, key: "dispatch-hold", author: login, body: holdComment(reason) });
  noteDashboardChange(ctx);
  return reason;
}

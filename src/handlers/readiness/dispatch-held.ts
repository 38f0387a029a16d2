import { isFailedRunHeld } from "../../core/agent-runs/index.js";
import { whoMayMoveTasks } from "../../core/commands/index.js";
import { isStaleHeld } from "../../core/progress/index.js";
import { stickyMarker } from "../../github/index.js";
import { dispatchHold, gatherHoldFacts, startsNewWork, type HoldFacts } from "../dashboard/dispatch-hold.js";
import { dispatchIssue } from "../dispatch/dispatch-issue.js";
import { senderAuthority } from "../authority.js";
import { refuseTriggerLabel, triggerLabeller } from "../dispatch/trigger-label.js";
import type { ConfiguredContext } from "../repo-context.js";
import { findTask, readQueue } from "../task-state.js";

/**
 * The hold comment of an issue whose task has now started says so (edited in place; nothing when
 * the issue was never held), so it no longer reads as a reason the task waits.
 */
async function noteReleased(ctx: ConfiguredContext, issueNumber: number, login: string): Promise<void> {
  const target = { issueNumber, key: "dispatch-hold", author: login };
  const known = await ctx.github.findSticky(target);
  if (!known || known.body.includes(releasedLine)) return;
  const said = known.body.replace(stickyMarker(target.key), "").trim();
  await ctx.github.upsertSticky({ ...target, known, body: `${said}\n\n${releasedLine}` });
}

const releasedLine = "✅ Autopilot is ready again: this task has been dispatched.";

export interface DispatchHeldOptions {
  /** also reconcile the tasks already started (the sweep); a release starts only the held ones */
  reconcileStarted: boolean;
  /** readiness and health the caller has read already */
  known?: Partial<HoldFacts>;
}

/**
 * Every open issue with the trigger label, dispatched while nothing holds new tasks: the tasks
 * held before start now. While a hold stands only the tasks already started are reconciled (the
 * sweep's way), and a stale task, or one whose agent run failed for good, waits for its owner
 * (reconciling it would start the agent again). Resolves with the hold's facts and its reason, if any.
 */
export async function dispatchHeld(
  ctx: ConfiguredContext,
  login: string,
  options: DispatchHeldOptions,
): Promise<{ facts: HoldFacts; hold: string | undefined }> {
  const { github, config } = ctx;
  const queue = await readQueue(ctx, config);
  const facts = await gatherHoldFacts(ctx, login, queue, options.known);
  const hold = dispatchHold(ctx, facts);
  if (hold) ctx.log.info({ hold }, "no task starts");
  else ctx.services.readiness.released(`${ctx.owner}/${ctx.repo}`);
  if (config.paused || (hold && !options.reconcileStarted)) return { facts, hold };
  const issues = await github.listOpenIssues({ labels: config.labels.trigger });
  for (const issue of issues) {
    if (issue.pull_request) continue;
    const entry = findTask(queue, { issue: issue.number });
    const held = startsNewWork(entry);
    // a task the sweep finds held (after a restart, say): the default branch's events look again
    if (hold && held) ctx.services.readiness.held(`${ctx.owner}/${ctx.repo}`);
    // a stale task, or one whose agent run failed for good, waits for its owner: reconciling it would resume it
    const withOwner = isStaleHeld(entry) || (entry !== undefined && isFailedRunHeld(entry));
    if ((hold && held) || withOwner || (!options.reconcileStarted && !held)) continue;
    // an issue no task records yet: its `labeled` delivery, which weighs the labeller, may never have
    // come (lost, the app down, an issue moved here with the label), so GitHub's events say who
    if (entry === undefined && (await labelledWithoutAuthority(ctx, issue, login))) continue;
    const plan = await dispatchIssue(ctx, issue.number, { login }, { hold: facts });
    if (held && plan.kind === "start") await noteReleased(ctx, issue.number, login);
  }
  return { facts, hold };
}

/**
 * Whether the trigger label on an issue no task records yet does not stand, as its deliveries would
 * have had it: put there by someone without authority (or by nobody GitHub's events name), or the
 * body edited since by someone without authority (the label approved the issue as it read then).
 * Then it is taken off with a comment.
 */
async function labelledWithoutAuthority(
  ctx: ConfiguredContext,
  issue: { number: number },
  login: string,
): Promise<boolean> {
  const labeller = await triggerLabeller(ctx, issue.number);
  const authority = labeller === undefined ? undefined : await senderAuthority(ctx, ctx.config, labeller);
  const who = whoMayMoveTasks(ctx.config.owners);
  if (labeller === undefined || authority?.allowed !== true) {
    await refuseTriggerLabel(ctx, issue.number, { sender: labeller?.login, cause: "label" }, who, login);
    return true;
  }
  // an edit in the same second as the label counts as after it: GitHub's times are to the second
  const edit = await ctx.github.issueBodyEdit(issue.number);
  if (edit === undefined || Date.parse(edit.at) < Date.parse(labeller.at)) return false;
  // an editor GitHub no longer names (a deleted account, shown as ghost) has no authority to weigh
  if (edit.editor !== null && (await senderAuthority(ctx, ctx.config, edit.editor)).allowed) return false;
  await refuseTriggerLabel(ctx, issue.number, { sender: edit.editor?.login ?? "ghost", cause: "edit" }, who, login);
  return true;
}

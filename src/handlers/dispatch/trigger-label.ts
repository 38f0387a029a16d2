import type { Config } from "../../config/index.js";
import { taskIdFor } from "../../core/task/index.js";
import { isNotFound } from "../../github/index.js";
import type { ConfiguredContext } from "../repo-context.js";
import { findTask, readQueue } from "../task-state.js";

/** Whether `label` is the trigger label (`autopilot`), compared as GitHub compares label names. */
export const isTriggerLabel = (label: string | undefined, config: Pick<Config, "labels">): boolean =>
  label !== undefined && label.toLowerCase() === config.labels.trigger.toLowerCase();

/**
 * Who put the trigger label on the issue last, and when, as GitHub's issue events say (the latest
 * `labeled` event of that label); undefined when they do not say (no such event).
 */
export async function triggerLabeller(
  ctx: ConfiguredContext,
  issueNumber: number,
): Promise<{ login: string; type?: string | undefined; at: string } | undefined> {
  const events = await ctx.github.listIssueEvents(issueNumber);
  const labelled = events.filter(
    (event) => event.event === "labeled" && isTriggerLabel(event.label?.name ?? undefined, ctx.config),
  );
  const last = labelled.at(-1);
  return last?.actor ? { login: last.actor.login, type: last.actor.type, at: last.created_at } : undefined;
}

/**
 * The trigger label put on an issue by someone without authority does not dispatch: GitHub lets
 * triage users label, but starting an agent is a move like any other. Nor does a label whose
 * issue someone without authority edited before the task was recorded (dispatch paused or held):
 * the label approved the issue as it read then. The label is taken off (so the sweep, which
 * dispatches every open issue carrying it, does not start the task either) with a comment saying
 * who may. Returns false when the issue is a task already: the caller reconciles it as recorded.
 */
export async function refuseTriggerLabel(
  ctx: ConfiguredContext,
  issueNumber: number,
  event: { sender: string | undefined; cause: "label" | "edit" },
  who: string,
  appLogin: string,
): Promise<boolean> {
  const { github, config } = ctx;
  if (findTask(await readQueue(ctx, config), { issue: issueNumber })) return false;
  try {
    await github.removeLabel(issueNumber, config.labels.trigger);
  } catch (error) {
    // already taken off (a redelivery, a person): what was wanted
    if (!isNotFound(error)) throw error;
  }
  ctx.log.info(
    { task: taskIdFor(issueNumber), by: event.sender, cause: event.cause },
    "trigger label withdrawn: nothing dispatched",
  );
  const why =
    event.cause === "label"
      ? `only ${who} can start an Autopilot task, so the \`${config.labels.trigger}\` label was taken off`
      : `the issue changed after it was labelled, and only ${who} can change what a task is asked to do, ` +
        `so the \`${config.labels.trigger}\` label was taken off`;
  // no sender: GitHub's events name nobody who put the label on (an issue moved here with it, say)
  const body =
    event.sender === undefined
      ? `GitHub's events of this issue do not say who put the \`${config.labels.trigger}\` label on, and only ${who} can start an Autopilot task, so the label was taken off and nothing was dispatched. Please ask one of them to read the issue and add the label.`
      : `@${event.sender}, ${why} and nothing was dispatched. Please ask one of them to read the issue and add the label.`;
  await github.upsertSticky({ issueNumber, key: "trigger-label", author: appLogin, body });
  return true;
}

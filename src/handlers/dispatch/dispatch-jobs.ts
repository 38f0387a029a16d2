import type { Context } from "probot";
import { statusForStateLabel } from "../../github/index.js";
import { reportConfigError } from "../config-error.js";
import { repoContextOf, type AppServices, type RepoContext } from "../repo-context.js";
import { dedupeKeys, queueJob } from "../scheduling/queue-job.js";
import { findTask, readQueue } from "../task-state.js";
import { dispatchIssue, type DispatchOptions } from "./dispatch-issue.js";
import { applyStateLabel, type StateLabelEvent } from "./state-label-command.js";
import { configOf } from "../config-of.js";
import { senderAuthority } from "../authority.js";
import { isTriggerLabel, refuseTriggerLabel } from "./trigger-label.js";

type IssueContext = Context<"issues.labeled" | "issues.edited" | "issues.reopened">;

/** What happened to the issue, and who did it. */
export interface IssueEvent {
  action: "labeled" | "edited" | "reopened";
  sender: string;
  /** the sender's account type (`Bot` for apps) */
  senderType?: string;
  /** the label added (`labeled`) */
  label?: string;
  /** the issue's labels after the change */
  labels: string[];
  /** `edited`: the body changed (the payload's `changes.body`), not only the title */
  bodyChanged?: boolean;
  /** `labeled`: the issue's body as the label found it (the payload's), what the label approved */
  body?: string | null;
}

/**
 * Reads the configuration, then reconciles the issue's task; an invalid configuration is reported
 * instead. Only an event from someone with authority (`authorityOf`) may change what was recorded:
 * their edit or label lets the issue's spec replace the recorded one; anyone else's edit is
 * refused with a reply, their trigger label removed, and the task reconciled as recorded.
 */
export async function runDispatch(
  ctx: RepoContext,
  issueNumber: number,
  login: string,
  event?: IssueEvent,
  options: DispatchOptions = {},
): Promise<void> {
  // the app's own labels mirror a change it has just made: nothing to reconcile
  if (event?.sender === login) return;
  const loaded = await configOf(ctx);
  if (!loaded.ok) {
    ctx.log.warn(
      { issue: issueNumber, problems: loaded.errors.length },
      "invalid .github/autopilot.yml: nothing dispatched",
    );
    await reportConfigError(ctx, loaded.errors, issueNumber);
    return;
  }
  const configured = { ...ctx, config: loaded.config };
  // a person's state label is a command; the app's own labels are its mirror of the queue
  if (event?.label !== undefined && statusForStateLabel(event.label, loaded.config.labels)) {
    const { label, sender, senderType, labels } = event;
    await applyStateLabel(configured, { issueNumber, label, sender, labels, ...(senderType ? { senderType } : {}) });
    return;
  }
  // only an edit of the body (where the spec is) and the trigger label may change what is recorded:
  // only their sender's authority matters. A title-only edit reconciles the task as recorded.
  const bodyEdit = event?.action === "edited" && event.bodyChanged === true;
  const weighed = event !== undefined && (bodyEdit || isTriggerLabel(event.label, loaded.config));
  const sender = event && { login: event.sender, type: event.senderType };
  const authority = weighed && sender ? await senderAuthority(ctx, loaded.config, sender) : undefined;
  if (event && authority && !authority.allowed) {
    // the trigger label from them, or their edit of a labelled issue not dispatched yet (paused, held):
    // the approval the label gave was for the issue as it read then
    const labelled = event.labels.some((label) => isTriggerLabel(label, loaded.config));
    const cause = isTriggerLabel(event.label, loaded.config) ? "label" : bodyEdit && labelled ? "edit" : undefined;
    if (cause && (await refuseTriggerLabel(configured, issueNumber, { ...event, cause }, authority.who, login))) return;
  }
  if (loaded.config.paused) {
    ctx.log.info({ issue: issueNumber }, "autopilot is paused on this repository: nothing dispatched");
    return;
  }
  const respec = event && authority?.allowed ? { respecBy: event.sender } : {};
  const refusedEditBy =
    event && bodyEdit && authority && !authority.allowed ? { login: event.sender, who: authority.who } : undefined;
  const refused = refusedEditBy ? { refusedEditBy } : {};
  // the trigger label approved the body it found: an edit since is its own event's to judge
  const approved =
    event?.action === "labeled" && isTriggerLabel(event.label, loaded.config) && event.body !== undefined
      ? { labelledBody: event.body }
      : {};
  await dispatchIssue(configured, issueNumber, { login }, { ...options, ...respec, ...refused, ...approved });
}

/** A state label a person put on a task's pull request: a command on the task, as on its issue. */
async function runPullStateLabel(
  ctx: RepoContext,
  login: string,
  event: Omit<StateLabelEvent, "issueNumber"> & { pullNumber: number },
): Promise<void> {
  if (event.sender === login) return;
  const loaded = await configOf(ctx);
  if (!loaded.ok || !statusForStateLabel(event.label, loaded.config.labels)) return;
  const entry = findTask(await readQueue(ctx, loaded.config), { pr: event.pullNumber });
  if (!entry) return;
  await applyStateLabel({ ...ctx, config: loaded.config }, { ...event, issueNumber: entry.issue });
}

/** `issues.labeled`, `.edited`, `.reopened` on an issue (not a PR): its task is reconciled, in a job. */
export function startDispatch(context: IssueContext, services: AppServices): void {
  const { issue, sender } = context.payload;
  if (issue.pull_request) return;
  const label = context.payload.action === "labeled" ? context.payload.label?.name : undefined;
  const event: IssueEvent = {
    action: context.payload.action,
    sender: sender.login,
    senderType: sender.type,
    ...(label === undefined ? {} : { label }),
    labels: (issue.labels ?? []).flatMap((item) => (item ? [item.name] : [])),
    ...(context.payload.action === "edited" ? { bodyChanged: context.payload.changes.body !== undefined } : {}),
    ...(context.payload.action === "labeled" ? { body: issue.body ?? null } : {}),
  };
  const ctx = repoContextOf(context, services);
  const job = async () => runDispatch(ctx, issue.number, await services.login(), event);
  queueJob(ctx, job, dedupeKeys.dispatch(issue.number, event));
}

/** `pull_request.labeled`: a state label a person put on a task's PR moves the task, in a job. */
export function startPullStateLabel(context: Context<"pull_request.labeled">, services: AppServices): void {
  const { pull_request: pull, label, sender } = context.payload;
  if (!label) return;
  const ctx = repoContextOf(context, services);
  const labels = pull.labels.map((item) => item.name);
  const event = { pullNumber: pull.number, label: label.name, sender: sender.login, senderType: sender.type, labels };
  queueJob(ctx, async () => runPullStateLabel(ctx, await services.login(), event));
}

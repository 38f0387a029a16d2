import type { Context, Probot } from "probot";
import { statusForStateLabel } from "../../github/index.js";
import type { WorkQueue } from "../../work/index.js";
import { reportConfigError } from "../config-error.js";
import { repoContextOf, type RepoContext } from "../repo-context.js";
import { findTask, readQueue } from "../task-state.js";
import { dispatchIssue, type DispatchOptions } from "./dispatch-issue.js";
import { applyStateLabel, type StateLabelEvent } from "./state-label-command.js";
import { registerStateLabelRemoval } from "./state-label-removed.js";
import { configOf } from "../config-of.js";

type IssueContext = Context<"issues.labeled" | "issues.edited" | "issues.reopened">;

/** Reads the configuration, then reconciles the issue's task; an invalid configuration is reported instead. */
export async function runDispatch(ctx: RepoContext, issueNumber: number, login: string, stateLabel?: StateLabelEvent, options: DispatchOptions = {}): Promise<void> {
  // the app's own labels mirror a change it has just made: nothing to reconcile
  if (stateLabel?.sender === login) return;
  const loaded = await configOf(ctx);
  if (!loaded.ok) {
    ctx.log.warn({ issue: issueNumber, problems: loaded.errors.length }, "invalid .github/autopilot.yml: nothing dispatched");
    await reportConfigError(ctx, loaded.errors, issueNumber);
    return;
  }
  // a person's state label is a command; the app's own labels are its mirror of the queue
  if (stateLabel && statusForStateLabel(stateLabel.label, loaded.config.labels)) {
    await applyStateLabel({ ...ctx, config: loaded.config }, stateLabel);
    return;
  }
  if (loaded.config.paused) {
    ctx.log.info({ issue: issueNumber }, "autopilot is paused on this repository: nothing dispatched");
    return;
  }
  await dispatchIssue({ ...ctx, config: loaded.config }, issueNumber, { login }, options);
}

/** A state label a person put on a task's pull request: a command on the task, as on its issue. */
async function runPullStateLabel(ctx: RepoContext, login: string, event: Omit<StateLabelEvent, "issueNumber"> & { pullNumber: number }): Promise<void> {
  if (event.sender === login) return;
  const loaded = await configOf(ctx);
  if (!loaded.ok || !statusForStateLabel(event.label, loaded.config.labels)) return;
  const entry = findTask(await readQueue(ctx, loaded.config), { pr: event.pullNumber });
  if (!entry) return;
  await applyStateLabel({ ...ctx, config: loaded.config }, { ...event, issueNumber: entry.issue });
}


/**
 * Dispatch listens to labels, edits and reopenings of issues (the handler only queues the work:
 * GitHub gives a delivery 10 s); `/dispatch` comes through the commands. The work reads everything again from
 * GitHub, so which event arrived, and how often, does not matter.
 */
export function registerDispatch(app: Probot, work: WorkQueue, login: () => Promise<string>): void {
  const enqueue = (context: IssueContext, issueNumber: number, stateLabel?: StateLabelEvent): void => {
    const ctx = repoContextOf(context);
    void work.enqueue(`${ctx.owner}/${ctx.repo}`, async () => runDispatch(ctx, issueNumber, await login(), stateLabel), {
      // a label command is never merged into another job: each one is a person's request
      ...(stateLabel ? {} : { dedupeKey: `dispatch#${issueNumber}` }),
    });
  };
  app.on(["issues.labeled", "issues.edited", "issues.reopened"], async (context) => {
    const { issue } = context.payload;
    if (issue.pull_request) return;
    const label = context.payload.action === "labeled" ? context.payload.label?.name : undefined;
    const stateLabel =
      label === undefined
        ? undefined
        : { issueNumber: issue.number, label, sender: context.payload.sender.login, labels: (issue.labels ?? []).flatMap((item) => (item ? [item.name] : [])) };
    enqueue(context, issue.number, stateLabel);
  });
  app.on("pull_request.labeled", async (context) => {
    const { pull_request: pull, label, sender } = context.payload;
    if (!label) return;
    const ctx = repoContextOf(context);
    const labels = pull.labels.map((item) => item.name);
    void work.enqueue(`${ctx.owner}/${ctx.repo}`, async () =>
      runPullStateLabel(ctx, await login(), { pullNumber: pull.number, label: label.name, sender: sender.login, labels }),
    );
  });
  registerStateLabelRemoval(app, work, login);
}

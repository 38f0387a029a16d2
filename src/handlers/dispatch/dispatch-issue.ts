import { planDispatch, type DispatchPlan } from "../../core/dispatch/index.js";
import { applyTransition, listEntries } from "../../core/queue/index.js";
import { listTreePaths, syncStateLabels, upsertStickyComment } from "../../github/index.js";
import { specQuestionDraft } from "../../core/commands/index.js";
import type { Health } from "../../core/progress/index.js";
import { holdNewTask } from "../dashboard/dispatch-hold.js";
import { askOwner } from "../questions/ask-owner.js";
import { noteTask } from "../../work/index.js";
import { redactIssueText } from "../../core/markdown/index.js";
import { noticeCredential } from "../credential-notice.js";
import { commitQueueChange } from "../queue-commit.js";
import type { ConfiguredContext } from "../repo-context.js";
import { mirrorStatus, readQueue } from "../task-state.js";
import { ensureTaskArtifacts } from "./ensure-task-artifacts.js";
import { startAgentOnce } from "./start-agent-once.js";
import { upsertTask } from "./upsert-task.js";

/** The app's bot login, recorded as the actor of the moves it makes. */
export interface Actor {
  login: string;
}

export interface DispatchOptions {
  /** the repository's health when the caller has it already (the sweep); read when a task would start otherwise */
  health?: Health;
  /** start the agent even though the queue says it was started (an owner's `/retry` on the issue) */
  restartAgent?: boolean;
}

const dispatchedStates = new Set(["in_progress", "review"]);

/** The queue history's words for the agent's start, as the configuration makes it. */
function agentStartReason(config: ConfiguredContext["config"]): string {
  const dispatch = config.dispatch;
  if (dispatch.target === "workflow_dispatch") return `agent started: workflow ${dispatch.workflow}`;
  if (dispatch.target === "mention") return `agent started: ${dispatch.handle} mentioned`;
  return "draft PR opened (no agent configured)";
}

/**
 * Reconciles one issue with the task it describes: reads the issue, the configuration and the
 * queue as GitHub has them now, plans with `planDispatch`, and applies the plan. Everything it
 * writes is looked up first (queue by delivery and state, comments by marker, branch, PR, labels),
 * so a redelivery or a second label event changes nothing, and a run cut off by a crash is
 * finished by the next one.
 */
export async function dispatchIssue(ctx: ConfiguredContext, issueNumber: number, actor: Actor, options: DispatchOptions = {}): Promise<DispatchPlan> {
  const { octokit, owner, repo, config } = ctx;
  const { data: fetched } = await octokit.rest.issues.get({ owner, repo, issue_number: issueNumber });
  if (fetched.pull_request) return { kind: "ignore", reason: `#${issueNumber} is a pull request` };
  // everything below copies the issue's text: only ever its redacted form
  const redacted = redactIssueText({ title: fetched.title, body: fetched.body ?? null });
  const issue = { ...fetched, title: redacted.title, body: redacted.body };
  const queue = await readQueue(ctx, config);
  const othersInProgress = listEntries(queue).some((entry) => entry.issue !== issueNumber && dispatchedStates.has(entry.status));
  const repoFiles = othersInProgress ? await listTreePaths(octokit, { owner, repo, ref: ctx.defaultBranch }) : [];
  const labels = issue.labels.map((label) => (typeof label === "string" ? label : (label.name ?? "")));
  const plan = planDispatch({
    issue: { number: issue.number, title: issue.title, body: issue.body ?? null, state: issue.state === "closed" ? "closed" : "open", labels },
    config,
    queue,
    repoFiles: () => repoFiles,
  });
  // from here on the job's log lines name the task
  if (plan.kind !== "ignore") noteTask(plan.taskId);
  ctx.log.info({ task: `T-${issueNumber}`, plan: plan.kind, ...(plan.kind === "ignore" ? { reason: plan.reason } : {}) }, "dispatch planned");
  if (plan.kind === "ignore") return plan;
  if (redacted.redactions > 0) await noticeCredential(ctx, issueNumber, actor.login);

  const event = { actor: actor.login, delivery: ctx.delivery, at: new Date().toISOString() };
  const target = { owner, repo, issueNumber, labels: config.labels };
  if (plan.kind === "ask") {
    const fields = plan.questions.map((question) => question.field).join(", ");
    // one comment, one commit (queue move + ops/decisions.jsonl lines), the needs-owner label
    await askOwner(ctx, {
      taskId: plan.taskId,
      kind: "spec",
      thread: { issue: issueNumber },
      questions: plan.questions.map(specQuestionDraft),
      actor: actor.login,
      queue: (doc) => upsertTask(doc, plan.entry, { ...event, reason: `spec incomplete: ${fields}` }),
      label: [{ number: issueNumber, labels }],
      withdrawReason: "the issue was edited",
    });
    return plan;
  }
  if (plan.kind === "blocked") {
    const holders = plan.conflicts.map((conflict) => conflict.taskId).join(", ");
    await commitQueueChange(ctx, config, { taskId: plan.taskId, apply: (doc) => upsertTask(doc, plan.entry, { ...event, reason: `scope overlaps ${holders}` }) });
    await upsertStickyComment(octokit, { ...target, key: "scope-lock", body: plan.comment, author: actor.login });
    await syncStateLabels(octokit, { ...target, status: "blocked", risk: plan.entry.risk, currentLabels: labels });
    return plan;
  }

  // a new task does not start while Autopilot is held (red health): the issue and the dashboard say why
  const hold = await holdNewTask(ctx, issueNumber, queue, actor.login, options.health);
  if (hold !== undefined) return { kind: "ignore", reason: `dispatch held: ${hold}` };

  // start: take the lock (the queue commit) before creating anything on GitHub
  const { entry } = await commitQueueChange(ctx, config, {
    taskId: plan.taskId,
    apply: (doc) => upsertTask(doc, plan.entry, { ...event, reason: "spec complete: task branch and draft PR" }),
  });
  const pull = await ensureTaskArtifacts(ctx, plan);
  if (labels.some((label) => label.toLowerCase() === config.labels.needs_owner.toLowerCase())) {
    await askOwner(ctx, { taskId: plan.taskId, kind: "spec", thread: { issue: issueNumber }, questions: [], actor: actor.login, withdrawReason: "the spec is complete" });
  }
  await mirrorStatus(ctx, config, { issue: issueNumber, pr: pull.number, risk: plan.spec.risk }, entry.status, new Map([[issueNumber, labels], [pull.number, pull.labels]]));
  // The start is recorded before the agent is started (see start-agent-once.ts)
  const starting = !entry.dispatched_at || options.restartAgent === true;
  if (entry.pr !== pull.number || starting) {
    await commitQueueChange(ctx, config, {
      taskId: plan.taskId,
      note: [entry.pr !== pull.number ? `pr #${pull.number}` : "", starting ? "agent started" : ""].filter(Boolean).join(", "),
      apply: (doc) =>
        applyTransition(doc, {
          taskId: plan.taskId,
          to: entry.status,
          ...event,
          reason: starting ? agentStartReason(config) : "draft PR opened",
          patch: { pr: pull.number, ...(starting ? { dispatched_at: event.at } : {}) },
        }),
    });
  }
  if (!starting) return plan;
  const agentTask = { taskId: plan.taskId, issue: issueNumber, title: issue.title, branch: plan.branch, pr: pull.number, taskFile: plan.taskFilePath, risk: plan.spec.risk };
  await startAgentOnce(ctx, agentTask, { actor: actor.login, delivery: ctx.delivery, status: entry.status });
  return plan;
}

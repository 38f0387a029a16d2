import {
  describeSpecChange,
  diffSpec,
  dispatchFingerprint,
  hasRecordedSpec,
  knownWorkItems,
  planDispatch,
  type DispatchInput,
  type DispatchPlan,
} from "../../core/dispatch/index.js";
import { planPath } from "../../core/plan/index.js";
import { applyTransition, getEntry, listEntries, mayClaim, type QueueEntry } from "../../core/queue/index.js";
import { taskIdFor } from "../../core/task/index.js";
import { specQuestionDraft } from "../../core/commands/index.js";
import { holdNewTask, type HoldFacts } from "../dashboard/dispatch-hold.js";
import { askOwner } from "../questions/ask-owner.js";
import { noteTask } from "../../work/index.js";
import { redactIssueText } from "../../core/markdown/index.js";
import { noticeCredential } from "../credential-notice.js";
import { commitQueueChange } from "../queue-commit.js";
import type { ConfiguredContext } from "../repo-context.js";
import { joinMutations, type LeadMutations, type MirroredLabels } from "../../github/index.js";
import { rideDashboard } from "../dashboard/ride-dashboard.js";
import { evaluateAfterOwnMove } from "../move-task.js";
import { mirrorStatus, readQueue } from "../task-state.js";
import { blockRefusedStart, draftsRefused, startRefusedByRules } from "./block-refused-start.js";
import { ensureTaskArtifacts } from "./ensure-task-artifacts.js";
import { startAgentOnce } from "./start-agent-once.js";
import { upsertTask } from "./upsert-task.js";
import { refuseSpecEdit } from "./refuse-spec-edit.js";
import { regateAfterSpecChange } from "./regate-after-spec-change.js";

/** The app's bot login, recorded as the actor of the moves it makes. */
export interface Actor {
  login: string;
}

export interface DispatchOptions {
  /** readiness and health when the caller has them already (the sweep, a release); read when a task would start otherwise */
  hold?: HoldFacts;
  /** start the agent even though the queue says it was started (an owner's `/retry` on the issue) */
  restartAgent?: boolean;
  /**
   * Someone with authority whose event (an edit, the trigger label, `/dispatch`, `/answer`) lets the
   * issue's spec replace the one recorded in the queue. Without it a recorded task keeps its spec.
   */
  respecBy?: string;
  /** an edit of the issue by someone without authority: answered once, and nothing recorded changes */
  refusedEditBy?: { login: string; who: string };
  /**
   * The issue's body when the trigger label was put on (the labeled event's payload), or as an owner's
   * `/answer` left it: what they approved. A body that differs now was edited since, by anyone: that
   * edit's own event decides.
   */
  labelledBody?: string | null;
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
 * writes is looked up first (queue by delivery and state, comments by marker, labels) or, for a
 * task's first start, created at once with GitHub's refusal of a duplicate as the look-up (branch,
 * PR: see `ensureTaskArtifacts`), so a redelivery or a second label event changes nothing, and a
 * run cut off by a crash is finished by the next one.
 */
export async function dispatchIssue(
  ctx: ConfiguredContext,
  issueNumber: number,
  actor: Actor,
  options: DispatchOptions = {},
): Promise<DispatchPlan> {
  const { github, owner, repo, config } = ctx;
  // the issue as GitHub has it now, not as an event's payload had it: a job can run long after its
  // event (queued behind others, a redelivery), and the sweep and commands have no payload; a closed
  // issue or a withdrawn label must not start an agent
  const fetched = await github.getIssue(issueNumber);
  if (fetched.pull_request) return { kind: "ignore", reason: `#${issueNumber} is a pull request` };
  // The trigger label approved the body it was put on. Edited since (between the label and this job),
  // the body is not what was approved, whoever edited it: the edit's own event weighs its sender's
  // authority (someone with it re-specs, anyone else's edit withdraws the label). This job neither
  // records that text for a new task nor lets it replace a recorded spec.
  const editedSinceLabel = options.labelledBody !== undefined && (fetched.body ?? null) !== options.labelledBody;
  const respecBy = editedSinceLabel ? undefined : options.respecBy;
  // everything below copies the issue's text: only ever its redacted form
  const redacted = redactIssueText({ title: fetched.title, body: fetched.body ?? null });
  const issue = { ...fetched, title: redacted.title, body: redacted.body };
  const queue = await readQueue(ctx, config);
  const existing = getEntry(queue, taskIdFor(issueNumber));
  if (editedSinceLabel && !(existing && hasRecordedSpec(existing))) {
    ctx.log.info(
      { task: taskIdFor(issueNumber) },
      "dispatch: the issue changed after it was labelled; its edit decides",
    );
    return { kind: "ignore", reason: "the issue changed after it was labelled" };
  }
  const othersInProgress = listEntries(queue).some(
    (entry) => entry.issue !== issueNumber && dispatchedStates.has(entry.status),
  );
  const repoFiles = othersInProgress ? await github.listTreePaths(ctx.defaultBranch) : [];
  const labels = issue.labels.map((label) => (typeof label === "string" ? label : (label.name ?? "")));
  const input: DispatchInput = {
    issue: {
      number: issue.number,
      title: issue.title,
      body: issue.body ?? null,
      state: issue.state === "closed" ? "closed" : "open",
      labels,
    },
    config,
    queue,
    repoFiles: () => repoFiles,
    respec: respecBy !== undefined,
  };
  let plan = planDispatch(input);
  // a spec that names a work item it did not name before is checked against the plan on the default branch
  if (plan.kind === "start" && plan.spec.item !== undefined && plan.spec.item !== existing?.item) {
    const workItems = knownWorkItems(await github.readFile(planPath, ctx.defaultBranch));
    plan = planDispatch({ ...input, workItems });
  }
  if (options.refusedEditBy && existing) await refuseSpecEdit(ctx, issue, existing, options.refusedEditBy, actor.login);
  // from here on the job's log lines name the task
  if (plan.kind !== "ignore") noteTask(plan.taskId);
  ctx.log.info(
    { task: `T-${issueNumber}`, plan: plan.kind, ...(plan.kind === "ignore" ? { reason: plan.reason } : {}) },
    "dispatch planned",
  );
  if (plan.kind === "ignore") return plan;
  if (redacted.redactions > 0) await noticeCredential(ctx, issueNumber, actor.login);

  const event = { actor: actor.login, delivery: ctx.delivery, at: new Date().toISOString() };
  const changed = specChangeEvent(existing, plan, respecBy, event);
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
      label: [{ number: issueNumber, kind: "issue", labels }],
      withdrawReason: "the issue was edited",
    });
    return plan;
  }
  if (plan.kind === "blocked") {
    const holders = plan.conflicts.map((conflict) => conflict.taskId).join(", ");
    await commitQueueChange(ctx, config, {
      taskId: plan.taskId,
      apply: (doc) => upsertTask(doc, plan.entry, changed ?? { ...event, reason: `scope overlaps ${holders}` }),
    });
    await github.upsertSticky({ ...target, key: "scope-lock", body: plan.comment, author: actor.login });
    await github.mirrorStateLabels({
      targets: [{ number: issueNumber, kind: "issue", currentLabels: labels }],
      status: "blocked",
      risk: plan.entry.risk,
      labels: config.labels,
    });
    return plan;
  }

  // a new task does not start while Autopilot is held (a readiness row fails, red health): the issue and the dashboard say why
  const hold = await holdNewTask(ctx, issueNumber, queue, actor.login, options.hold);
  if (hold !== undefined) return { kind: "ignore", reason: `dispatch held: ${hold}` };

  // start: take the lock (the queue commit) before creating anything on GitHub
  const { entry } = await commitQueueChange(ctx, config, {
    taskId: plan.taskId,
    apply: (doc) =>
      upsertTask(doc, plan.entry, changed ?? { ...event, reason: "spec complete: task branch and draft PR" }),
  });
  // the task file on the branch is the agent's copy of the recorded spec: rewritten only for someone with authority
  let pull: Awaited<ReturnType<typeof ensureTaskArtifacts>>;
  try {
    pull = await ensureTaskArtifacts(ctx, plan, {
      rewrite: respecBy !== undefined,
      // no PR recorded: the task was not started, or its start was cut off (GitHub's refusals cover that)
      fresh: entry.pr === undefined || entry.pr === null,
    });
  } catch (error) {
    // a ruleset or protection on task branches, or a repository without drafts: the task is
    // blocked and the issue says why, not retried blindly
    const refused = startRefusedByRules(error);
    const noDrafts = refused === undefined ? draftsRefused(error) : undefined;
    if (refused === undefined && noDrafts === undefined) throw error;
    const answer = refused ?? noDrafts ?? "";
    const kind = refused === undefined ? "draft" : "branch";
    await blockRefusedStart(ctx, { entry, branch: plan.branch, labels }, answer, actor.login, kind);
    return { kind: "ignore", reason: `GitHub refused the task's ${kind}: ${answer}` };
  }
  if (labels.some((label) => label.toLowerCase() === config.labels.needs_owner.toLowerCase())) {
    await askOwner(ctx, {
      taskId: plan.taskId,
      kind: "spec",
      thread: { issue: issueNumber },
      questions: [],
      actor: actor.login,
      withdrawReason: "the spec is complete",
    });
  }
  const mirrorLabels = (carried?: LeadMutations) =>
    mirrorStatus(
      ctx,
      config,
      { issue: issueNumber, pr: pull.number, risk: plan.spec.risk },
      entry.status,
      new Map([
        [issueNumber, labels],
        [pull.number, pull.labels],
      ]),
      carried,
    );
  // The start is recorded before the agent is started (see start-agent-once.ts), and only the writer
  // whose commit recorded it starts the agent: another replica that re-reads the start as made does not
  const seen = entry.dispatched_at ?? null;
  // a start GitHub refused for good is tried again only once `dispatch:` changed, or on an owner's /retry
  const refusedUnder = entry.start_refused?.dispatch;
  const refusedUnderOtherConfig = refusedUnder !== undefined && refusedUnder !== dispatchFingerprint(config.dispatch);
  const starting = seen === null || options.restartAgent === true || refusedUnderOtherConfig;
  let claimed = false;
  let mirrored: MirroredLabels[] | undefined;
  let labelsError: unknown;
  // re-gated before the start is claimed below: nothing that may fail stands between the claim and the start
  if (changed) await regateAfterSpecChange(ctx, pull.number);
  if (entry.pr !== pull.number || starting) {
    const committed = await commitQueueChange(ctx, config, {
      taskId: plan.taskId,
      note: [entry.pr !== pull.number ? `pr #${pull.number}` : "", starting ? "agent started" : ""]
        .filter(Boolean)
        .join(", "),
      claim: starting,
      apply: (doc) => {
        claimed = starting && mayClaim(getEntry(doc, plan.taskId), "dispatched_at", seen);
        return applyTransition(doc, {
          taskId: plan.taskId,
          to: entry.status,
          ...event,
          reason: claimed ? agentStartReason(config) : "draft PR opened",
          patch: {
            pr: pull.number,
            ...(claimed ? { dispatched_at: event.at, ...(entry.start_refused ? { start_refused: null } : {}) } : {}),
          },
        });
      },
      // the commit's first attempt goes in the labels' request: one request for the two. A commit
      // refused there (another writer moved the queue) is made again on its own, the labels stay
      // done; the claim is the commit's either way (`committed.changed` below)
      // The dashboard's edit rides in it too, rendered from the queue this attempt writes (a PR this
      // job just opened has no review to read); it stands for this change only if that queue lands
      carry: async (commit, queue) => {
        const dashboard = await rideDashboard(ctx, {
          login: actor.login,
          queueText: queue.text,
          now: ctx.services.now(),
          ...(pull.created === true ? { reviews: new Map([[pull.number, null]]) } : {}),
          onCovered: queue.cover,
        });
        // the commit may have claimed the agent's start in this very request: a refused label must
        // not stop the start, so its error is thrown once the agent is started (the next reconcile
        // mirrors the labels again)
        try {
          mirrored = await mirrorLabels(joinMutations(commit, dashboard));
        } catch (error) {
          labelsError = error;
          mirrored = [];
        }
      },
    });
    claimed = claimed && committed.changed;
  }
  // nothing to commit (a redelivery): the labels in a request of their own
  mirrored ??= await mirrorLabels();
  // A draft this job just opened, on the app's own task-file commit (no gate runs there), cannot be
  // marked ready nor merged: its labels' events ask no evaluation. A PR found instead is evaluated.
  evaluateAfterOwnMove(ctx, pull.number, entry.status, mirrored, pull.created === true);
  if (!claimed) {
    if (labelsError !== undefined) throw labelsError;
    return plan;
  }
  const agentTask = {
    taskId: plan.taskId,
    issue: issueNumber,
    title: plan.entry.title,
    branch: plan.branch,
    pr: pull.number,
    taskFile: plan.taskFilePath,
    risk: plan.spec.risk,
  };
  const record = { actor: actor.login, delivery: ctx.delivery, status: entry.status, startedAt: event.at };
  await startAgentOnce(ctx, agentTask, record);
  if (labelsError !== undefined) throw labelsError;
  return plan;
}

/**
 * The history item of a change of the recorded spec by someone with authority (same status, the
 * editor as actor, what changed); undefined when the dispatch changes no recorded field.
 */
function specChangeEvent(
  existing: QueueEntry | undefined,
  plan: DispatchPlan,
  by: string | undefined,
  event: { delivery: string | null; at: string },
): { actor: string; reason: string; delivery: string | null; at: string; record: true } | undefined {
  if (by === undefined || !existing || !hasRecordedSpec(existing)) return undefined;
  if (plan.kind !== "start" && plan.kind !== "blocked") return undefined;
  const changes = diffSpec(existing, plan.entry);
  if (changes.length === 0) return undefined;
  return { ...event, actor: by, reason: `spec changed by @${by}: ${describeSpecChange(changes)}`, record: true };
}

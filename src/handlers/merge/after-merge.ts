import type { ChangedFile } from "../../core/changed-file.js";
import { modelDecisionsPath } from "../../core/gates/control-paths.js";
import { modelDecisionSchema } from "../../core/model-decisions/model-decision.js";
import { planPath } from "../../core/plan/index.js";
import { applyTransition, getEntry, parseQueue, serializeQueue, type QueueDocument } from "../../core/queue/index.js";
import type { ReviewRecord } from "../../core/review/index.js";
import type { CommitWithCasOptions } from "../../github/index.js";
import { noteDashboardChange } from "../scheduling/dashboard-refresher.js";
import { claimId } from "../queue-commit.js";
import type { ConfiguredContext } from "../repo-context.js";
import { commitState, stateOnDefaultBranch } from "../state-branch.js";
import { recordsUpdate, updateRecordsPull } from "./records-pull.js";

export interface MergedTask {
  taskId: string;
  pullNumber: number;
  mergeSha: string;
  headSha: string;
  files: ChangedFile[];
  review: ReviewRecord | undefined;
  actor: string;
}

export { progressPath } from "./records-pull.js";
export { modelDecisionsPath } from "../../core/gates/control-paths.js";

/** The queue with the task done: through `review` first when it was still `in_progress` (the only way to `done`). */
function markDone(doc: QueueDocument, task: MergedTask, ctx: ConfiguredContext, at: string): QueueDocument {
  const entry = getEntry(doc, task.taskId);
  if (!entry || entry.status === "done") return doc;
  const event = { taskId: task.taskId, actor: task.actor, delivery: ctx.delivery, at };
  let current = doc;
  if (entry.status !== "review") {
    const reviewed = applyTransition(current, { ...event, to: "review", reason: `#${task.pullNumber} ready to merge` });
    if (!reviewed.ok) throw new Error(reviewed.reason);
    current = reviewed.doc;
  }
  const done = applyTransition(current, {
    ...event,
    to: "done",
    reason: `merged in #${task.pullNumber} as ${task.mergeSha.slice(0, 7)}`,
    // the commit a rollback looks the task up by (core/rollback)
    ...(/^[0-9a-f]{40}$/.test(task.mergeSha) ? { patch: { merge_sha: task.mergeSha } } : {}),
  });
  if (!done.ok) throw new Error(done.reason);
  return done.doc;
}

/** One line per model call of the final review, for `ops/model-decisions.jsonl`. */
function modelDecisionLines(task: MergedTask, at: string): string[] {
  const record = task.review;
  if (!record) return [];
  return record.calls.map((call) =>
    JSON.stringify(
      modelDecisionSchema.parse({
        task: task.taskId,
        role: call.role,
        provider: call.provider,
        model: call.model,
        head_sha: record.head_sha,
        tokens: { input: call.input_tokens, output: call.output_tokens },
        cost_usd: call.cost_usd ?? 0,
        latency_ms: call.latency_ms ?? 0,
        outcome: call.outcome,
        ...(call.role !== "assistant_manager" && record.decision ? { decision: record.decision } : {}),
        at,
      }),
    ),
  );
}

/**
 * After a merge, one compare-and-swap commit to the state branch records it: the task `done` in
 * the queue (its scope lock released) and the review's model calls appended to
 * `ops/model-decisions.jsonl`. Then the records that belong on the default branch
 * (`docs/PROGRESS.md`, the crosswalk updated with the files the task changed) go to the app's
 * records pull request; a repository that keeps its state on the default branch gets them in the
 * same commit instead. Applying it twice changes nothing. Resolves with whether this commit
 * recorded the merge: only that writer finishes the task on GitHub (follow-ups, closing comment),
 * so two replicas finishing one merge open each follow-up once.
 */
export async function commitAfterMerge(
  ctx: ConfiguredContext,
  task: MergedTask,
  repoUrl: string,
  recordedOnly?: { carry: NonNullable<CommitWithCasOptions["carry"]> },
  /** told the queue's text as the done commit wrote it, before the records (the dashboard's edit rides on it) */
  onRecorded?: (queueText: string) => void,
): Promise<boolean> {
  const { config } = ctx;
  const at = new Date().toISOString();
  const onDefault = stateOnDefaultBranch(ctx, config);
  let recorded = false;
  let queue: QueueDocument | undefined;
  const done = await commitState(ctx, config, {
    // a claim: the replica whose commit records the merge finishes the task (see queue-commit.ts)
    message: `autopilot: ${task.taskId} → done: merged #${task.pullNumber}\n\nTask: ${task.taskId}\nClaim: ${claimId()}\n`,
    update: async (read) => {
      const before = parseQueue((await read(config.queue_file)) ?? "").doc;
      // the attempt that finds the task done already (another replica recorded the merge) records nothing
      recorded = getEntry(before, task.taskId)?.status !== "done";
      queue = recorded ? markDone(before, task, ctx, at) : before;
      if (!recorded) return null;
      const decisions = modelDecisionLines(task, at);
      const existing = (await read(modelDecisionsPath)) ?? "";
      return {
        [config.queue_file]: serializeQueue(queue),
        ...(onDefault ? await recordsUpdate(ctx, queue, task, repoUrl, read, new Date(at)) : {}),
        ...(decisions.length > 0
          ? {
              [modelDecisionsPath]: `${existing}${existing === "" || existing.endsWith("\n") ? "" : "\n"}${decisions.join("\n")}\n`,
            }
          : {}),
      };
    },
    // the plan of record on the default branch, read in the done commit's own request: the records
    // are regenerated from it next (display only; the next task's records read it again)
    ...(onDefault ? {} : { readAlong: `${ctx.defaultBranch}:${planPath}` }),
  });
  // the records pull request is brought up to date by whoever finishes the merge (idempotent)
  const plan = done.sha === undefined ? undefined : done.readAlong;
  // `recordedOnly.carry`: a request that belongs to the writer of the done commit alone (the
  // follow-ups) carries the records commit's first attempt
  const carry = recorded ? recordedOnly?.carry : undefined;
  // the task is done: the dashboard shows it at its next (debounced) refresh, unless the request
  // finishing the issue carries its edit (see `completeMerge`)
  if (recorded) noteDashboardChange(ctx);
  if (recorded && queue !== undefined) onRecorded?.(serializeQueue(queue));
  if (!onDefault && queue !== undefined) await updateRecordsPull(ctx, queue, task, repoUrl, new Date(at), plan, carry);
  return recorded;
}

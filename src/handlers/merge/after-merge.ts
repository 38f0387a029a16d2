import { parseCrosswalk, serializeCrosswalk, updateCrosswalk } from "../../core/concordance/index.js";
import type { ChangedFile } from "../../core/changed-file.js";
import { modelDecisionsPath } from "../../core/gates/control-paths.js";
import { modelDecisionSchema } from "../../core/model-decisions/model-decision.js";
import { renderProgress } from "../../core/progress/index.js";
import { applyTransition, getEntry, parseQueue, serializeQueue, type QueueDocument } from "../../core/queue/index.js";
import type { ReviewRecord } from "../../core/review/index.js";
import { commitWithCas } from "../../github/index.js";
import { noteDashboardChange } from "../dashboard/refresh-scheduler.js";
import { claimId, defaultBranchAttempts } from "../queue-commit.js";
import type { ConfiguredContext } from "../repo-context.js";

export interface MergedTask {
  taskId: string;
  pullNumber: number;
  mergeSha: string;
  headSha: string;
  files: ChangedFile[];
  review: ReviewRecord | undefined;
  actor: string;
}

export const progressPath = "docs/PROGRESS.md";
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
  const done = applyTransition(current, { ...event, to: "done", reason: `merged in #${task.pullNumber} as ${task.mergeSha.slice(0, 7)}` });
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
 * After a merge, one compare-and-swap commit to the default branch records it: the task `done`
 * in the queue (its scope lock released), the crosswalk updated with the files the task changed,
 * the review's model calls appended to `ops/model-decisions.jsonl`, and `docs/PROGRESS.md`
 * regenerated. Applying it twice changes nothing. Resolves with whether this commit recorded the
 * merge: only that writer finishes the task on GitHub (follow-ups, closing comment), so two
 * replicas finishing one merge open each follow-up once.
 */
export async function commitAfterMerge(ctx: ConfiguredContext, task: MergedTask, repoUrl: string): Promise<boolean> {
  const { config } = ctx;
  const at = new Date().toISOString();
  let recorded = false;
  await commitWithCas(ctx.octokit, {
    owner: ctx.owner,
    repo: ctx.repo,
    branch: ctx.defaultBranch,
    // a claim: the replica whose commit records the merge finishes the task (see queue-commit.ts)
    message: `autopilot: ${task.taskId} → done: merged #${task.pullNumber}\n\nTask: ${task.taskId}\nClaim: ${claimId()}\n`,
    maxAttempts: defaultBranchAttempts,
    update: async (read) => {
      const before = parseQueue((await read(config.queue_file)) ?? "").doc;
      // the attempt that finds the task done already (another replica recorded the merge) records nothing
      recorded = getEntry(before, task.taskId)?.status !== "done";
      if (!recorded) return null;
      const queue = markDone(before, task, ctx, at);
      const entry = getEntry(queue, task.taskId);
      const crosswalkPath = config.concordance.index_paths.crosswalk;
      const { crosswalk } = parseCrosswalk(await read(crosswalkPath), crosswalkPath);
      const updated = updateCrosswalk(crosswalk, {
        taskId: task.taskId,
        ids: entry?.refs ?? [],
        files: task.files,
        status: "done",
        exemptPaths: [...config.concordance.exempt_paths, "ops/**"],
      });
      const decisions = modelDecisionLines(task, at);
      const existing = (await read(modelDecisionsPath)) ?? "";
      return {
        [config.queue_file]: serializeQueue(queue),
        [progressPath]: renderProgress(queue, { repoUrl, now: new Date(at), recent: 10, queueFile: config.queue_file }),
        ...((entry?.refs.length ?? 0) > 0 ? { [crosswalkPath]: serializeCrosswalk(updated) } : {}),
        ...(decisions.length > 0 ? { [modelDecisionsPath]: `${existing}${existing === "" || existing.endsWith("\n") ? "" : "\n"}${decisions.join("\n")}\n` } : {}),
      };
    },
  });
  // the task is done: the dashboard shows it at its next (debounced) refresh
  if (recorded) noteDashboardChange(ctx);
  return recorded;
}

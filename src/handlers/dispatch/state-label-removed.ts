import type { Context } from "probot";
import { statusForStateLabel } from "../../github/index.js";
import { configOf } from "../config-of.js";
import { repoContextOf, type AppServices, type RepoContext } from "../repo-context.js";
import { queueJob } from "../scheduling/queue-job.js";
import { findTask, readQueue } from "../task-state.js";

interface RemovedLabel {
  /** the issue or pull request the label was taken off */
  number: number;
  isPull: boolean;
  /** its node id, from the signed payload: a node id never changes, so it cannot be stale */
  nodeId?: string;
  label: string;
  sender: string;
  /** its labels after the removal, as the webhook carries them */
  labels: string[];
}

/**
 * A person took the label of the task's current state off its issue or PR. The labels mirror the
 * queue, so a missing one would show the task in no state at all: it is put back at once (not at
 * the next sweep), with a note saying how to move a task instead. The app's own removals (the
 * old state's label when the task moves) never match the current state, so they are left alone.
 */
export async function restoreStateLabel(ctx: RepoContext, login: string, removed: RemovedLabel): Promise<void> {
  if (removed.sender === login) return;
  const loaded = await configOf(ctx);
  if (!loaded.ok) return;
  const { config } = loaded;
  const status = statusForStateLabel(removed.label, config.labels);
  if (!status) return;
  const entry = findTask(
    await readQueue(ctx, config),
    removed.isPull ? { pr: removed.number } : { issue: removed.number },
  );
  if (entry?.status !== status) return;
  const { github } = ctx;
  const [mirrored] = await github.mirrorStateLabels({
    targets: [
      {
        number: removed.number,
        kind: removed.isPull ? "pull" : "issue",
        ...(removed.nodeId === undefined ? {} : { nodeId: removed.nodeId }),
        currentLabels: removed.labels,
      },
    ],
    status,
    labels: config.labels,
  });
  if (mirrored === undefined || mirrored.added.length === 0) return;
  ctx.log.info(
    { task: entry.id, label: removed.label, by: removed.sender },
    "state label put back: it mirrors the queue",
  );
  await github.upsertSticky({
    issueNumber: removed.number,
    key: "state-label",
    body: `@${removed.sender}, the \`${removed.label}\` label shows where ${entry.id} stands in \`ops/queue.jsonl\`, so it was put back. To move the task, add the label of the state you want (or use \`/block\`, \`/unblock\`, \`/retry\`).`,
  });
}

/** `issues.unlabeled`, `pull_request.unlabeled`: a removed state label is put back, in a job. */
export function startStateLabelRestore(
  context: Context<"issues.unlabeled" | "pull_request.unlabeled">,
  services: AppServices,
): void {
  const payload = context.payload;
  if (!payload.label) return;
  const thread = "pull_request" in payload ? payload.pull_request : payload.issue;
  const removed: RemovedLabel = {
    number: thread.number,
    isPull: "pull_request" in payload || Boolean("pull_request" in thread && thread.pull_request),
    // a pull request's own node (not its issue's) is what the label mutations address
    ...(thread.node_id && ("pull_request" in payload || !("pull_request" in thread && thread.pull_request))
      ? { nodeId: thread.node_id }
      : {}),
    label: payload.label.name,
    sender: payload.sender.login,
    labels: (thread.labels ?? []).flatMap((item) => (item ? [item.name] : [])),
  };
  const ctx = repoContextOf(context, services);
  queueJob(ctx, async () => restoreStateLabel(ctx, await services.login(), removed));
}

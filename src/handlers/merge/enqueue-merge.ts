import { recordEnqueued, type QueueEntry } from "../../core/queue/index.js";
import type { MergeQueueEntryView } from "../../github/index.js";
import { noteDashboardChange } from "../scheduling/dashboard-refresher.js";
import { commitQueueChange } from "../queue-commit.js";
import type { ConfiguredContext } from "../repo-context.js";
import type { PullRead } from "./read-pull.js";

/**
 * Whether the PR's base requires a merge queue, as GitHub says it: the PR's `isMergeQueueEnabled`
 * (a ruleset or classic branch protection); where GitHub does not know that field, the rules for
 * the branch (rulesets, `GET /rules/branches/{branch}`).
 */
export async function requiresMergeQueue(ctx: ConfiguredContext, pullNumber: number, base: string): Promise<boolean> {
  const enabled = await ctx.github.mergeQueueEnabled(pullNumber);
  if (enabled !== undefined) return enabled;
  const rules = await ctx.github.branchRules(base);
  return rules?.some((rule) => rule.type === "merge_queue") ?? false;
}

/**
 * What came of putting the PR in its base's merge queue, pinned to the judged head:
 * - `queued`: in the queue at that head (GitHub's "already in the queue" counts, as read back);
 * - `head_moved` / `draft`: the PR changed since the decision: decide again;
 * - `conflict`: GitHub reports that it does not merge cleanly;
 * - `no_queue`: the base requires no merge queue (any more);
 * - `refused`: another refusal (the base's other requirements unmet), with GitHub's words and the
 *   PR's mergeability as GitHub reported it right after.
 */
export type EnqueueOutcome =
  | { kind: "queued"; entry: MergeQueueEntryView }
  | { kind: "head_moved" }
  | { kind: "draft" }
  | { kind: "conflict" }
  | { kind: "no_queue" }
  | { kind: "refused"; message: string; mergeable: boolean | null; mergeableState: string };

/** The PR's sticky "merge-decision" comment while its judged head waits in the merge queue. */
export const enqueuedText = (taskId: string, base: string, head: string): string =>
  [
    `Autopilot added ${taskId} to the merge queue of \`${base}\` at head ${head.slice(0, 7)}.`,
    "",
    `Gates, review and CI are green on that head. GitHub merges it once the merge group's required checks pass; a new push takes it out of the queue and is judged again. Autopilot does not add this head again if it leaves the queue unmerged.`,
  ].join("\n");

/**
 * GitHub's refusal says nothing reliable by its words: what the app reads tells why. The PR's
 * head first (moved), its queue entry ("already in the queue" is queued), the PR (draft, conflict),
 * then the base's rules (no merge queue).
 */
async function whyRefused(
  ctx: ConfiguredContext,
  pull: PullRead,
  sha: string,
  message: string,
): Promise<EnqueueOutcome> {
  const { github } = ctx;
  const now = await github.getPull(pull.number);
  if (now.head.sha !== sha) return { kind: "head_moved" };
  // queued while its head is still the judged one: GitHub takes a PR out of the queue when its head moves
  const queued = await github.mergeQueueEntry(pull.number);
  if (queued) return { kind: "queued", entry: queued };
  if (now.draft) return { kind: "draft" };
  if (now.mergeable === false || now.mergeable_state === "dirty") return { kind: "conflict" };
  if (!(await requiresMergeQueue(ctx, pull.number, pull.baseRef))) return { kind: "no_queue" };
  return { kind: "refused", message, mergeable: now.mergeable, mergeableState: now.mergeable_state };
}

/**
 * GraphQL `enqueuePullRequest` with `expectedHeadOid` = the judged head, so no other head is ever
 * queued: GitHub refuses when the head moved. Once queued, the head is recorded on the task in the
 * queue file (`merge_queue`), so later evaluations do not enqueue it again, and the PR's
 * "merge-decision" comment says so.
 */
export async function enqueueMerge(
  ctx: ConfiguredContext,
  entry: QueueEntry,
  pull: PullRead,
  sha: string,
  login: string,
): Promise<EnqueueOutcome> {
  const answer = await ctx.github.enqueuePull(pull.nodeId, sha);
  const outcome: EnqueueOutcome =
    answer.kind === "queued"
      ? { kind: "queued", entry: { state: answer.state, position: answer.position, headOid: answer.headOid } }
      : await whyRefused(ctx, pull, sha, answer.message);
  if (outcome.kind !== "queued") {
    ctx.log.info({ task: entry.id, pr: pull.number, outcome: outcome.kind }, "merge: not added to the merge queue");
    return outcome;
  }
  await commitQueueChange(ctx, ctx.config, {
    taskId: entry.id,
    note: `#${pull.number} in the merge queue of ${pull.baseRef}`,
    apply: (doc) =>
      recordEnqueued(doc, {
        taskId: entry.id,
        head: sha,
        base: pull.baseRef,
        actor: login,
        delivery: ctx.delivery,
        at: ctx.services.now().toISOString(),
      }),
  });
  const said = await ctx.github.upsertSticky({
    issueNumber: pull.number,
    key: "merge-decision",
    body: enqueuedText(entry.id, pull.baseRef, sha),
  });
  if (said.created || said.updated) noteDashboardChange(ctx);
  ctx.log.info(
    { task: entry.id, pr: pull.number, head: sha, position: outcome.entry.position },
    "merge: added to the merge queue",
  );
  return outcome;
}

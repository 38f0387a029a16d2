import { isStale, latestTime } from "../../core/progress/index.js";
import type { QueueEntry } from "../../core/queue/index.js";
import { isNotFound } from "../../github/index.js";
import type { RepoContext } from "../repo-context.js";

/**
 * When something last happened on an in-progress task: its last queue move, then (read only
 * while the task still looks stale, so a busy task costs no call) the issue's and the PR's
 * `updated_at` (comments, edits, labels; a push updates its PR) and the task branch's head
 * commit (a push before the PR exists).
 */
export async function lastTaskActivity(
  ctx: RepoContext,
  entry: QueueEntry,
  now: Date,
  staleAfterMs: number,
): Promise<Date | undefined> {
  const { github } = ctx;
  const times: (string | null | undefined)[] = [entry.history[entry.history.length - 1]?.at, entry.dispatched_at];
  const stillStale = (): boolean => isStale(latestTime(times), now, staleAfterMs);
  const reads: (() => Promise<string | null | undefined>)[] = [
    async () => (await github.getIssue(entry.issue)).updated_at,
    async () => (entry.pr === null ? undefined : (await github.getPull(entry.pr)).updated_at),
    async () => (entry.branch === null ? undefined : github.branchCommitDate(entry.branch)),
  ];
  for (const read of reads) {
    if (!stillStale()) break;
    try {
      times.push(await read());
    } catch (error) {
      if (!isNotFound(error)) throw error; // a deleted branch or PR is simply no activity
    }
  }
  return latestTime(times);
}

import { disarmCode } from "../../core/markdown/index.js";
import type { QueueEntry } from "../../core/queue/index.js";
import { cancelAgentRun } from "../agent-runs/cancel-agent-run.js";
import { moveTask } from "../move-task.js";
import type { ConfiguredContext } from "../repo-context.js";
import type { PullRead } from "./read-pull.js";

/** The start of the PR's "merge-decision" note while its base is another branch (`complete-merge` rewrites it). */
export const otherBaseLead = "Autopilot does not merge ";

/**
 * A task PR whose base is not the default branch. GitHub lets anyone with write access change a
 * PR's base: the agent could move its PR onto a branch of its own (no protection, no team CI) or
 * onto the app's state branch, so that the app merges it there, or merge it there itself, and have
 * the task recorded done though nothing reached the default branch. Open: nothing is merged, and
 * the PR says so until the base is set back (the next evaluation then merges as usual). Merged
 * there (by a person: the app merges nothing there): the task stops, `blocked`, and its issue and
 * PR say where it went. Closed unmerged: the closing's own job stops the task.
 */
export async function refuseOtherBase(
  ctx: ConfiguredContext,
  entry: QueueEntry,
  pull: Pick<PullRead, "number" | "baseRef" | "merged" | "state">,
  login: string,
): Promise<{ action: "skip"; reason: string }> {
  const base = disarmCode(pull.baseRef);
  const home = disarmCode(ctx.defaultBranch);
  if (pull.state === "closed" && !pull.merged) return { action: "skip", reason: "closed" };
  if (pull.merged) {
    const how = `was merged into ${base}`;
    await moveTask(ctx, entry, {
      to: "blocked",
      actor: login,
      reason: `its pull request #${pull.number} was merged into ${pull.baseRef}, not into ${ctx.defaultBranch}`,
    });
    await cancelAgentRun(ctx, entry);
    const body = `Autopilot stopped ${entry.id}: its pull request #${pull.number} ${how}, not into ${home}, so nothing of it reached ${home} and the task is not done. Its scope is free for other tasks; an owner decides what happens to the work (\`/retry\` starts it again on a new branch).`;
    for (const issueNumber of [entry.issue, pull.number])
      await ctx.github.upsertSticky({ issueNumber, key: "task-stopped", author: login, body });
    return { action: "skip", reason: `merged into ${pull.baseRef}, not ${ctx.defaultBranch}` };
  }
  const body = `${otherBaseLead}${entry.id} while its base is ${base}: task pull requests merge into ${home} only (the queue, the gates and the owners' approvals are about ${home}). Set the base back to ${home} (**Edit**, next to the title) and the merge is evaluated again.`;
  await ctx.github.upsertSticky({ issueNumber: pull.number, key: "merge-decision", author: login, body });
  return { action: "skip", reason: `its base is ${pull.baseRef}, not ${ctx.defaultBranch}` };
}

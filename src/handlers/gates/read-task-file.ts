import type { Config } from "../../config/index.js";
import { parseQueue, taskOfPull, type PullIdentity, type QueueEntry } from "../../core/queue/index.js";
import { taskFilePath, taskIdFromBranch as taskIdOf } from "../../core/task/index.js";
import type { RepoContext } from "../repo-context.js";
import { readQueueText } from "../task-state.js";

/**
 * A pull request's task, as the queue on the default branch records it (`taskOfPull`): the entry
 * is the spec the change is judged against. `taskFile` is the task file Autopilot committed on the
 * branch, as it is at the head (read by the gates only, to check the PR left it as written).
 */
export type TaskLookup =
  | { kind: "task"; entry: QueueEntry; taskFile: { path: string; text: string | undefined } }
  | { kind: "none"; reason: string };

/** `T-12` from `autopilot/T-12-add-widgets` (the configured prefix), or undefined. */
export function taskIdFromBranch(config: Pick<Config, "branch_prefix">, branch: string): string | undefined {
  return taskIdOf(config.branch_prefix, branch);
}

/** Where the task file of the task a branch is named after would be (a fork's branch has none). */
export function taskFilePathOf(config: Pick<Config, "branch_prefix" | "task_dir">, branch: string): string | undefined {
  const taskId = taskIdFromBranch(config, branch);
  return taskId === undefined ? undefined : taskFilePath(config.task_dir, taskId);
}

/** The lookup from the queue's text on the default branch and the task file's text at the head. */
export function taskLookupOf(
  config: Config,
  pull: PullIdentity,
  queueText: string,
  taskFileText: string | undefined,
): TaskLookup {
  const found = taskOfPull(parseQueue(queueText).doc, config.branch_prefix, pull);
  if (found.kind === "none") return found;
  return {
    kind: "task",
    entry: found.entry,
    taskFile: { path: taskFilePath(config.task_dir, found.entry.id), text: taskFileText },
  };
}

/** The task of a pull request for the review and the commands: one read of the queue, no task file. */
export async function readPullTask(ctx: RepoContext, config: Config, pull: PullIdentity): Promise<TaskLookup> {
  return taskLookupOf(config, pull, await readQueueText(ctx, config), undefined);
}

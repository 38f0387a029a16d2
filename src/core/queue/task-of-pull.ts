import { taskIdFromBranch } from "../task/task-branch-name.js";
import type { QueueDocument } from "./queue-document.js";
import { getEntry } from "./queue-document.js";
import type { QueueEntry } from "./queue-entry.js";

/** What decides whether a pull request is a task's: its number, its head branch, where the branch lives. */
export interface PullIdentity {
  number: number;
  headRef: string;
  /** the head branch is in another repository (a fork, or a fork since deleted) */
  fromFork: boolean;
}

export type PullTask = { kind: "task"; entry: QueueEntry } | { kind: "none"; reason: string };

const none = (reason: string): PullTask => ({ kind: "none", reason });

/**
 * The task a pull request works on, as the queue on the default branch records it. A branch name
 * proves nothing (anyone can push `autopilot/T-12-x`, a fork can name its branch so): the queue
 * entry of the task the branch names must record this very branch, and this pull request (or no
 * pull request yet: the app records it right after opening it). A fork's pull request is never a
 * task, whatever its branch is called. Gates, review and merge all decide by this one rule.
 */
export function taskOfPull(doc: QueueDocument, branchPrefix: string, pull: PullIdentity): PullTask {
  if (pull.fromFork) return none("the pull request comes from a fork");
  const taskId = taskIdFromBranch(branchPrefix, pull.headRef);
  if (taskId === undefined) return none("its branch is not named like a task branch");
  const entry = getEntry(doc, taskId);
  if (!entry) return none(`the queue records no task ${taskId}`);
  if (entry.branch !== pull.headRef) {
    return none(`the queue records ${taskId} on ${entry.branch === null ? "no branch" : `\`${entry.branch}\``}, not on this one`);
  }
  if (entry.pr !== null && entry.pr !== pull.number) {
    return none(`the queue records #${entry.pr} as the pull request of ${taskId}, not #${pull.number}`);
  }
  return { kind: "task", entry };
}

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

type RepoOfPull = { full_name?: string; id?: number } | null | undefined;

/**
 * Whether a pull request (REST or webhook shape) comes from a fork: its head repository is not
 * its base's, or is gone (a deleted fork), or cannot be told (then it is not trusted as a task).
 */
export function isForkPull(pull: { head: { repo?: RepoOfPull }; base: { repo?: RepoOfPull } }): boolean {
  const head = pull.head.repo;
  const base = pull.base.repo;
  if (!head || !base) return true;
  if (head.id !== undefined && base.id !== undefined) return head.id !== base.id;
  return head.full_name === undefined || head.full_name.toLowerCase() !== base.full_name?.toLowerCase();
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
    return none(
      `the queue records ${taskId} on ${entry.branch === null ? "no branch" : `\`${entry.branch}\``}, not on this one`,
    );
  }
  if (entry.pr !== null && entry.pr !== pull.number) {
    return none(`the queue records #${entry.pr} as the pull request of ${taskId}, not #${pull.number}`);
  }
  return { kind: "task", entry };
}

import type { Config } from "../../config/index.js";
import { parseTaskFile, taskFilePath, type TaskFileFrontMatter } from "../../core/task/index.js";
import { readTextFile } from "../../github/index.js";
import type { RepoContext } from "../repo-context.js";

export type TaskLookup =
  | { kind: "task"; task: TaskFileFrontMatter; path: string }
  | { kind: "none" }
  | { kind: "invalid"; path: string; errors: string[] };

/** `T-12` from `autopilot/T-12-add-widgets` (the configured prefix), or undefined. */
export function taskIdFromBranch(config: Pick<Config, "branch_prefix">, branch: string): string | undefined {
  if (!branch.startsWith(config.branch_prefix)) return undefined;
  const match = /^T-([1-9]\d*)(?:-|$)/.exec(branch.slice(config.branch_prefix.length));
  return match ? `T-${match[1]}` : undefined;
}

/**
 * The task a branch works on: its task file, read at the head commit. A branch named like a task
 * branch whose file is missing is not a task branch (someone else's branch); a file that does not
 * parse is reported, because the gates would otherwise judge the change against nothing.
 */
export async function readTaskFile(ctx: RepoContext, config: Config, branch: string, headSha: string): Promise<TaskLookup> {
  const path = taskFilePathOf(config, branch);
  if (path === undefined) return { kind: "none" };
  return taskLookupOf(path, await readTextFile(ctx.octokit, { owner: ctx.owner, repo: ctx.repo, path, ref: headSha }));
}

/** Where a branch's task file is, when the branch is named like a task branch. */
export function taskFilePathOf(config: Pick<Config, "branch_prefix" | "task_dir">, branch: string): string | undefined {
  const taskId = taskIdFromBranch(config, branch);
  return taskId === undefined ? undefined : taskFilePath(config.task_dir, taskId);
}

/** The lookup from the task file's text at `path` (undefined: the file does not exist). */
export function taskLookupOf(path: string, text: string | undefined): TaskLookup {
  if (text === undefined) return { kind: "none" };
  const parsed = parseTaskFile(text);
  return parsed.ok ? { kind: "task", task: parsed.frontMatter, path } : { kind: "invalid", path, errors: parsed.errors };
}

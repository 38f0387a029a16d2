import { emptyCrosswalk, parseCrosswalk, serializeCrosswalk, updateCrosswalk } from "../../core/concordance/index.js";
import type { ChangedFile } from "../../core/changed-file.js";
import { planPath } from "../../core/plan/index.js";
import { renderRecords } from "../../core/progress/index.js";
import { getEntry, type QueueDocument } from "../../core/queue/index.js";
import {
  type CommitWithCasOptions,
  isNotFound,
  type ReadAlong,
  type ReadAtBase,
  statusOf,
} from "../../github/index.js";
import type { ConfiguredContext } from "../repo-context.js";
import {
  extendsRecordsOnly,
  keepRecordsOnly,
  lastRecordsOnly,
  recordsBranchOf,
  restartRecordsBranch,
} from "./records-only.js";

export { progressPath } from "../../core/progress/index.js";

export { recordsBranchOf } from "./records-only.js";

export const recordsTitle = "Autopilot records: progress and crosswalk";

/** A task just merged, as the records need it. */
export interface RecordedTask {
  taskId: string;
  files: ChangedFile[];
}

/**
 * The files the default branch carries about finished work: `docs/PROGRESS.md` regenerated from
 * the queue, `docs/OUTLINE.md` from the plan of record (`ops/por.json`, read from the default
 * branch: people change it there through reviewed pull requests, never through a task's branch)
 * when there is one, and the crosswalk with the merged task's files (only when the task names
 * blueprint ids). Derived from what `read` finds, so applying it twice changes nothing.
 */
export async function recordsUpdate(
  ctx: ConfiguredContext,
  queue: QueueDocument,
  task: RecordedTask,
  repoUrl: string,
  read: (path: string) => Promise<string | undefined>,
  now: Date,
  plan?: ReadAlong,
): Promise<Record<string, string>> {
  const { config } = ctx;
  const entry = getEntry(queue, task.taskId);
  const planText = plan !== undefined ? plan.text : await ctx.github.readFile(planPath, ctx.defaultBranch);
  const refs = entry?.refs ?? [];
  const crosswalkPath = config.concordance.index_paths.crosswalk;
  let crosswalk = emptyCrosswalk();
  const files: Record<string, string> = {};
  if (refs.length > 0 || planText !== undefined)
    crosswalk = parseCrosswalk(await read(crosswalkPath), crosswalkPath).crosswalk;
  if (refs.length > 0) {
    crosswalk = updateCrosswalk(crosswalk, {
      taskId: task.taskId,
      ids: refs,
      files: task.files,
      status: "done",
      exemptPaths: [...config.concordance.exempt_paths, "ops/**"],
    });
    files[crosswalkPath] = serializeCrosswalk(crosswalk);
  }
  const records = renderRecords({ queue, planText, crosswalk, repoUrl, now, queueFile: config.queue_file });
  return { ...records, ...files };
}

function recordsBody(defaultBranch: string, stateBranch: string): string {
  return [
    `Autopilot keeps this pull request up to date after every task it merges: \`docs/PROGRESS.md\` regenerated from the queue, \`docs/OUTLINE.md\` from the plan of record (\`ops/por.json\`) when the repository has one, and the blueprint crosswalk with the files each task changed.`,
    "",
    `The app does not push to \`${defaultBranch}\` (protection may forbid it, and every push there starts CI), so these records land when a maintainer merges this pull request. Nothing waits on it: the queue itself lives on \`${stateBranch}\`. Merge it whenever you like; the app opens a new one after the next task.`,
    "",
    "This pull request carries the app's records alone: a commit anyone else pushes to its branch is dropped, and the app says here what it dropped. Changes meant for the repository belong in pull requests of their own.",
  ].join("\n");
}

/** The open records pull request, if there is one. */
async function openRecordsPull(ctx: ConfiguredContext, branch: string): Promise<number | undefined> {
  const data = await ctx.github.listPullsFrom(`${ctx.owner}:${branch}`, {
    base: ctx.defaultBranch,
    state: "open",
    limit: 1,
  });
  return data[0]?.number;
}

/**
 * Lands the records of a merged task on the default branch through the app's records pull
 * request: one compare-and-swap commit on `<branch_prefix>records`, and the pull request opened
 * when none is. When this instance wrote the branch last, the commit's own request says whether
 * the pull request is still open (no listing); otherwise, or when it is not, it is looked for.
 * The branch carries the app's records alone: a commit landing on a head this instance does not
 * know to be so has the branch compared with the default branch, and started afresh when a
 * writer pushed to it (`keepRecordsOnly`). Resolves with the pull request's number (undefined
 * when nothing changed and none is open). `plan`: the plan of record as the done commit's own
 * request read it on the default branch (read here when not given). `carry`: the records commit's
 * first attempt sent in another request of the caller's (the follow-ups'), when this instance
 * wrote the branch last.
 */
export async function updateRecordsPull(
  ctx: ConfiguredContext,
  queue: QueueDocument,
  task: RecordedTask,
  repoUrl: string,
  now: Date,
  plan?: ReadAlong,
  carry?: CommitWithCasOptions["carry"],
): Promise<number | undefined> {
  const branch = recordsBranchOf(ctx.config);
  const last = ctx.services.knownCommits.head(`${ctx.owner}/${ctx.repo}`, branch);
  // where a branch holding a writer's push starts afresh: the app's own last head, when it held
  // the records alone (their entries not yet merged stay), else the default branch
  const keep = lastRecordsOnly(ctx, branch);
  const commit = {
    branch,
    message: `autopilot: records after ${task.taskId}\n\nTask: ${task.taskId}\n`,
    update: (read: ReadAtBase) => recordsUpdate(ctx, queue, task, repoUrl, read, now, plan),
  };
  // this instance wrote the branch last: commit first, and learn in that request whether its pull
  // request is still open (a person may have merged or closed it; then the branch starts afresh
  // below, which drops this commit)
  if (last !== undefined) {
    // a branch deleted with its merged pull request (GitHub's setting): started afresh below
    const carried = { ...commit, openPullInto: ctx.defaultBranch, ...(carry === undefined ? {} : { carry }) };
    const committed = await ctx.github.commitFiles(carried).catch((error) => {
      if (isNotFound(error)) return undefined;
      throw error;
    });
    if (committed?.sha !== undefined && typeof committed.openPull === "number") {
      // on the head it wrote last (the steady case) nothing else can have come in: no read
      if (
        !extendsRecordsOnly(ctx, committed.sha) &&
        (await keepRecordsOnly(ctx, { branch, head: committed.sha, pull: committed.openPull, keep }))
      ) {
        const again = await ctx.github.commitFiles(commit);
        if (again.sha !== undefined) extendsRecordsOnly(ctx, again.sha);
      }
      return committed.openPull;
    }
  }
  const open = await openRecordsPull(ctx, branch);
  if (open === undefined) await restartRecordsBranch(ctx, branch);
  else await keepRecordsOnly(ctx, { branch, pull: open, keep });
  const result = await ctx.github.commitFiles(commit);
  // a push between the comparison and this commit leaves it unknown: the next records commit compares again
  if (result.sha !== undefined) extendsRecordsOnly(ctx, result.sha);
  if (open !== undefined || result.sha === undefined) return open;
  try {
    const data = await ctx.github.createPull({
      head: branch,
      base: ctx.defaultBranch,
      title: recordsTitle,
      body: recordsBody(ctx.defaultBranch, ctx.config.state_branch),
    });
    return data.number;
  } catch (error) {
    // another replica opened it in the meantime: GitHub answers 422 "A pull request already exists"
    if (statusOf(error) !== 422) throw error;
    const opened = await openRecordsPull(ctx, branch);
    if (opened === undefined) throw error;
    return opened;
  }
}

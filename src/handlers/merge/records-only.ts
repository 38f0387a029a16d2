import type { Config } from "../../config/index.js";
import { normalizeLogin } from "../../core/merge/normalize-login.js";
import { outlinePath } from "../../core/plan/index.js";
import { progressPath } from "../../core/progress/index.js";
import { isAlreadyExists, isNotFound, type PullCommit, statusOf } from "../../github/index.js";
import type { GatedPull } from "../gates/gated-pull.js";
import type { ConfiguredContext } from "../repo-context.js";
import { droppedRecordsComment, foreignRecordsChanges, holdsForeign } from "./foreign-records-changes.js";

/** The branch of the app's records pull request: `<branch_prefix>records`. */
export const recordsBranchOf = (config: { branch_prefix: string }): string => `${config.branch_prefix}records`;

/** The files the records pull request may change: nothing else is the app's records. */
export const recordsPathsOf = (config: Pick<Config, "concordance">): string[] => [
  progressPath,
  outlinePath,
  config.concordance.index_paths.crosswalk,
];

const repositoryOf = (ctx: ConfiguredContext): string => `${ctx.owner}/${ctx.repo}`;

/**
 * Starts the records branch afresh at the default branch's head: the last records pull request
 * was merged (or closed), so what it carried is on the default branch or was declined. Or, when
 * the branch held what is not the app's, at `at`: a head of the app's records alone, so the
 * records not yet merged stay. Resolves with the head it starts from.
 */
export async function restartRecordsBranch(ctx: ConfiguredContext, branch: string, at?: string): Promise<string> {
  const { github } = ctx;
  const base = at ?? (await github.branchSha(ctx.defaultBranch));
  try {
    await github.resetBranch(branch, base);
  } catch (error) {
    // GitHub answers a missing ref with 422 "Reference does not exist" (404 on some versions)
    if (!isNotFound(error) && statusOf(error) !== 422) throw error;
    // another writer creating it at the same moment created it where this one would have
    await github.createBranch(branch, base).catch((created: unknown) => {
      if (!isAlreadyExists(created)) throw created;
    });
  }
  const known = ctx.services.knownCommits;
  // the default branch's head holds nothing against itself
  known.markRecordsOnly(repositoryOf(ctx), base);
  if (at !== undefined) known.setHead(repositoryOf(ctx), branch, at);
  return base;
}

/** The head this instance last wrote on the records branch, when it holds the app's records alone. */
export function lastRecordsOnly(ctx: ConfiguredContext, branch: string): string | undefined {
  const known = ctx.services.knownCommits;
  const last = known.head(repositoryOf(ctx), branch);
  return last !== undefined && known.isRecordsOnly(repositoryOf(ctx), last) ? last : undefined;
}

/**
 * Whether the app's records commit `sha` holds only the app's records: it is this instance's own
 * commit on a parent known to (the branch's fresh start, a head compared and found clean, or such
 * a commit before it). Then `sha` is known to as well; nothing is asked of GitHub.
 */
export function extendsRecordsOnly(ctx: ConfiguredContext, sha: string): boolean {
  const known = ctx.services.knownCommits;
  const own = known.ownCommit(repositoryOf(ctx), sha);
  if (own === undefined || !known.isRecordsOnly(repositoryOf(ctx), own.parent)) return false;
  known.markRecordsOnly(repositoryOf(ctx), sha);
  return true;
}

/**
 * Compares the records branch (at `head`, else where it points) with the default branch (one
 * read) and, when it holds a commit the app did not make or a change outside the records (a
 * writer's push to it), starts it afresh at `keep` (the app's last head of records alone; else the
 * default branch's head) and says on pull request `pull` what was dropped: a maintainer who merges
 * the app's records pull request must merge the app's records and nothing else. A commit is the
 * app's when this instance made it or GitHub links its author to the app's account; an author can
 * be forged by its email, which is why every path outside the records is dropped whoever wrote
 * it. Resolves true when it started the branch afresh (the caller commits the records again).
 */
export async function keepRecordsOnly(
  ctx: ConfiguredContext,
  { branch, head, pull, keep }: { branch: string; head?: string; pull: number; keep: string | undefined },
): Promise<boolean> {
  const known = ctx.services.knownCommits;
  const repository = repositoryOf(ctx);
  const [compared, login] = await Promise.all([
    // at the head's sha when known: the URL the gates read that head's change at, answered 304 then
    ctx.github.compareWithBase(ctx.defaultBranch, head ?? branch),
    ctx.services.login(),
  ]);
  const isOwn = (commit: PullCommit): boolean =>
    (commit.sha !== undefined && known.ownCommit(repository, commit.sha) !== undefined) ||
    normalizeLogin(commit.author?.login ?? "") === normalizeLogin(login);
  const found = foreignRecordsChanges(compared, recordsPathsOf(ctx.config), isOwn);
  if (!holdsForeign(found)) {
    const judged = head ?? compared.commits.at(-1)?.sha;
    if (judged !== undefined) known.markRecordsOnly(repository, judged);
    return false;
  }
  await restartRecordsBranch(ctx, branch, keep);
  await ctx.github.comment(pull, droppedRecordsComment(found, ctx.defaultBranch, keep));
  return true;
}

/**
 * After the gates judged a head of the records pull request: a head this instance does not know
 * to hold the app's records alone (a writer's push) has the branch compared and, when it holds
 * anything else, put back at once (see `keepRecordsOnly`) rather than at the next merged task, so
 * the pull request never waits for a merge with a writer's change in it. The app's own records
 * commits are known: nothing is asked of GitHub for them.
 */
export async function dropForeignRecordsPush(ctx: ConfiguredContext, pull: GatedPull): Promise<void> {
  const branch = recordsBranchOf(ctx.config);
  if (pull.fromFork || pull.baseRef !== ctx.defaultBranch || pull.headRef !== branch) return;
  if (ctx.services.knownCommits.isRecordsOnly(repositoryOf(ctx), pull.headSha)) return;
  await keepRecordsOnly(ctx, { branch, head: pull.headSha, pull: pull.number, keep: lastRecordsOnly(ctx, branch) });
}

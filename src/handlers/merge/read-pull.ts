import type { ConfiguredContext } from "../repo-context.js";
import { isForkPull } from "../../core/queue/index.js";
import { compareFileLimit, statusOf, type GithubDiffEntry } from "../../github/index.js";
import { commitAccountsOf } from "./commit-accounts-of.js";
import type { MergePullFacts } from "./gather-merge-input.js";

export type PullRead = MergePullFacts & {
  nodeId: string;
  mergeCommitSha: string | null;
  repoUrl: string;
  /** the base repository's node id (follow-up issues are opened by it), when GitHub said */
  repoNodeId?: string;
  fromFork: boolean;
  /** its labels as GitHub has them now, when GitHub said */
  labels?: string[];
  /**
   * the accounts of all its commits' authors and committers, when the compare with the base
   * listed every commit of this head (undefined: list the PR's commits when they matter)
   */
  commitAccounts?: string[];
  /**
   * the files this head changes from its merge base, when that compare showed them all (GitHub
   * shows at most 300); undefined: list the PR's files when they matter
   */
  changedFiles?: GithubDiffEntry[];
};

interface PullShape {
  mergeable_state: string;
  state: string;
  draft?: boolean;
  base: { ref: string };
  head: { sha: string };
}

/**
 * Whether the base has commits the head lacks. GitHub says `behind` only when the base's
 * protection requires an up-to-date head; otherwise it says `clean`/`unstable` and the app asks
 * the compare API, so a task is still brought up to date (and CI run on what will land) first.
 * That compare lists the PR's commits and files (merge base to head) too: when it shows all of
 * them, the commits' accounts and the changed files come with it, so neither the merge policy nor
 * the records after the merge list the PR's commits or files again.
 */
async function compareWithBase(
  ctx: ConfiguredContext,
  data: PullShape,
): Promise<{ behindBase: boolean; commitAccounts?: string[]; changedFiles?: GithubDiffEntry[] }> {
  if (data.mergeable_state === "behind") return { behindBase: true };
  if (data.state !== "open" || data.draft === true || data.mergeable_state === "dirty") return { behindBase: false };
  try {
    const compared = await ctx.github.compareWithBase(data.base.ref, data.head.sha);
    const complete = compared.commits.length >= compared.totalCommits;
    return {
      behindBase: compared.behindBy > 0,
      ...(complete ? { commitAccounts: commitAccountsOf(compared.commits) } : {}),
      ...(compared.files.length < compareFileLimit ? { changedFiles: compared.files } : {}),
    };
  } catch (error) {
    // a base branch deleted meanwhile: nothing to catch up with
    if (statusOf(error) === 404) return { behindBase: false };
    throw error;
  }
}

/** The pull request as GitHub has it now: the merge policy never trusts a webhook's copy. */
export async function readPull(ctx: ConfiguredContext, pullNumber: number): Promise<PullRead> {
  const data = await ctx.github.getPull(pullNumber);
  return {
    ...(await compareWithBase(ctx, data)),
    number: data.number,
    nodeId: data.node_id,
    draft: data.draft ?? false,
    state: data.state === "closed" ? "closed" : "open",
    merged: data.merged,
    headSha: data.head.sha,
    headRef: data.head.ref,
    baseRef: data.base.ref,
    mergeable: data.mergeable,
    mergeableState: data.mergeable_state,
    author: { login: data.user.login, type: data.user.type },
    mergeCommitSha: data.merge_commit_sha,
    repoUrl: data.base.repo.html_url,
    ...(data.base.repo.node_id === undefined ? {} : { repoNodeId: data.base.repo.node_id }),
    fromFork: isForkPull(data),
    ...(data.review_comments === undefined ? {} : { reviewComments: data.review_comments }),
    ...(data.labels === undefined ? {} : { labels: data.labels.map((label) => label.name) }),
  };
}

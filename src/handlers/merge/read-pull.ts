import type { ConfiguredContext } from "../repo-context.js";
import { isForkPull } from "../../core/queue/index.js";
import type { MergePullFacts } from "./gather-merge-input.js";

export type PullRead = MergePullFacts & { nodeId: string; mergeCommitSha: string | null; repoUrl: string; fromFork: boolean };

/** The pull request as GitHub has it now: the merge policy never trusts a webhook's copy. */
export async function readPull(ctx: ConfiguredContext, pullNumber: number): Promise<PullRead> {
  const { data } = await ctx.octokit.rest.pulls.get({ owner: ctx.owner, repo: ctx.repo, pull_number: pullNumber });
  return {
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
    fromFork: isForkPull(data),
  };
}

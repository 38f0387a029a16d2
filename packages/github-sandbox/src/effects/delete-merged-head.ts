import type { Changes } from "../events/index.js";
import { changeBase } from "../rest/pulls/update-pull.js";
import type { RestContext } from "../rest/rest-context.js";
import type { IssueState, RepoState, SandboxUser } from "../state/index.js";
import { activeRulesFor } from "../state/rulesets.js";

/** A branch GitHub's automatic deletion leaves alone: a protected one (classic protection or a ruleset's `deletion` rule). */
const keptByProtection = (repo: RepoState, branch: string): boolean =>
  repo.protections.has(branch) || activeRulesFor(repo, branch).some(({ rule }) => rule.type === "deletion");

/**
 * "Automatically delete head branches" (`delete_branch_on_merge`): once a pull request merged,
 * GitHub deletes its head branch when it lives in the same repository, is not the default branch,
 * no protection keeps it, and it still points at the merged head. Open pull requests based on it
 * are first moved to the merged one's base (`pull_request.edited`, `changes.base`), as GitHub
 * retargets them. The deletion is a push (`push` with `deleted: true`, `delete`) by whoever merged.
 */
export async function deleteMergedHead(
  ctx: RestContext,
  repo: RepoState,
  merged: IssueState,
  sender: SandboxUser,
): Promise<void> {
  const pull = merged.pull;
  if (!pull || !repo.mergeSettings.deleteBranchOnMerge || pull.head.repo !== undefined) return;
  const branch = pull.head.ref;
  if (branch === repo.defaultBranch || keptByProtection(repo, branch)) return;
  const ref = `refs/heads/${branch}`;
  const before = await repo.git.getRef(ref);
  if (before === undefined || before !== pull.head.sha) return;
  for (const issue of repo.issues.values()) {
    if (issue.state !== "open" || issue.pull?.base.ref !== branch) continue;
    const changes: Changes = {};
    await changeBase(repo, issue as Parameters<typeof changeBase>[1], pull.base.ref, changes);
    ctx.events.emit({ name: "pull_request", action: "edited", repo, sender, pull: issue, changes });
  }
  await repo.git.deleteRef(ref);
  await ctx.refMoved(repo, { ref, before, after: undefined, forced: false, sender });
}

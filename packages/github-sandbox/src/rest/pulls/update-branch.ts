import { GitStoreError } from "../../git/index.js";
import { SandboxHttpError, type SandboxRequest, type SandboxResponse } from "../../http/index.js";
import { pullUrls } from "../../represent/pull-request.js";
import { actorOf, linksOf, type RestContext } from "../rest-context.js";
import { assertPushAllowed } from "../repos/protected-push.js";
import { assertMayMoveWorkflows } from "../repos/workflow-permission.js";
import { findPull, gitPerson, pullRepo } from "./pull-access.js";
import { githubCommitter } from "../../state/pull-analysis.js";

const staleHead = (): SandboxHttpError => new SandboxHttpError(422, "expected head sha didn't match current head ref.");

/**
 * `PUT /pulls/{n}/update-branch`: merges the base branch into the head branch (a merge commit
 * with parents [head, base], "Merge branch 'main' into feature") and moves the head branch, which
 * pushes and synchronizes the pull request. 422 when `expected_head_sha` is not the head, when
 * base has nothing new, or on a conflict. GitHub answers 202 and updates in the background; the
 * sandbox has finished by the time it answers.
 */
export async function updatePullBranch(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = pullRepo(ctx, request, { write: true });
  const issue = findPull(repo, request.params.pull_number);
  const expected = (request.body as { expected_head_sha?: string } | undefined)?.expected_head_sha;
  if (issue.state !== "open") throw new SandboxHttpError(422, "Cannot update a closed pull request.");
  const { head, base } = issue.pull;
  const headRef = `refs/heads/${head.ref}`;
  const [headSha, baseSha] = await Promise.all([repo.git.getRef(headRef), repo.git.getRef(`refs/heads/${base.ref}`)]);
  if (headSha === undefined) throw new SandboxHttpError(422, "head ref does not exist");
  if (baseSha === undefined) throw new SandboxHttpError(422, "base ref does not exist");
  if (expected !== undefined && expected !== headSha) throw staleHead();
  if (await repo.git.isAncestor(baseSha, headSha))
    throw new SandboxHttpError(422, "There are no new commits on the base branch.");

  const sender = actorOf(ctx, request.principal);
  const merged = await repo.git.merge({
    base: headSha,
    head: baseSha,
    method: "merge",
    message: `Merge branch '${base.ref}' into ${head.ref}`,
    author: gitPerson(sender),
    committer: githubCommitter,
  });
  if (!merged.ok) throw new SandboxHttpError(422, "merge conflict between base and head");
  await assertPushAllowed(ctx, repo, request.principal, { ref: headRef, after: merged.sha, forced: false });
  // a base that changed a workflow brings that change into the head: refused to an app without the permission
  await assertMayMoveWorkflows(repo, request.principal, headSha, merged.sha, 403);
  try {
    await repo.git.updateRef(headRef, merged.sha, { expectedOld: headSha });
  } catch (error) {
    if (error instanceof GitStoreError && error.status === 409) throw staleHead();
    throw error;
  }
  await ctx.refMoved(repo, { ref: headRef, before: headSha, after: merged.sha, forced: false, sender });
  return {
    status: 202,
    body: { message: "Updating pull request branch.", url: pullUrls(repo, issue.number, linksOf(request)).url },
  };
}

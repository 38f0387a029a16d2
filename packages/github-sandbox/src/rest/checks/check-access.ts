import type { SandboxRequest } from "../../http/index.js";
import { SandboxHttpError } from "../../http/index.js";
import type { CheckRunState, CheckSuiteState, RepoState } from "../../state/index.js";
import { requireRepo, type PermissionName, type RestContext } from "../rest-context.js";

/**
 * The repository for a Checks API write. GitHub lets only GitHub Apps write checks: a user token
 * that can see the repository is refused with "You must authenticate via a GitHub App."
 */
export function requireCheckWriter(ctx: RestContext, request: SandboxRequest): RepoState {
  if (request.principal.kind === "user") {
    requireRepo(ctx, request, { permission: "checks", write: false });
    throw new SandboxHttpError(403, "You must authenticate via a GitHub App.");
  }
  return requireRepo(ctx, request, { permission: "checks", write: true });
}

/** The repository for reading `permission`-guarded data (checks, statuses, actions). */
export const requireReader = (ctx: RestContext, request: SandboxRequest, permission: PermissionName): RepoState =>
  requireRepo(ctx, request, { permission, write: false });

/** GitHub's answer for a sha or ref that names no commit of the repository. */
export const noCommit = (ref: string): SandboxHttpError => new SandboxHttpError(422, `No commit found for SHA: ${ref}`);

/** The commit a `{ref}` path parameter (sha, branch or tag) names. */
export async function resolveCommitRef(repo: RepoState, ref: string): Promise<string> {
  const sha = await repo.git.resolveCommit(ref);
  if (sha === undefined) throw noCommit(ref);
  return sha;
}

export function findRun(repo: RepoState, id: unknown): CheckRunState {
  const run = repo.checkRuns.get(Number(id));
  if (!run) throw new SandboxHttpError(404, "Not Found");
  return run;
}

export function findSuite(repo: RepoState, id: unknown): CheckSuiteState {
  const suite = repo.checkSuites.get(Number(id));
  if (!suite) throw new SandboxHttpError(404, "Not Found");
  return suite;
}

/** The branch a commit heads, for a suite GitHub creates without a push: the default branch first. */
export async function branchAt(repo: RepoState, sha: string): Promise<string | null> {
  if ((await repo.git.getRef(`refs/heads/${repo.defaultBranch}`)) === sha) return repo.defaultBranch;
  const heads = await repo.git.listRefs("heads/");
  const hit = heads.find((ref) => ref.sha === sha);
  return hit ? hit.ref.replace(/^refs\/heads\//, "") : null;
}

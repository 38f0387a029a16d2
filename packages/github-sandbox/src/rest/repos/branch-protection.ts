import { SandboxHttpError, type SandboxRequest } from "../../http/index.js";
import { branchProtectionJson } from "../../represent/branch-protection.js";
import type { BranchProtectionState, RepoState, RequiredCheck } from "../../state/index.js";
import type { HandlerRegistry, RestContext } from "../rest-context.js";
import { linksOf, requireRepo } from "../rest-context.js";
import { pushRestrictionsOf, type RestrictionsBody } from "./push-restrictions.js";

interface ProtectionBody {
  required_status_checks: {
    strict: boolean;
    contexts: string[];
    checks?: { context: string; app_id?: number }[];
  } | null;
  enforce_admins: boolean | null;
  required_pull_request_reviews: {
    dismiss_stale_reviews?: boolean;
    require_code_owner_reviews?: boolean;
    required_approving_review_count?: number;
    require_last_push_approval?: boolean;
  } | null;
  restrictions: RestrictionsBody | null;
  required_linear_history?: boolean;
  allow_force_pushes?: boolean | null;
  allow_deletions?: boolean;
  required_conversation_resolution?: boolean;
  lock_branch?: boolean;
}

/**
 * The repository, for an administrator only: an installation needs the `administration` permission
 * (403 "Resource not accessible by integration" otherwise), a user the admin role.
 */
export function requireAdmin(ctx: RestContext, request: SandboxRequest, write: boolean): RepoState {
  const repo = requireRepo(ctx, request, { permission: "administration", write });
  const { principal } = request;
  if (principal.kind === "user" && ctx.state.permissionOf(repo, principal.login) !== "admin") {
    throw new SandboxHttpError(403, "Must have admin rights to Repository.");
  }
  return repo;
}

/** The `{branch}` of the path, 404 "Branch not found" when there is none. */
export async function existingBranch(repo: RepoState, request: SandboxRequest): Promise<string> {
  const branch = String(request.params.branch);
  if ((await repo.git.getRef(`refs/heads/${branch}`)) === undefined)
    throw new SandboxHttpError(404, "Branch not found");
  return branch;
}

/** The app whose check run of that name is the newest in the repository: GitHub pins a check to it. */
function recentAppOf(repo: RepoState, context: string): number | null {
  const runs = [...repo.checkRuns.values()].filter((run) => run.name === context);
  const newest = runs.at(-1);
  return newest === undefined ? null : (repo.checkSuites.get(newest.suiteId)?.appId ?? null);
}

function requiredChecksOf(
  repo: RepoState,
  body: NonNullable<ProtectionBody["required_status_checks"]>,
): RequiredCheck[] {
  const listed = body.checks ?? body.contexts.map((context) => ({ context, app_id: undefined }));
  return listed.map(({ context, app_id: appId }) => ({
    context,
    appId: appId === -1 ? null : (appId ?? recentAppOf(repo, context)),
  }));
}

function protectionOf(
  ctx: RestContext,
  repo: RepoState,
  body: ProtectionBody,
  previous: BranchProtectionState | undefined,
): BranchProtectionState {
  const reviews = body.required_pull_request_reviews;
  const count = reviews?.required_approving_review_count ?? 1;
  if (count < 0 || count > 6) {
    throw new SandboxHttpError(
      422,
      `Invalid request.\n\n${count} must be between 0 and 6 for required_approving_review_count.`,
    );
  }
  const checks = body.required_status_checks;
  return {
    requiredStatusChecks: checks ? { strict: checks.strict, checks: requiredChecksOf(repo, checks) } : null,
    enforceAdmins: body.enforce_admins === true,
    requiredReviews: reviews
      ? {
          count,
          codeOwners: reviews.require_code_owner_reviews === true,
          dismissStale: reviews.dismiss_stale_reviews === true,
          lastPushApproval: reviews.require_last_push_approval === true,
        }
      : null,
    restrictions: pushRestrictionsOf(ctx, repo, body.restrictions, previous?.restrictions),
    allowForcePushes: body.allow_force_pushes === true,
    allowDeletions: body.allow_deletions === true,
    requiredLinearHistory: body.required_linear_history === true,
    requiredConversationResolution: body.required_conversation_resolution === true,
    lockBranch: body.lock_branch === true,
  };
}

/** `PUT`, `GET` and `DELETE /branches/{branch}/protection`: classic branch protection, for administrators. */
export function registerBranchProtectionHandlers(server: HandlerRegistry, ctx: RestContext): void {
  server.register("repos/update-branch-protection", async (request) => {
    const repo = requireAdmin(ctx, request, true);
    const branch = await existingBranch(repo, request);
    const protection = protectionOf(ctx, repo, request.body as ProtectionBody, repo.protections.get(branch));
    repo.protections.set(branch, protection);
    ctx.mergeQueue.reconsider(repo);
    return { status: 200, body: branchProtectionJson(ctx.state, repo, branch, protection, linksOf(request)) };
  });

  server.register("repos/get-branch-protection", async (request) => {
    const repo = requireAdmin(ctx, request, false);
    const branch = await existingBranch(repo, request);
    const protection = repo.protections.get(branch);
    if (!protection) throw new SandboxHttpError(404, "Branch not protected");
    return { status: 200, body: branchProtectionJson(ctx.state, repo, branch, protection, linksOf(request)) };
  });

  server.register("repos/delete-branch-protection", async (request) => {
    const repo = requireAdmin(ctx, request, true);
    const branch = await existingBranch(repo, request);
    if (!repo.protections.delete(branch)) throw new SandboxHttpError(404, "Branch not protected");
    ctx.mergeQueue.reconsider(repo);
    return { status: 204 };
  });
}

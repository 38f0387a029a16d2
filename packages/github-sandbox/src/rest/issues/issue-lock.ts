import type { SandboxRequest } from "../../http/index.js";
import type { IssueState } from "../../state/index.js";
import type { HandlerRegistry, RestContext } from "../rest-context.js";
import { findIssue, issuesRepo, requireRole } from "./issue-access.js";

type LockReason = NonNullable<IssueState["lockReason"]>;

/**
 * `issues/lock` and `issues/unlock`: locking a conversation needs push access (403 "Must have
 * admin rights to Repository." below it); both answer 204, also when nothing changes. GitHub's
 * `issues.locked`/`unlocked` webhooks are not part of the sandbox's events.
 */
export function registerIssueLockHandlers(server: HandlerRegistry, ctx: RestContext): void {
  const lockTo = (locked: boolean) => async (request: SandboxRequest) => {
    const { repo } = issuesRepo(ctx, request);
    const issue = findIssue(ctx, request, repo, Number(request.params.issue_number));
    requireRole(ctx, request, repo, "write", { issue });
    const reason = locked
      ? ((request.body as { lock_reason?: LockReason } | null | undefined)?.lock_reason ?? null)
      : null;
    if (issue.locked !== locked || (issue.lockReason ?? null) !== reason) {
      issue.locked = locked;
      issue.lockReason = reason;
      issue.updatedAt = ctx.state.iso();
    }
    return { status: 204 };
  };
  server.register("issues/lock", lockTo(true));
  server.register("issues/unlock", lockTo(false));
}

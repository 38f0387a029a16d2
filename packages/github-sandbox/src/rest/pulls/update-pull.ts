import type { Changes } from "../../events/index.js";
import { SandboxHttpError, type SandboxRequest, type SandboxResponse } from "../../http/index.js";
import { pullRequestJson } from "../../represent/pull-request.js";
import type { RepoState, SandboxUser } from "../../state/index.js";
import { checkBody, checkTitle } from "../issues/issue-fields.js";
import { actorOf, linksOf, type RestContext } from "../rest-context.js";
import { canPush, findPull, pullRepo, pullValidationError, touch, type PullIssue } from "./pull-access.js";

interface UpdateBody {
  title?: string;
  body?: string;
  state?: "open" | "closed";
  base?: string;
  maintainer_can_modify?: boolean;
}

/** A new base branch: it must exist, and only an open pull request may move to it. */
export async function changeBase(repo: RepoState, issue: PullIssue, base: string, changes: Changes): Promise<void> {
  if (issue.state !== "open") {
    throw pullValidationError({
      field: "base",
      code: "invalid",
      message: "Cannot change the base branch of a closed pull request.",
    });
  }
  const sha = await repo.git.getRef(`refs/heads/${base}`);
  if (sha === undefined) throw pullValidationError({ field: "base", code: "invalid" });
  // GitHub's `changes.base` nests the old ref and sha: { ref: { from }, sha: { from } }
  const previous = { ref: { from: issue.pull.base.ref }, sha: { from: issue.pull.base.sha } };
  changes.base = previous as unknown as { from: unknown };
  issue.pull.base = { ref: base, sha };
}

/** Closing or reopening: a merged pull request stays closed, and reopening needs the head branch. */
async function changeState(
  ctx: RestContext,
  repo: RepoState,
  issue: PullIssue,
  state: "open" | "closed",
  sender: SandboxUser,
): Promise<boolean> {
  if (state === issue.state) return false;
  const now = ctx.state.iso();
  if (state === "closed") {
    Object.assign(issue, { state, closedAt: now, closedBy: sender });
    return true;
  }
  if (issue.pull.merged) {
    throw pullValidationError({
      field: "state",
      code: "custom",
      message: "state cannot be changed. The pull request has already been merged.",
    });
  }
  const head = await repo.git.getRef(`refs/heads/${issue.pull.head.ref}`);
  if (head === undefined) {
    throw pullValidationError({
      field: "state",
      code: "custom",
      message: `state cannot be changed. The ${issue.pull.head.ref} branch has been deleted.`,
    });
  }
  issue.pull.head.sha = head;
  issue.pull.base.sha = (await repo.git.getRef(`refs/heads/${issue.pull.base.ref}`)) ?? issue.pull.base.sha;
  Object.assign(issue, { state, closedAt: null, closedBy: null });
  return true;
}

/**
 * `PATCH /pulls/{n}`: title, body, base, state. The author or anyone with push access may edit.
 * Emits `pull_request.edited` with the previous values, then `closed` or `reopened`.
 */
export async function updatePull(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = pullRepo(ctx, request, { write: true, push: false });
  const issue = findPull(repo, request.params.pull_number);
  const sender = actorOf(ctx, request.principal);
  if (!canPush(ctx, repo, request) && sender.id !== issue.user.id) {
    throw new SandboxHttpError(403, "Must have push access to this repository.");
  }
  const body = (request.body ?? {}) as UpdateBody;
  // checked before anything changes, so a refused edit leaves the pull request as it was
  if (body.title !== undefined) checkTitle(body.title);
  if (body.body !== undefined) checkBody(body.body, "Issue");
  const changes: Changes = {};
  if (body.base !== undefined && body.base !== issue.pull.base.ref) await changeBase(repo, issue, body.base, changes);
  const stateChanged = body.state === undefined ? false : await changeState(ctx, repo, issue, body.state, sender);
  if (body.title !== undefined && body.title !== issue.title) {
    changes.title = { from: issue.title };
    issue.title = body.title;
  }
  if (body.body !== undefined && body.body !== issue.body) {
    changes.body = { from: issue.body ?? "" };
    issue.body = body.body;
  }
  if (body.maintainer_can_modify !== undefined) issue.pull.maintainerCanModify = body.maintainer_can_modify;
  if (Object.keys(changes).length > 0 || stateChanged || body.maintainer_can_modify !== undefined) touch(ctx, issue);

  if (Object.keys(changes).length > 0)
    ctx.events.emit({ name: "pull_request", action: "edited", repo, sender, pull: issue, changes });
  if (stateChanged) {
    const action = issue.state === "closed" ? "closed" : "reopened";
    ctx.events.emit({ name: "pull_request", action, repo, sender, pull: issue });
  }
  return { status: 200, body: await pullRequestJson(repo, issue, linksOf(request)) };
}

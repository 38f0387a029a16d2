import { SandboxHttpError, type SandboxRequest, type SandboxResponse } from "../../http/index.js";
import { userJson } from "../../represent/index.js";
import { pullRequestSimpleJson } from "../../represent/pull-request.js";
import type { SandboxUser } from "../../state/index.js";
import { linksOf, type RestContext } from "../rest-context.js";
import { findPull, pullRepo, touch } from "./pull-access.js";

interface ReviewersBody {
  reviewers?: string[];
  team_reviewers?: string[];
}

function noTeams(body: ReviewersBody): void {
  if (body.team_reviewers !== undefined && body.team_reviewers.length > 0) {
    throw new SandboxHttpError(422, "sandbox: team review requests are not implemented (the sandbox has no teams)");
  }
}

/**
 * `POST /pulls/{n}/requested_reviewers`: only collaborators may be asked, and never the author.
 * (GitHub's `pull_request.review_requested` webhook is not among the sandbox's events.)
 */
export async function requestReviewers(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = pullRepo(ctx, request, { write: true });
  const issue = findPull(repo, request.params.pull_number);
  const body = (request.body ?? {}) as ReviewersBody;
  noTeams(body);
  const users: SandboxUser[] = [];
  for (const login of body.reviewers ?? []) {
    const user = ctx.state.getUser(login);
    if (!user || ctx.state.permissionOf(repo, user.login) === "none") {
      const message = `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${repo.fullName} repository.`;
      throw new SandboxHttpError(422, message);
    }
    if (user.id === issue.user.id)
      throw new SandboxHttpError(422, "Review cannot be requested from pull request author.");
    users.push(user);
  }
  for (const user of users) {
    if (!issue.pull.requestedReviewers.some((known) => known.id === user.id)) issue.pull.requestedReviewers.push(user);
  }
  touch(ctx, issue);
  return { status: 201, body: pullRequestSimpleJson(repo, issue, linksOf(request)) };
}

/** `DELETE /pulls/{n}/requested_reviewers`. */
export async function removeRequestedReviewers(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = pullRepo(ctx, request, { write: true });
  const issue = findPull(repo, request.params.pull_number);
  const body = (request.body ?? {}) as ReviewersBody;
  noTeams(body);
  const logins = new Set((body.reviewers ?? []).map((login) => login.toLowerCase()));
  issue.pull.requestedReviewers = issue.pull.requestedReviewers.filter((user) => !logins.has(user.login.toLowerCase()));
  touch(ctx, issue);
  return { status: 200, body: pullRequestSimpleJson(repo, issue, linksOf(request)) };
}

/** `GET /pulls/{n}/requested_reviewers`: users only; the sandbox has no teams. */
export async function listRequestedReviewers(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = pullRepo(ctx, request, { write: false });
  const issue = findPull(repo, request.params.pull_number);
  const links = linksOf(request);
  return {
    status: 200,
    body: { users: issue.pull.requestedReviewers.map((user) => userJson(user, links)), teams: [] },
  };
}

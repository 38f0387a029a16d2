import { setDraft } from "../rest/pulls/draft-state.js";
import { canPush, pullRepo } from "../rest/pulls/pull-access.js";
import { actorOf } from "../rest/rest-context.js";
import { asFieldError, FieldError } from "./field-error.js";
import { findPullByNodeId, pullRequestNode } from "./pull-request-node.js";
import type { GraphqlContext } from "./repository-query.js";

interface DraftInput {
  pullRequestId: string;
  clientMutationId?: string | null;
}

/**
 * One draft mutation as GitHub runs it: an id nobody may see is NOT_FOUND; a token without
 * write on pull requests, or a user who neither can push nor opened the pull request, is
 * FORBIDDEN; a closed pull request is UNPROCESSABLE. Otherwise the draft state changes.
 */
function draftMutation(draft: boolean, mutation: string) {
  return ({ input }: { input: DraftInput }, { ctx, request }: GraphqlContext): Record<string, unknown> => {
    const notFound = new FieldError(
      "NOT_FOUND",
      `Could not resolve to a node with the global id of '${input.pullRequestId}'.`,
    );
    const found = findPullByNodeId(ctx, input.pullRequestId);
    if (!found) throw notFound;
    const { repo, issue } = found;
    const scoped = { ...request, params: { owner: repo.owner.login, repo: repo.name } };
    try {
      pullRepo(ctx, scoped, { write: true, push: false });
    } catch (error) {
      asFieldError(error, notFound);
    }
    const sender = actorOf(ctx, request.principal);
    if (!canPush(ctx, repo, scoped) && sender.id !== issue.user.id) {
      throw new FieldError(
        "FORBIDDEN",
        `${sender.login} does not have the correct permissions to execute \`${mutation}\``,
      );
    }
    if (issue.state !== "open") throw new FieldError("UNPROCESSABLE", "Pull request is closed");
    try {
      setDraft(ctx, repo, issue, draft, sender);
    } catch (error) {
      // a repository without drafts (a private one on GitHub Free or Pro) refuses the conversion
      asFieldError(error, notFound);
    }
    return { clientMutationId: input.clientMutationId ?? null, pullRequest: pullRequestNode(issue, repo, request) };
  };
}

/** The root value: graphql-js calls each mutation field's function with its arguments and the context. */
export const draftRoot = {
  markPullRequestReadyForReview: draftMutation(false, "markPullRequestReadyForReview"),
  convertPullRequestToDraft: draftMutation(true, "convertPullRequestToDraft"),
};

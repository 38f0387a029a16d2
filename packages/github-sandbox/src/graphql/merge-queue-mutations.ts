import { canPush, pullRepo, type PullIssue } from "../rest/pulls/pull-access.js";
import { actorOf } from "../rest/rest-context.js";
import type { RepoState } from "../state/index.js";
import { mergeRequirementsOf } from "../state/merge-requirements.js";
import { changedPathsOf, mergeabilityOf } from "../state/pull-analysis.js";
import { requiredChecksMessage, requiredChecksOn } from "../state/required-checks.js";
import { mergeQueueRuleOf, rulesetRequiredChecks } from "../state/rulesets.js";
import { pullRequestRuleOf, pullRequestRuleViolations } from "../state/rules/pull-request-rule.js";
import { asFieldError, FieldError } from "./field-error.js";
import { findPullByNodeId, mergeQueueEntryNode, pullRequestNode } from "./pull-request-node.js";
import { repositoryQuery, type GraphqlContext } from "./repository-query.js";

/** The merge queue's part of GitHub's schema, as GitHub names and types it. */
export const mergeQueueSdl = /* GraphQL */ `
  input EnqueuePullRequestInput {
    clientMutationId: String
    """The expected head OID of the pull request."""
    expectedHeadOid: GitObjectID
    """Add the pull request to the front of the queue (the sandbox refuses it: not implemented)."""
    jump: Boolean
    """The ID of the pull request to enqueue."""
    pullRequestId: ID!
  }

  type EnqueuePullRequestPayload {
    clientMutationId: String
    """The merge queue entry for the enqueued pull request."""
    mergeQueueEntry: MergeQueueEntry
  }

  input DequeuePullRequestInput {
    clientMutationId: String
    """The ID of the pull request to be dequeued."""
    id: ID!
  }

  type DequeuePullRequestPayload {
    clientMutationId: String
    """The merge queue entry of the dequeued pull request."""
    mergeQueueEntry: MergeQueueEntry
  }

  """The possible states for a merge queue entry."""
  enum MergeQueueEntryState {
    AWAITING_CHECKS
    LOCKED
    MERGEABLE
    QUEUED
    UNMERGEABLE
  }

  """Entries in a MergeQueue"""
  type MergeQueueEntry implements Node {
    id: ID!
    """The base commit for this entry"""
    baseCommit: Commit
    """The date and time this entry was added to the merge queue"""
    enqueuedAt: DateTime!
    """The head commit for this entry"""
    headCommit: Commit
    """Whether this pull request should jump the queue"""
    jump: Boolean!
    """The position of this entry in the queue"""
    position: Int!
    """The pull request that will be added to a merge group"""
    pullRequest: PullRequest
    """Does this pull request need to be deployed on its own"""
    solo: Boolean!
    """The state of this entry in the queue"""
    state: MergeQueueEntryState!
  }

  extend type Repository {
    """Returns a single pull request from the current repository by number."""
    pullRequest(number: Int!): PullRequest
  }
`;

interface EnqueueInput {
  pullRequestId: string;
  expectedHeadOid?: string | null;
  jump?: boolean | null;
  clientMutationId?: string | null;
}

const unprocessable = (message: string): FieldError => new FieldError("UNPROCESSABLE", message);

/**
 * The pull request a mutation names, when the caller may write to its repository and manage its
 * merge queue: push access for a user; `contents: write` and `merge_queues: write` for an installation.
 */
function writablePull(
  { ctx, request }: GraphqlContext,
  id: string,
  mutation: string,
): { repo: RepoState; issue: PullIssue } {
  const notFound = new FieldError("NOT_FOUND", `Could not resolve to a node with the global id of '${id}'.`);
  const found = findPullByNodeId(ctx, id);
  if (!found) throw notFound;
  const scoped = { ...request, params: { owner: found.repo.owner.login, repo: found.repo.name } };
  try {
    pullRepo(ctx, scoped, { write: true, permission: "contents" });
    pullRepo(ctx, scoped, { write: true, permission: "merge_queues" });
  } catch (error) {
    asFieldError(error, notFound);
  }
  if (!canPush(ctx, found.repo, scoped)) {
    const login = actorOf(ctx, request.principal).login;
    throw new FieldError("FORBIDDEN", `${login} does not have the correct permissions to execute \`${mutation}\``);
  }
  return found;
}

/**
 * What keeps the pull request out of its base's queue, as GitHub refuses `enqueuePullRequest`:
 * no merge queue on the base, closed, draft, a head other than `expectedHeadOid`, conflicts,
 * already queued, or the base's other requirements unmet on the head (approving reviews, code
 * owners and required checks of classic protection; the rulesets' required checks). Being
 * behind the base is no obstacle: the queue tests the pull request on the base tip.
 */
async function assertEnqueueable(
  { ctx }: GraphqlContext,
  repo: RepoState,
  issue: PullIssue,
  input: EnqueueInput,
): Promise<void> {
  const base = issue.pull.base.ref;
  if (input.jump === true)
    throw unprocessable(
      "Jumping the merge queue is not implemented by the sandbox: its queues are first in, first out",
    );
  if (!mergeQueueRuleOf(repo, base)) throw unprocessable(`Merge queue is not enabled for the ${base} branch`);
  if (issue.pull.merged) throw unprocessable("Pull request is already merged");
  if (issue.state !== "open") throw unprocessable("Pull request is closed");
  if (issue.pull.draft) throw unprocessable("Pull request is still a draft");
  if (input.expectedHeadOid != null && input.expectedHeadOid !== issue.pull.head.sha)
    throw unprocessable("Head branch was modified. Review and try the merge again.");
  if (ctx.mergeQueue.entryOf(repo, issue.number)) throw unprocessable("Pull request is already in the merge queue");
  const tip = await repo.git.getRef(`refs/heads/${base}`);
  const mergeability = await mergeabilityOf(repo, issue, "webhook");
  if (tip === undefined || mergeability.mergeable === false) throw unprocessable("Pull request has merge conflicts");
  const protection = repo.protections.get(base);
  if (protection) {
    const requirements = await mergeRequirementsOf(repo, issue, protection, tip, await changedPathsOf(repo, issue));
    if (requirements.blockedBy !== undefined) throw unprocessable(`Pull request ${requirements.blockedBy}`);
  }
  // the rulesets' pull_request rule (reviews, code owners, last push, threads), its first unmet part
  const pullRule = pullRequestRuleOf(repo, base);
  const [unmet] = pullRule
    ? await pullRequestRuleViolations(repo, issue, pullRule, tip, await changedPathsOf(repo, issue))
    : [];
  if (unmet !== undefined) throw unprocessable(`Pull request ${unmet}`);
  const required = rulesetRequiredChecks(repo, base);
  if (required) {
    const outcome = requiredChecksOn(repo, issue.pull.head.sha, required.checks);
    if (!outcome.satisfied)
      throw unprocessable(`Pull request ${requiredChecksMessage(outcome, required.checks.length)}`);
  }
}

/** `enqueuePullRequest`: the pull request joins the back of its base's merge queue (`pull_request.enqueued`). */
async function enqueuePullRequest(
  { input }: { input: EnqueueInput },
  context: GraphqlContext,
): Promise<Record<string, unknown>> {
  const { repo, issue } = writablePull(context, input.pullRequestId, "EnqueuePullRequest");
  await assertEnqueueable(context, repo, issue, input);
  // again, with no wait before enqueuing: a concurrent enqueue or push may have come meanwhile
  if (context.ctx.mergeQueue.entryOf(repo, issue.number))
    throw unprocessable("Pull request is already in the merge queue");
  if (input.expectedHeadOid != null && input.expectedHeadOid !== issue.pull.head.sha)
    throw unprocessable("Head branch was modified. Review and try the merge again.");
  const sender = actorOf(context.ctx, context.request.principal);
  const entry = context.ctx.mergeQueue.enqueue(repo, issue, sender);
  return {
    clientMutationId: input.clientMutationId ?? null,
    mergeQueueEntry: mergeQueueEntryNode(repo, entry, context.request),
  };
}

/** `dequeuePullRequest(input: { id })`, the pull request's id: out of the queue (`pull_request.dequeued`, MANUAL). */
async function dequeuePullRequest(
  { input }: { input: { id: string; clientMutationId?: string | null } },
  context: GraphqlContext,
): Promise<Record<string, unknown>> {
  const { repo, issue } = writablePull(context, input.id, "DequeuePullRequest");
  const entry = context.ctx.mergeQueue.entryOf(repo, issue.number);
  if (!entry) throw unprocessable("Pull request is not in the merge queue");
  const node = mergeQueueEntryNode(repo, entry, context.request);
  await context.ctx.mergeQueue.dequeue(repo, entry, actorOf(context.ctx, context.request.principal));
  return { clientMutationId: input.clientMutationId ?? null, mergeQueueEntry: node };
}

/**
 * `repository(owner, name)` with `pullRequest(number)`: the pull request (null when there is
 * none), for a caller who may read pull requests.
 */
function repository(args: { owner: string; name: string }, context: GraphqlContext): Record<string, unknown> {
  const answer = repositoryQuery(args, context);
  const repo = context.ctx.state.getRepo(args.owner, args.name);
  return {
    ...answer,
    pullRequest: ({ number }: { number: number }) => {
      const scoped = { ...context.request, params: { owner: args.owner, repo: args.name } };
      try {
        pullRepo(context.ctx, scoped, { write: false, permission: "pull_requests" });
      } catch (error) {
        asFieldError(
          error,
          new FieldError("NOT_FOUND", `Could not resolve to a PullRequest with the number of ${number}.`),
        );
      }
      const issue = repo?.issues.get(number);
      if (!repo || !issue?.pull)
        throw new FieldError("NOT_FOUND", `Could not resolve to a PullRequest with the number of ${number}.`);
      return pullRequestNode(issue as PullIssue, repo, context.request);
    },
  };
}

export const mergeQueueRoot = { enqueuePullRequest, dequeuePullRequest, repository };

import type { SandboxRequest } from "../http/index.js";
import { pullUrls } from "../represent/pull-request.js";
import type { PullIssue } from "../rest/pulls/pull-access.js";
import { linksOf, type RestContext } from "../rest/rest-context.js";
import type { MergeQueueEntryState, RepoState } from "../state/index.js";
import { mergeQueueRuleOf } from "../state/rulesets.js";
import { pullRequestCommitsField } from "./pull-request-commits.js";
import { commitNode, type GraphqlContext } from "./repository-query.js";
import { reviewThreadsField } from "./review-thread-node.js";

/** The pull request a GraphQL `pullRequestId` names, with its repository; undefined when none has it. */
export function findPullByNodeId(ctx: RestContext, id: string): { repo: RepoState; issue: PullIssue } | undefined {
  for (const repo of ctx.state.repos()) {
    for (const issue of repo.issues.values())
      if (issue.pull && issue.pullNodeId === id) return { repo, issue: issue as PullIssue };
  }
  return undefined;
}

/** A `MergeQueueEntry`, read when the query asks (its position and state move on as the queue works). */
export function mergeQueueEntryNode(
  repo: RepoState,
  entry: MergeQueueEntryState,
  request: SandboxRequest,
): Record<string, unknown> {
  return {
    __typename: "MergeQueueEntry",
    id: entry.nodeId,
    enqueuedAt: entry.enqueuedAt,
    jump: false,
    solo: true,
    position: (_: unknown, { ctx }: GraphqlContext) => ctx.mergeQueue.positionOf(repo, entry),
    state: (_: unknown, { ctx }: GraphqlContext) => ctx.mergeQueue.stateOf(repo, entry),
    headCommit: (_: unknown, context: GraphqlContext) =>
      commitNode(context, repo, entry.group?.headSha ?? entry.headSha),
    baseCommit: async (_: unknown, context: GraphqlContext) => {
      const base = entry.group?.baseSha ?? (await repo.git.getRef(`refs/heads/${entry.base}`));
      return base === undefined ? null : commitNode(context, repo, base);
    },
    pullRequest: () => {
      const issue = repo.issues.get(entry.pullNumber);
      return issue?.pull ? pullRequestNode(issue as PullIssue, repo, request) : null;
    },
  };
}

/** The `PullRequest` object as a mutation's payload shows it, read after the mutation. */
export function pullRequestNode(issue: PullIssue, repo: RepoState, request: SandboxRequest): Record<string, unknown> {
  return {
    id: issue.pullNodeId,
    number: issue.number,
    isDraft: issue.pull.draft,
    title: issue.title,
    state: issue.pull.merged ? "MERGED" : issue.state.toUpperCase(),
    merged: issue.pull.merged,
    headRefName: issue.pull.head.ref,
    headRefOid: issue.pull.head.sha,
    baseRefName: issue.pull.base.ref,
    url: pullUrls(repo, issue.number, linksOf(request)).html,
    isMergeQueueEnabled: () => mergeQueueRuleOf(repo, issue.pull.base.ref) !== undefined,
    isInMergeQueue: (_: unknown, { ctx }: GraphqlContext) => ctx.mergeQueue.entryOf(repo, issue.number) !== undefined,
    reviewThreads: reviewThreadsField(repo, issue, request, () => pullRequestNode(issue, repo, request)),
    commits: pullRequestCommitsField(repo, issue, request, () => pullRequestNode(issue, repo, request)),
    mergeQueueEntry: (_: unknown, { ctx }: GraphqlContext) => {
      const entry = ctx.mergeQueue.entryOf(repo, issue.number);
      return entry ? mergeQueueEntryNode(repo, entry, request) : null;
    },
  };
}

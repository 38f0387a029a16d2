import type { SandboxRequest } from "../http/index.js";
import { pullUrls } from "../represent/pull-request.js";
import type { PullIssue } from "../rest/pulls/pull-access.js";
import { linksOf, type RestContext } from "../rest/rest-context.js";
import type { RepoState } from "../state/index.js";

/** The pull request a GraphQL `pullRequestId` names, with its repository; undefined when none has it. */
export function findPullByNodeId(ctx: RestContext, id: string): { repo: RepoState; issue: PullIssue } | undefined {
  for (const repo of ctx.state.repos()) {
    for (const issue of repo.issues.values())
      if (issue.pull && issue.pullNodeId === id) return { repo, issue: issue as PullIssue };
  }
  return undefined;
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
    baseRefName: issue.pull.base.ref,
    url: pullUrls(repo, issue.number, linksOf(request)).html,
  };
}

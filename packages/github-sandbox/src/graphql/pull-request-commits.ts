import type { SandboxRequest } from "../http/index.js";
import { pullUrls } from "../represent/pull-request.js";
import type { PullIssue } from "../rest/pulls/pull-access.js";
import { linksOf } from "../rest/rest-context.js";
import type { RepoState } from "../state/index.js";
import { pullDiff } from "../state/pull-analysis.js";
import { connectionOf, type PageArgs } from "./connection.js";
import { commitNode, type GraphqlContext } from "./repository-query.js";

/** `PullRequest.commits` and its `PullRequestCommit`, as GitHub's public schema names and types them. */
export const pullRequestCommitsSdl = /* GraphQL */ `
  """Represents a Git commit part of a pull request."""
  type PullRequestCommit implements Node {
    """The Git commit object"""
    commit: Commit!
    id: ID!
    """The pull request this commit belongs to"""
    pullRequest: PullRequest!
    """The HTTP path for this pull request commit"""
    resourcePath: URI!
    """The HTTP URL for this pull request commit"""
    url: URI!
  }

  type PullRequestCommitEdge {
    cursor: String!
    node: PullRequestCommit
  }

  type PullRequestCommitConnection {
    edges: [PullRequestCommitEdge]
    nodes: [PullRequestCommit]
    pageInfo: PageInfo!
    totalCount: Int!
  }

  extend type PullRequest {
    """A list of commits present in this pull request's head branch not present in the base branch."""
    commits(after: String, before: String, first: Int, last: Int): PullRequestCommitConnection!
  }
`;

/** A `PullRequestCommit`: the commit as `repository.object(oid:)` gives it, with its place in the pull request. */
function pullRequestCommitNode(
  context: GraphqlContext,
  repo: RepoState,
  issue: PullIssue,
  sha: string,
  pullRequest: () => Record<string, unknown>,
): Record<string, unknown> {
  const url = `${pullUrls(repo, issue.number, linksOf(context.request)).html}/commits/${sha}`;
  return {
    __typename: "PullRequestCommit",
    id: Buffer.from(`PullRequestCommit:${issue.pullNodeId}:${sha}`).toString("base64"),
    commit: async () => {
      const commit = await commitNode(context, repo, sha);
      if (!commit)
        throw new Error(`sandbox: pull request #${issue.number} lists ${sha}, which is not in the repository`);
      return commit;
    },
    pullRequest,
    resourcePath: new URL(url).pathname,
    url,
  };
}

/**
 * `PullRequest.commits(first | last, after, before)`: the commits of head not on base, oldest
 * first, as `GET /pulls/{n}/commits` lists them, but all of them: GitHub caps the REST listing at
 * 250 commits and documents no cap here, and clients page through more than 250 here (dcoapp/app
 * #310, linuxfoundation/easycla #4801). `last: 100` is the newest 100, the head among them; with a
 * cap, a pull request past 250 commits would never show its head. `pullRequest` builds the pull
 * request (passed in: the pull request's node reads its commits).
 */
export function pullRequestCommitsField(
  repo: RepoState,
  issue: PullIssue,
  request: SandboxRequest,
  pullRequest: () => Record<string, unknown>,
) {
  return async (args: PageArgs, { ctx }: GraphqlContext): Promise<Record<string, unknown>> => {
    const commits = (await pullDiff(repo, issue))?.commits ?? [];
    const context = { ctx, request };
    return connectionOf(commits, args, "commits", (commit) =>
      pullRequestCommitNode(context, repo, issue, commit.sha, pullRequest),
    );
  };
}

import { canPush, gitPerson, pullRepo, type PullIssue } from "../rest/pulls/pull-access.js";
import { actorOf } from "../rest/rest-context.js";
import { githubCommitter } from "../state/pull-analysis.js";
import { legacyNodeId, type RepoState, type SandboxUser } from "../state/index.js";
import { asFieldError, FieldError } from "./field-error.js";
import { findPullByNodeId, pullRequestNode } from "./pull-request-node.js";
import type { GraphqlContext } from "./repository-query.js";

interface RevertInput {
  pullRequestId: string;
  title?: string | null;
  body?: string | null;
  draft?: boolean | null;
  clientMutationId?: string | null;
}

/** `revert-<n>-<head>` as GitHub's revert button names it; a taken name gets `-1`, `-2`… (a second revert is a second PR). */
async function freeBranchName(repo: RepoState, issue: PullIssue): Promise<string> {
  const stem = `revert-${issue.number}-${issue.pull.head.ref}`;
  for (let suffix = 0; ; suffix += 1) {
    const name = suffix === 0 ? stem : `${stem}-${suffix}`;
    if ((await repo.git.getRef(`refs/heads/${name}`)) === undefined) return name;
  }
}

const cannotRevert = (): FieldError =>
  new FieldError(
    "UNPROCESSABLE",
    "Sorry, this pull request couldn't be reverted automatically. It may have already been reverted, or the content may have changed since it was merged.",
  );

/**
 * The revert commit on the base's tip: a commit that takes the merge back to the base as it was
 * before (parent: the merge commit, tree: the old base's), merged three-way onto the tip. The merge
 * base of the two is the merge commit, so later commits on the base stay and only the pull
 * request's change is undone (git 2.39's merge-tree takes no explicit merge base).
 */
async function revertCommit(repo: RepoState, issue: PullIssue, message: string, sender: SandboxUser): Promise<string> {
  const merged = issue.pull.mergeCommitSha;
  const tip = await repo.git.getRef(`refs/heads/${issue.pull.base.ref}`);
  const before = await repo.git.getCommit(issue.pull.base.sha);
  if (merged === null || tip === undefined || before === undefined) throw cannotRevert();
  if (!(await repo.git.isAncestor(merged, tip))) throw cannotRevert();
  const author = gitPerson(sender);
  const undone = await repo.git.createCommit({ message, tree: before.tree, parents: [merged], author });
  const result = await repo.git.merge({
    base: tip,
    head: undone.sha,
    method: "squash",
    message,
    author,
    committer: githubCommitter,
  });
  if (!result.ok) throw cannotRevert();
  return result.sha;
}

/**
 * `revertPullRequest` as GitHub runs it: an id nobody may see is NOT_FOUND; a caller who may not
 * push (an app without `contents` and `pull_requests` write) is FORBIDDEN; a pull request that was
 * not merged, or whose change no longer reverts cleanly, is UNPROCESSABLE. Otherwise a branch
 * `revert-<n>-<head>` with the revert commit on the base's tip (a `push`), and a pull request from
 * it to the base opened by the caller (`pull_request.opened`). Each call opens a new one.
 */
async function revertPullRequest(
  { input }: { input: RevertInput },
  { ctx, request }: GraphqlContext,
): Promise<Record<string, unknown>> {
  const notFound = new FieldError(
    "NOT_FOUND",
    `Could not resolve to a node with the global id of '${input.pullRequestId}'.`,
  );
  const found = findPullByNodeId(ctx, input.pullRequestId);
  if (!found) throw notFound;
  const { repo, issue } = found;
  const scoped = { ...request, params: { owner: repo.owner.login, repo: repo.name } };
  try {
    pullRepo(ctx, scoped, { write: true, permission: "contents" });
  } catch (error) {
    asFieldError(error, notFound);
  }
  const sender = actorOf(ctx, request.principal);
  if (!canPush(ctx, repo, scoped))
    throw new FieldError(
      "FORBIDDEN",
      `${sender.login} does not have the correct permissions to execute \`RevertPullRequest\``,
    );
  if (!issue.pull.merged) throw new FieldError("UNPROCESSABLE", "Pull request is not merged");

  const title = input.title ?? `Revert "${issue.title}"`;
  const body = input.body ?? `Reverts ${repo.owner.login}/${repo.name}#${issue.number}`;
  const sha = await revertCommit(repo, issue, `${title}\n\n${body}`, sender);
  const branch = await freeBranchName(repo, issue);
  await repo.git.createRef(`refs/heads/${branch}`, sha);
  await ctx.refMoved(repo, { ref: `refs/heads/${branch}`, before: undefined, after: sha, forced: false, sender });

  const base = issue.pull.base.ref;
  const pullId = ctx.state.nextId();
  const baseSha = await repo.git.getRef(`refs/heads/${base}`);
  const revert = ctx.state.addIssue(repo, {
    title,
    body,
    user: sender,
    labels: [],
    assignees: [],
    pullId,
    pullNodeId: legacyNodeId("PullRequest", pullId),
    pull: {
      head: { ref: branch, sha },
      base: { ref: base, sha: baseSha ?? sha },
      draft: input.draft ?? false,
      merged: false,
      mergedAt: null,
      mergedBy: null,
      mergeCommitSha: null,
      maintainerCanModify: false,
      requestedReviewers: [],
    },
  }) as PullIssue;
  ctx.events.emit({ name: "pull_request", action: "opened", repo, sender, pull: revert });
  return {
    clientMutationId: input.clientMutationId ?? null,
    pullRequest: pullRequestNode(issue, repo, request),
    revertPullRequest: pullRequestNode(revert, repo, request),
  };
}

export const revertRoot = { revertPullRequest };

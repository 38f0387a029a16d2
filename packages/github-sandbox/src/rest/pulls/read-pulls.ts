import { SandboxHttpError, type SandboxRequest, type SandboxResponse } from "../../http/index.js";
import { commitJson, diffEntryJson } from "../../represent/commit.js";
import { commentCount } from "../../represent/issue.js";
import { pullRequestJson, pullRequestSimpleJson } from "../../represent/pull-request.js";
import type { IssueState, RepoState } from "../../state/index.js";
import { linksOf, pagedList, type RestContext } from "../rest-context.js";
import { pullDiff } from "../../state/pull-analysis.js";
import { findPull, pullRepo } from "./pull-access.js";

/** GitHub lists at most this many files and commits of a pull request. */
const maxFiles = 3000;
export const maxCommits = 250;

const read = { write: false } as const;

/** `GET /pulls/{pull_number}`. */
export async function getPull(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = pullRepo(ctx, request, read);
  const issue = findPull(repo, request.params.pull_number);
  return { status: 200, body: await pullRequestJson(repo, issue, linksOf(request)) };
}

/** Whether a pull request's head matches the `head` filter, `owner:branch` (a bare branch is taken as this owner's). */
function headMatches(repo: RepoState, issue: IssueState, head: string): boolean {
  const colon = head.indexOf(":");
  const owner = colon < 0 ? repo.owner.login : head.slice(0, colon);
  const branch = colon < 0 ? head : head.slice(colon + 1);
  const headOwner = issue.pull?.head.repo?.owner.login ?? repo.owner.login;
  return owner.toLowerCase() === headOwner.toLowerCase() && issue.pull?.head.ref === branch;
}

/**
 * `GET /pulls`: filtered by state, head and base; sorted by created (newest first by default),
 * updated, popularity (comments) or long-running (age); other sorts default to ascending.
 */
export async function listPulls(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = pullRepo(ctx, request, read);
  const {
    state = "open",
    head,
    base,
    sort = "created",
    direction,
  } = request.query as Record<string, string | undefined>;
  const pulls = [...repo.issues.values()].filter(
    (issue) =>
      issue.pull !== undefined &&
      (state === "all" || issue.state === state) &&
      (head === undefined || headMatches(repo, issue, head)) &&
      (base === undefined || issue.pull.base.ref === base),
  );
  const key = (issue: IssueState): number => {
    if (sort === "updated") return Date.parse(issue.updatedAt);
    if (sort === "popularity") return commentCount(repo, issue.number);
    if (sort === "long-running") return -Date.parse(issue.createdAt);
    return Date.parse(issue.createdAt);
  };
  const descending = (direction ?? (sort === "created" ? "desc" : "asc")) === "desc";
  pulls.sort((a, b) => (key(a) - key(b) || a.number - b.number) * (descending ? -1 : 1));
  const links = linksOf(request);
  return pagedList(pulls, request, (issue) => pullRequestSimpleJson(repo, issue, links));
}

/** `GET /pulls/{n}/files`: what head changed from the merge base, at most 3000 files. */
export async function listPullFiles(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = pullRepo(ctx, request, read);
  const issue = findPull(repo, request.params.pull_number);
  const files = ((await pullDiff(repo, issue))?.files ?? []).slice(0, maxFiles);
  const links = linksOf(request);
  const shown = ctx.state.diffLimiter();
  return pagedList(files, request, (file) => diffEntryJson(repo, shown(file), issue.pull.head.sha, links));
}

/** `GET /pulls/{n}/commits`: the pull request's commits, oldest first, at most 250. */
export async function listPullCommits(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = pullRepo(ctx, request, read);
  const issue = findPull(repo, request.params.pull_number);
  const commits = ((await pullDiff(repo, issue))?.commits ?? []).slice(0, maxCommits);
  const links = linksOf(request);
  return pagedList(commits, request, (commit) => commitJson(repo, commit, links));
}

/** `GET /pulls/{n}/merge`: 204 when merged, 404 otherwise. */
export async function checkIfMerged(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = pullRepo(ctx, request, read);
  const issue = findPull(repo, request.params.pull_number);
  if (!issue.pull.merged) throw new SandboxHttpError(404, "Not Found");
  return { status: 204 };
}

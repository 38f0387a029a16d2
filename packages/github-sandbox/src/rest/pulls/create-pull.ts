import { SandboxHttpError, type SandboxRequest, type SandboxResponse } from "../../http/index.js";
import { pullRequestJson } from "../../represent/pull-request.js";
import { legacyNodeId, type IssueState, type RepoState } from "../../state/index.js";
import { checkBody, checkTitle } from "../issues/issue-fields.js";
import { actorOf, linksOf, type RestContext } from "../rest-context.js";
import { draftsAvailable, draftsUnsupported } from "./draft-state.js";
import { pullRepo, pullValidationError, type PullIssue } from "./pull-access.js";

export interface CreateBody {
  title?: string;
  head: string;
  base: string;
  body?: string;
  draft?: boolean;
  issue?: number;
  maintainer_can_modify?: boolean;
}

/**
 * `owner:branch` or `branch` → the branch and, for another owner's `owner:branch`, the fork of
 * this repository that owner has (undefined when they have none).
 */
function headBranch(ctx: RestContext, repo: RepoState, head: string): { ref: string; repo?: RepoState } | undefined {
  const colon = head.indexOf(":");
  if (colon < 0) return { ref: head };
  const owner = head.slice(0, colon);
  const ref = head.slice(colon + 1);
  if (owner.toLowerCase() === repo.owner.login.toLowerCase()) return { ref };
  const fork = ctx.state
    .repos()
    .find((candidate) => candidate.parent === repo && candidate.owner.login.toLowerCase() === owner.toLowerCase());
  return fork ? { ref, repo: fork } : undefined;
}

/** GitHub keeps one open pull request per head and base: a second one is refused. */
function assertNoOpenPull(repo: RepoState, head: { ref: string; repo?: RepoState }, base: string): void {
  for (const issue of repo.issues.values()) {
    if (
      issue.state === "open" &&
      issue.pull?.head.ref === head.ref &&
      issue.pull.head.repo === head.repo &&
      issue.pull.base.ref === base
    ) {
      throw pullValidationError({
        code: "custom",
        message: `A pull request already exists for ${(head.repo ?? repo).owner.login}:${head.ref}.`,
      });
    }
  }
}

/**
 * The checks GitHub makes before opening a pull request: both branches exist (422 with an
 * `invalid` error per field), no open pull request has the same head and base, and head has
 * commits base lacks ("No commits between main and feature"). A fork's head is read in the fork.
 */
async function checkBranches(
  ctx: RestContext,
  repo: RepoState,
  body: CreateBody,
): Promise<{ head: { ref: string; repo?: RepoState }; headSha: string; baseSha: string }> {
  const head = headBranch(ctx, repo, body.head);
  const [headSha, baseSha] = await Promise.all([
    head === undefined ? undefined : (head.repo ?? repo).git.getRef(`refs/heads/${head.ref}`),
    repo.git.getRef(`refs/heads/${body.base}`),
  ]);
  const errors = [];
  if (baseSha === undefined) errors.push({ resource: "PullRequest", field: "base", code: "invalid" });
  if (headSha === undefined) errors.push({ resource: "PullRequest", field: "head", code: "invalid" });
  if (head === undefined || headSha === undefined || baseSha === undefined) {
    throw new SandboxHttpError(422, "Validation Failed", { errors });
  }
  assertNoOpenPull(repo, head, body.base);
  // GitHub keeps a fork's head in the parent too, so the parent can compare and merge it
  if (head.repo) await repo.git.fetchFrom(head.repo.git, [`+refs/heads/${head.ref}:refs/pull/fork-heads/${headSha}`]);
  let ahead = 0;
  try {
    ahead = (await repo.git.compare(baseSha, headSha)).ahead_by;
  } catch {
    throw pullValidationError({
      code: "custom",
      message: `The ${head.ref} branch has no history in common with ${body.base}`,
    });
  }
  if (ahead === 0)
    throw pullValidationError({ code: "custom", message: `No commits between ${body.base} and ${body.head}` });
  return { head, headSha, baseSha };
}

/** The issue `issue` names, which becomes the pull request (same number, title and body). */
function issueToConvert(repo: RepoState, number: number): IssueState {
  const issue = repo.issues.get(number);
  if (!issue || issue.pull) throw pullValidationError({ field: "issue", code: "invalid" });
  return issue;
}

/** `POST /repos/{owner}/{repo}/pulls`: emits `pull_request.opened`. */
export async function createPull(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = pullRepo(ctx, request, { write: true, push: false });
  const issue = await openPullAs(ctx, request, repo, request.body as CreateBody);
  const json = await pullRequestJson(repo, issue, linksOf(request));
  return { status: 201, body: json, headers: { location: String(json.url) } };
}

/**
 * Opens a pull request once the caller may (`pullRepo`), as `POST /pulls` does and GraphQL's
 * `createPullRequest` too: GitHub's checks (422 as REST answers them: title and body as an issue's,
 * branches, one open pull request per head and base), then `pull_request.opened`.
 */
export async function openPullAs(
  ctx: RestContext,
  request: SandboxRequest,
  repo: RepoState,
  body: CreateBody,
): Promise<PullIssue> {
  if (body.title === undefined && body.issue === undefined) {
    throw pullValidationError({ field: "title", code: "missing_field" });
  }
  // a pull request's title and body are its issue's: GitHub refuses them as it does an issue's
  if (body.title !== undefined && body.issue === undefined) checkTitle(body.title);
  if (body.body !== undefined) checkBody(body.body, "Issue");
  if (body.draft === true && !draftsAvailable(ctx.state, repo)) throw draftsUnsupported();
  const converted = body.issue === undefined ? undefined : issueToConvert(repo, body.issue);
  const { head, headSha, baseSha } = await checkBranches(ctx, repo, body);
  // checked again with nothing awaited before the pull request is added: two requests opening one
  // head at the same moment get one pull request, as GitHub's own uniqueness gives
  assertNoOpenPull(repo, head, body.base);
  const sender = actorOf(ctx, request.principal);
  const pullId = ctx.state.nextId();
  const pullFields = { pullId, pullNodeId: legacyNodeId("PullRequest", pullId) };
  const pull = {
    head: { ref: head.ref, sha: headSha, ...(head.repo ? { repo: head.repo } : {}) },
    base: { ref: body.base, sha: baseSha },
    draft: body.draft ?? false,
    merged: false,
    mergedAt: null,
    mergedBy: null,
    mergeCommitSha: null,
    maintainerCanModify: body.maintainer_can_modify ?? false,
    requestedReviewers: [],
  };
  const issue: PullIssue = converted
    ? Object.assign(converted, { pull, ...pullFields, updatedAt: ctx.state.iso() })
    : ctx.state.addIssue(repo, {
        title: body.title ?? "",
        body: body.body ?? null,
        user: sender,
        labels: [],
        assignees: [],
        pull,
        ...pullFields,
      });
  ctx.events.emit({ name: "pull_request", action: "opened", repo, sender, pull: issue });
  return issue;
}

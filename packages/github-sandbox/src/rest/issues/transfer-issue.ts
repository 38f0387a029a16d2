import { SandboxHttpError, type SandboxRequest } from "../../http/index.js";
import { moveIssue, type IssueState, type LabelState, type RepoState } from "../../state/index.js";
import { actorOf, requireRepo, type RestContext } from "../rest-context.js";
import { atLeast } from "./issue-access.js";

const unprocessable = (message: string): SandboxHttpError => new SandboxHttpError(422, message);

/** The request as if it named `repo` in its path, for the REST access checks. */
export const scopedTo = (request: SandboxRequest, repo: RepoState): SandboxRequest => ({
  ...request,
  params: { owner: repo.owner.login, repo: repo.name },
});

/**
 * Whether the caller may write issues in `repo`: a user needs push access (write or more); an
 * installation must cover the repository with `issues: write` and, best reading (a fine-grained
 * token is refused without it, as people report), `contents: write`. A repository the caller
 * cannot see is 404; a refusal is 403, as `TransferIssue`'s FORBIDDEN.
 */
function requireIssueWriter(ctx: RestContext, request: SandboxRequest, repo: RepoState): void {
  const scoped = scopedTo(request, repo);
  const { principal } = request;
  if (principal.kind === "installation") {
    requireRepo(ctx, scoped, { permission: "issues", write: true });
    requireRepo(ctx, scoped, { permission: "contents", write: true });
    return;
  }
  requireRepo(ctx, scoped, { permission: "issues", write: false });
  if (principal.kind !== "user" || !atLeast(ctx.state.permissionOf(repo, principal.login), "write")) {
    const login = actorOf(ctx, principal).login;
    throw new SandboxHttpError(403, `${login} does not have the correct permissions to execute \`TransferIssue\``);
  }
}

/** The labels the issue keeps in `to`: those of the same name there, or created when asked. */
function labelsIn(ctx: RestContext, to: RepoState, labels: LabelState[], createIfMissing: boolean): LabelState[] {
  const kept: LabelState[] = [];
  for (const label of labels) {
    const existing = to.labels.get(label.name.toLowerCase());
    if (existing) kept.push(existing);
    else if (createIfMissing) {
      const { name, color, description } = label;
      kept.push(ctx.state.addLabel(to, { name, color, description, default: false }));
    }
  }
  return kept;
}

/**
 * GraphQL's `transferIssue` as GitHub's documentation describes it: an open issue (not a pull
 * request), moved by someone with write access to both repositories, between repositories of the
 * same owner, never from a private repository to a public one. The issue becomes the target's
 * next number with its title, body, author, comments and reactions; labels of the same name in
 * the target are kept (missing ones are dropped, or created with `createLabelsIfMissing`),
 * assignees with access to the target too. The old number answers 301 from then on (see
 * `goneIssueError`). Announces `issues.transferred` in the old repository (`changes.new_issue`,
 * `changes.new_repository`) and, best reading of what GitHub sends the target, `issues.opened`
 * there. The refusals' wording is the best reading; GitHub does not document it.
 */
export function transferIssue(
  ctx: RestContext,
  request: SandboxRequest,
  from: RepoState,
  issue: IssueState,
  to: RepoState,
  createLabelsIfMissing: boolean,
): IssueState {
  requireIssueWriter(ctx, request, from);
  requireIssueWriter(ctx, request, to);
  if (issue.pull) throw unprocessable("Pull requests cannot be transferred");
  if (to === from) throw unprocessable("The issue is already in this repository");
  if (to.owner.id !== from.owner.id)
    throw unprocessable("Issues can only be transferred between repositories owned by the same user or organization");
  if (from.private && !to.private)
    throw unprocessable("Issues cannot be transferred from a private repository to a public repository");
  if (issue.state !== "open") throw unprocessable("Only open issues can be transferred");

  const sender = actorOf(ctx, request.principal);
  const labels = labelsIn(ctx, to, issue.labels, createLabelsIfMissing);
  const assignees = issue.assignees.filter((user) => ctx.state.permissionOf(to, user.login) !== "none");
  const moved = moveIssue(ctx.state, from, issue, to, { labels, assignees });
  const transfer = { owner: to.owner.login, name: to.name, issue: moved };
  ctx.events.emit({ name: "issues", action: "transferred", repo: from, sender, issue, transfer });
  ctx.events.emit({ name: "issues", action: "opened", repo: to, sender, issue: moved });
  return moved;
}

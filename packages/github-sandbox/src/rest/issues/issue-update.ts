import type { Changes } from "../../events/index.js";
import { SandboxHttpError } from "../../http/index.js";
import { issueJson } from "../../represent/index.js";
import type { SandboxRequest } from "../../http/index.js";
import { editBody, type IssueState, type RepoState, type SandboxUser } from "../../state/index.js";
import { actorOf, linksOf, type HandlerRegistry, type RestContext } from "../rest-context.js";
import { assigneeLogins, resolveAssignees, setIssueAssignees } from "./assignees.js";
import {
  adminRightsRequired,
  atLeast,
  findIssue,
  isActor,
  issuesRepo,
  requireIntegrationWrite,
  roleOf,
} from "./issue-access.js";
import { emitIssueEvent } from "./issue-events.js";
import { checkBody, checkTitle } from "./issue-fields.js";
import { labelNames, resolveLabels, setIssueLabels } from "./label-changes.js";

export type StateReason = "completed" | "not_planned" | "duplicate" | "reopened";

/** Closes or reopens, as GitHub records it: who closed it, when, and why. */
function changeState(
  issue: IssueState,
  closing: boolean,
  reason: StateReason | null | undefined,
  actor: SandboxUser,
  now: string,
): void {
  if (closing) {
    issue.state = "closed";
    issue.closedAt = now;
    issue.closedBy = actor;
    issue.stateReason = reason && reason !== "reopened" ? reason : "completed";
  } else {
    issue.state = "open";
    issue.closedAt = null;
    issue.closedBy = null;
    issue.stateReason = "reopened";
  }
  issue.updatedAt = now;
}

/**
 * Closes an open issue or pull request for `reason`, as `PATCH /issues/{n}` with `state: closed`
 * and GraphQL's `closeIssue` do it: the author or triage and more (403 "Must have admin rights to
 * Repository." otherwise). Announces `closed`. An issue already closed is left as it is.
 */
export function closeIssueAs(
  ctx: RestContext,
  request: SandboxRequest,
  repo: RepoState,
  issue: IssueState,
  reason: StateReason | null | undefined,
): void {
  requireIntegrationWrite(request, issue);
  const actor = actorOf(ctx, request.principal);
  if (!atLeast(roleOf(ctx, request, repo, issue), "triage") && !isActor(ctx, request, issue.user))
    throw adminRightsRequired();
  if (issue.state === "closed") return;
  changeState(issue, true, reason, actor, ctx.state.iso());
  emitIssueEvent(ctx, repo, actor, issue, "closed");
}

/** What `PATCH /issues/{n}` takes (GraphQL's `updateIssue` gives `title`, `body` and `state`). */
export interface IssueEdit {
  title?: string | number | null;
  body?: string | null;
  assignee?: string | null;
  state?: "open" | "closed";
  state_reason?: StateReason | null;
  labels?: unknown[];
  assignees?: unknown[];
}

/**
 * Edits an issue or pull request as `PATCH /issues/{n}` does it, for REST and GraphQL's
 * `updateIssue` alike: the author may edit and close their own issue; anyone else needs triage or
 * more (403 "Must have admin rights to Repository."). Labels and assignees replace the current
 * ones and count only with push access, silently dropped otherwise. Announces `edited` (with
 * `changes`), `closed`/`reopened`, `labeled`/`unlabeled` and `assigned`/`unassigned`, as
 * `pull_request` events on a pull request. A changed body joins the edit history GraphQL's
 * `lastEditedAt`, `editor` and `userContentEdits` read, with the caller as editor.
 */
export function editIssue(
  ctx: RestContext,
  request: SandboxRequest,
  repo: RepoState,
  issue: IssueState,
  input: IssueEdit,
): void {
  const actor = actorOf(ctx, request.principal);
  requireIntegrationWrite(request, issue);
  const role = roleOf(ctx, request, repo, issue);

  const title = input.title === undefined || input.title === null ? undefined : checkTitle(input.title);
  const body = input.body === undefined ? undefined : checkBody(input.body, "Issue");
  const stateChange = input.state !== undefined && input.state !== issue.state ? input.state : undefined;
  const editsConversation =
    (title !== undefined && title !== issue.title) ||
    (body !== undefined && body !== issue.body) ||
    stateChange !== undefined;
  if (editsConversation && !atLeast(role, "triage") && !isActor(ctx, request, issue.user)) throw adminRightsRequired();
  if (stateChange === "open" && issue.pull?.merged) {
    throw new SandboxHttpError(422, "Validation Failed", {
      errors: [
        {
          resource: "PullRequest",
          code: "custom",
          field: "state",
          message: "state cannot be changed. The pull request has been merged.",
        },
      ],
    });
  }

  const pushes = atLeast(role, "write");
  const assigneeInput =
    input.assignees ?? (input.assignee === undefined ? undefined : input.assignee === null ? [] : [input.assignee]);
  const assignees =
    pushes && assigneeInput !== undefined ? resolveAssignees(ctx, repo, assigneeLogins(assigneeInput)) : undefined;
  const labels =
    pushes && input.labels !== undefined ? resolveLabels(ctx, request, repo, labelNames(input.labels)) : undefined;

  const now = ctx.state.iso();
  const changes: Changes = {};
  if (title !== undefined && title !== issue.title) {
    changes.title = { from: issue.title };
    issue.title = title;
  }
  if (body !== undefined && body !== issue.body) {
    changes.body = { from: issue.body };
    editBody(ctx.state, issue, actor, body, now);
  }
  if (Object.keys(changes).length > 0) {
    issue.updatedAt = now;
    emitIssueEvent(ctx, repo, actor, issue, "edited", { changes });
  }
  if (stateChange !== undefined) {
    changeState(issue, stateChange === "closed", input.state_reason, actor, now);
    emitIssueEvent(ctx, repo, actor, issue, stateChange === "closed" ? "closed" : "reopened");
  }
  if (labels) setIssueLabels(ctx, repo, actor, issue, labels);
  if (assignees) setIssueAssignees(ctx, repo, actor, issue, assignees);
}

/** `issues/update`, for issues and pull requests alike: see `editIssue`. */
export function registerIssueUpdateHandler(server: HandlerRegistry, ctx: RestContext): void {
  server.register("issues/update", async (request) => {
    const { repo } = issuesRepo(ctx, request);
    const issue = findIssue(ctx, request, repo, Number(request.params.issue_number));
    editIssue(ctx, request, repo, issue, (request.body ?? {}) as IssueEdit);
    return { status: 200, body: issueJson(repo, issue, linksOf(request)) };
  });
}

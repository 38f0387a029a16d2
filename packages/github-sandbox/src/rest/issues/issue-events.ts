import type { Changes } from "../../events/index.js";
import type { IssueState, LabelState, RepoState, SandboxUser } from "../../state/index.js";
import type { RestContext } from "../rest-context.js";

export type IssueAction = "edited" | "closed" | "reopened" | "labeled" | "unlabeled" | "assigned" | "unassigned";

export interface IssueEventDetail {
  label?: LabelState;
  assignee?: SandboxUser;
  changes?: Changes;
}

/**
 * Announces a change to an issue as GitHub does: `issues.<action>` for an issue, and
 * `pull_request.<action>` when the number is a pull request's (GitHub sends `pull_request.labeled`,
 * not `issues.labeled`, for a pull request's labels). The sandbox's `pull_request` event has no
 * assignment actions, so assigning a pull request is not announced.
 */
export function emitIssueEvent(
  ctx: RestContext,
  repo: RepoState,
  sender: SandboxUser,
  issue: IssueState,
  action: IssueAction,
  detail: IssueEventDetail = {},
): void {
  const { label, assignee, changes } = detail;
  if (issue.pull) {
    if (action === "assigned" || action === "unassigned") return;
    ctx.events.emit({
      name: "pull_request",
      action,
      repo,
      sender,
      pull: issue,
      ...(label ? { label } : {}),
      ...(changes ? { changes } : {}),
    });
    return;
  }
  ctx.events.emit({
    name: "issues",
    action,
    repo,
    sender,
    issue,
    ...(label ? { label } : {}),
    ...(assignee ? { assignee } : {}),
    ...(changes ? { changes } : {}),
  });
}

import { SandboxHttpError, type SandboxRequest } from "../../http/index.js";
import { issueJson } from "../../represent/index.js";
import type { IssueState, RepoState, SandboxUser } from "../../state/index.js";
import { linksOf, type HandlerRegistry, type RestContext } from "../rest-context.js";
import { atLeast, findIssue, issuesRepo, requireIntegrationWrite, roleOf } from "./issue-access.js";
import { emitIssueEvent } from "./issue-events.js";

/** Logins from `assignees`: strings or `{ login }` objects, duplicates collapsed. */
export function assigneeLogins(input: unknown): string[] {
  const items = Array.isArray(input) ? input : [];
  const logins = new Map<string, string>();
  for (const item of items) {
    const login =
      typeof item === "string"
        ? item
        : typeof item === "object" && item !== null
          ? (item as { login?: unknown }).login
          : undefined;
    if (typeof login === "string" && login !== "" && !logins.has(login.toLowerCase()))
      logins.set(login.toLowerCase(), login);
  }
  return [...logins.values()];
}

/** Whether GitHub lets `login` be assigned in the repository: an account with a role on it. */
function assignable(ctx: RestContext, repo: RepoState, login: string): SandboxUser | undefined {
  const user = ctx.state.getUser(login);
  return user && ctx.state.permissionOf(repo, user.login) !== "none" ? user : undefined;
}

/**
 * The accounts for `logins`; on create and update GitHub refuses one it cannot assign with 422
 * `{ value, resource: "Issue", field: "assignees", code: "invalid" }`.
 */
export function resolveAssignees(ctx: RestContext, repo: RepoState, logins: readonly string[]): SandboxUser[] {
  const users: SandboxUser[] = [];
  for (const login of logins) {
    const user = assignable(ctx, repo, login);
    if (!user) {
      throw new SandboxHttpError(422, "Validation Failed", {
        errors: [{ value: login, resource: "Issue", field: "assignees", code: "invalid" }],
      });
    }
    users.push(user);
  }
  return users;
}

/** Gives an issue exactly `next` as its assignees, announcing each `unassigned` and `assigned`. */
export function setIssueAssignees(
  ctx: RestContext,
  repo: RepoState,
  sender: SandboxUser,
  issue: IssueState,
  next: readonly SandboxUser[],
): void {
  const had = new Set(issue.assignees.map((user) => user.id));
  const keeps = new Set(next.map((user) => user.id));
  const removed = issue.assignees.filter((user) => !keeps.has(user.id));
  const added = next.filter((user) => !had.has(user.id));
  if (removed.length === 0 && added.length === 0) return;
  issue.assignees = [...next];
  issue.updatedAt = ctx.state.iso();
  for (const assignee of removed) emitIssueEvent(ctx, repo, sender, issue, "unassigned", { assignee });
  for (const assignee of added) emitIssueEvent(ctx, repo, sender, issue, "assigned", { assignee });
}

/**
 * `issues/add-assignees` and `issues/remove-assignees`: callers without push access are silently
 * ignored, as are logins that cannot be assigned; both answer the issue.
 */
export function registerAssigneeHandlers(server: HandlerRegistry, ctx: RestContext): void {
  const change = (adding: boolean) => async (request: SandboxRequest) => {
    const { repo, actor } = issuesRepo(ctx, request);
    const issue = findIssue(ctx, request, repo, Number(request.params.issue_number));
    requireIntegrationWrite(request, issue);
    if (atLeast(roleOf(ctx, request, repo, issue), "write")) {
      const logins = assigneeLogins((request.body as { assignees?: unknown } | undefined)?.assignees);
      const named = logins
        .map((login) => assignable(ctx, repo, login))
        .filter((user): user is SandboxUser => user !== undefined);
      const ids = new Set(named.map((user) => user.id));
      const next = adding
        ? [...issue.assignees, ...named.filter((user) => !issue.assignees.some((had) => had.id === user.id))]
        : issue.assignees.filter((user) => !ids.has(user.id));
      setIssueAssignees(ctx, repo, actor, issue, next);
    }
    return { status: adding ? 201 : 200, body: issueJson(repo, issue, linksOf(request)) };
  };
  server.register("issues/add-assignees", change(true));
  server.register("issues/remove-assignees", change(false));
}

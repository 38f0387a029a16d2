import { issueJson } from "../../represent/index.js";
import type { IssueState, LabelState, RepoState, SandboxUser } from "../../state/index.js";
import { linksOf, type HandlerRegistry, type RestContext } from "../rest-context.js";
import { assigneeLogins, resolveAssignees } from "./assignees.js";
import { atLeast, issuesRepo, requireIntegrationWrite, roleOf } from "./issue-access.js";
import { emitIssueEvent } from "./issue-events.js";
import { checkBody, checkTitle } from "./issue-fields.js";
import { labelNames, resolveLabels } from "./label-changes.js";

interface CreateIssueBody {
  title: string | number;
  body?: string;
  assignee?: string | null;
  labels?: unknown[];
  assignees?: string[];
}

/**
 * A new issue, as `POST /issues` and GraphQL's `createIssue` open it (fields already checked):
 * announces `opened`, then `labeled` per label and `assigned` per assignee.
 */
export function openIssue(
  ctx: RestContext,
  repo: RepoState,
  actor: SandboxUser,
  fields: { title: string; body: string | null; labels?: LabelState[]; assignees?: SandboxUser[] },
): IssueState {
  const labels = fields.labels ?? [];
  const assignees = fields.assignees ?? [];
  const issue = ctx.state.addIssue(repo, { title: fields.title, body: fields.body, user: actor, labels, assignees });
  ctx.events.emit({ name: "issues", action: "opened", repo, sender: actor, issue });
  for (const label of labels) emitIssueEvent(ctx, repo, actor, issue, "labeled", { label });
  for (const assignee of assignees) emitIssueEvent(ctx, repo, actor, issue, "assigned", { assignee });
  return issue;
}

/**
 * `issues/create`: anyone who can see a repository may open an issue (installations need `issues`
 * write). Labels, assignees and the legacy `assignee` count only for callers with push access and
 * are silently dropped otherwise; missing labels are created for them. Announces `opened`, then
 * `labeled` per label and `assigned` per assignee.
 */
export function registerIssueCreateHandler(server: HandlerRegistry, ctx: RestContext): void {
  server.register("issues/create", async (request) => {
    const { repo, actor } = issuesRepo(ctx, request);
    requireIntegrationWrite(request);
    const input = request.body as CreateIssueBody;
    const title = checkTitle(input.title);
    const body = checkBody(input.body ?? null, "Issue");
    const pushes = atLeast(roleOf(ctx, request, repo), "write");
    const logins = pushes
      ? assigneeLogins([...(input.assignee ? [input.assignee] : []), ...(input.assignees ?? [])])
      : [];
    const assignees = resolveAssignees(ctx, repo, logins);
    const labels = pushes ? resolveLabels(ctx, request, repo, labelNames(input.labels ?? [])) : [];

    const issue = openIssue(ctx, repo, actor, { title, body, labels, assignees });
    const links = linksOf(request);
    return {
      status: 201,
      body: issueJson(repo, issue, links),
      headers: { location: `${links.api}/repos/${repo.fullName}/issues/${issue.number}` },
    };
  });
}

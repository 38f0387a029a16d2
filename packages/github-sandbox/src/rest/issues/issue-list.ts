import type { SandboxRequest } from "../../http/index.js";
import { commentCount, issueJson } from "../../represent/index.js";
import type { IssueState, RepoState } from "../../state/index.js";
import { linksOf, type HandlerRegistry, type RestContext, pagedList } from "../rest-context.js";
import { findIssue, issuesRepo, readsIssues } from "./issue-access.js";

type Filter = (issue: IssueState) => boolean;

const text = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);
const sameLogin = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
const escapeRegExp = (value: string): string => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The filters of `GET /repos/{o}/{r}/issues`, as GitHub applies them. */
function listFilters(request: SandboxRequest): Filter[] {
  const query = request.query;
  const filters: Filter[] = [];
  if (!readsIssues(request)) filters.push((issue) => issue.pull !== undefined);
  const state = text(query.state) ?? "open";
  if (state !== "all") filters.push((issue) => issue.state === state);
  const labels = text(query.labels)
    ?.split(",")
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== "");
  if (labels?.length)
    filters.push((issue) => labels.every((name) => issue.labels.some((label) => label.name.toLowerCase() === name)));
  const creator = text(query.creator);
  if (creator) filters.push((issue) => sameLogin(issue.user.login, creator));
  const assignee = text(query.assignee);
  if (assignee === "none") filters.push((issue) => issue.assignees.length === 0);
  else if (assignee === "*") filters.push((issue) => issue.assignees.length > 0);
  else if (assignee) filters.push((issue) => issue.assignees.some((user) => sameLogin(user.login, assignee)));
  const mentioned = text(query.mentioned);
  if (mentioned) {
    const mention = new RegExp(`(^|[^\\w-])@${escapeRegExp(mentioned)}(?![\\w-])`, "i");
    filters.push((issue) => mention.test(issue.body ?? ""));
  }
  // the sandbox has no milestones or issue types: "none" (or nothing) matches every issue, anything else none
  for (const key of ["milestone", "type"]) {
    const value = text(query[key]);
    if (value !== undefined && value !== "none") filters.push(() => false);
  }
  const since = text(query.since);
  if (since) filters.push((issue) => Date.parse(issue.updatedAt) >= Date.parse(since));
  return filters;
}

/** GitHub's `sort` (created, updated, comments) and `direction` (desc unless asked), ties by number. */
function listOrder(repo: RepoState, request: SandboxRequest): (a: IssueState, b: IssueState) => number {
  const sort = text(request.query.sort) ?? "created";
  const sign = text(request.query.direction) === "asc" ? 1 : -1;
  const key = (issue: IssueState): number =>
    sort === "updated"
      ? Date.parse(issue.updatedAt)
      : sort === "comments"
        ? commentCount(repo, issue.number)
        : Date.parse(issue.createdAt);
  return (a, b) => sign * (key(a) - key(b) || a.number - b.number);
}

/** `issues/get` (a pull request's number answers its issue, with `pull_request`) and `issues/list-for-repo`. */
export function registerIssueReadHandlers(server: HandlerRegistry, ctx: RestContext): void {
  server.register("issues/get", async (request) => {
    const { repo } = issuesRepo(ctx, request);
    const issue = findIssue(ctx, request, repo, Number(request.params.issue_number));
    return { status: 200, body: issueJson(repo, issue, linksOf(request)) };
  });

  server.register("issues/list-for-repo", async (request) => {
    const { repo } = issuesRepo(ctx, request);
    const filters = listFilters(request);
    const issues = [...repo.issues.values()]
      .filter((issue) => filters.every((keep) => keep(issue)))
      .sort(listOrder(repo, request));
    const links = linksOf(request);
    return pagedList(issues, request, (issue) => issueJson(repo, issue, links));
  });
}

import { issueEventJson } from "../../represent/index.js";
import { linksOf, pagedList, type HandlerRegistry, type RestContext } from "../rest-context.js";
import { findIssue, issuesRepo } from "./issue-access.js";

/**
 * `GET /issues/{n}/events`: what happened to an issue or pull request, oldest first, paginated.
 * Read access, as for its comments: an installation needs `issues` read, or `pull_requests` read
 * on a pull request. Only the events the sandbox records are there (see the README's limits).
 */
export function registerIssueEventHandlers(server: HandlerRegistry, ctx: RestContext): void {
  server.register("issues/list-events", async (request) => {
    const { repo } = issuesRepo(ctx, request);
    const issue = findIssue(ctx, request, repo, Number(request.params.issue_number));
    const links = linksOf(request);
    const events = repo.issueEvents.filter((event) => event.issueNumber === issue.number);
    return pagedList(events, request, (event) => issueEventJson(repo, event, links));
  });
}

import { SandboxHttpError, type SandboxRequest } from "../../http/index.js";
import { byLabelName, labelJson } from "../../represent/index.js";
import type { IssueState, LabelState, RepoState } from "../../state/index.js";
import { linksOf, paginate, type HandlerRegistry, type RestContext } from "../rest-context.js";
import { findIssue, issuesRepo, requireRole } from "./issue-access.js";
import { labelNames, resolveLabels, setIssueLabels } from "./label-changes.js";

/** An issue's labels as GitHub lists them: by name. */
const sortedLabels = (issue: IssueState): LabelState[] => [...issue.labels].sort(byLabelName);

const labelsBody = (
  repo: RepoState,
  labels: readonly LabelState[],
  request: SandboxRequest,
): Record<string, unknown>[] => {
  const links = linksOf(request);
  return labels.map((label) => labelJson(label, repo, links));
};

/**
 * The labels of one issue or pull request. Applying and removing labels needs triage or more
 * (403 "Must have admin rights to Repository."); installations need `issues` write, or
 * `pull_requests` write on a pull request. Every label added or removed is announced once.
 */
export function registerIssueLabelHandlers(server: HandlerRegistry, ctx: RestContext): void {
  /** The repository, the issue and the acting account, once the caller may change the issue's labels. */
  const labelling = (request: SandboxRequest) => {
    const { repo, actor } = issuesRepo(ctx, request);
    const issue = findIssue(ctx, request, repo, Number(request.params.issue_number));
    requireRole(ctx, request, repo, "triage", { issue });
    return { repo, actor, issue };
  };

  server.register("issues/list-labels-on-issue", async (request) => {
    const { repo } = issuesRepo(ctx, request);
    const issue = findIssue(ctx, request, repo, Number(request.params.issue_number));
    const page = paginate(sortedLabels(issue), request);
    return { status: 200, body: labelsBody(repo, page.body, request), headers: page.headers };
  });

  // Adds to the issue's labels, creating missing ones for those who may; answers all its labels.
  server.register("issues/add-labels", async (request) => {
    const { repo, actor, issue } = labelling(request);
    const wanted = resolveLabels(ctx, request, repo, labelNames(request.body));
    const added = wanted.filter((label) => !issue.labels.some((had) => had.id === label.id));
    setIssueLabels(ctx, repo, actor, issue, [...issue.labels, ...added]);
    return { status: 200, body: labelsBody(repo, sortedLabels(issue), request) };
  });

  // Replaces the issue's labels.
  server.register("issues/set-labels", async (request) => {
    const { repo, actor, issue } = labelling(request);
    setIssueLabels(ctx, repo, actor, issue, resolveLabels(ctx, request, repo, labelNames(request.body)));
    return { status: 200, body: labelsBody(repo, sortedLabels(issue), request) };
  });

  // 404 "Label does not exist" when the issue does not have it; answers the labels left.
  server.register("issues/remove-label", async (request) => {
    const { repo, actor, issue } = labelling(request);
    const name = String(request.params.name).toLowerCase();
    const label = issue.labels.find((had) => had.name.toLowerCase() === name);
    if (!label) throw new SandboxHttpError(404, "Label does not exist");
    setIssueLabels(
      ctx,
      repo,
      actor,
      issue,
      issue.labels.filter((had) => had.id !== label.id),
    );
    return { status: 200, body: labelsBody(repo, sortedLabels(issue), request) };
  });

  server.register("issues/remove-all-labels", async (request) => {
    const { repo, actor, issue } = labelling(request);
    setIssueLabels(ctx, repo, actor, issue, []);
    return { status: 204 };
  });
}

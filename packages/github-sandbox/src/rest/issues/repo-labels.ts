import { SandboxHttpError, type SandboxRequest } from "../../http/index.js";
import { byLabelName, labelJson } from "../../represent/index.js";
import type { LabelState, RepoState } from "../../state/index.js";
import { linksOf, type HandlerRegistry, type RestContext, pagedList } from "../rest-context.js";
import { issuesRepo, requireRole } from "./issue-access.js";
import { createLabel, deleteLabel, findLabel, updateLabel } from "./label-store.js";

interface LabelBody {
  name?: string;
  new_name?: string;
  color?: string;
  description?: string;
}

/** The label named in the path, case-insensitively: 404 "Not Found" otherwise. */
function pathLabel(repo: RepoState, request: SandboxRequest): LabelState {
  const label = findLabel(repo, String(request.params.name));
  if (!label) throw new SandboxHttpError(404, "Not Found");
  return label;
}

/**
 * A repository's labels. Creating, editing and deleting them needs push access (403 "Must have
 * admin rights to Repository."), or `issues` or `pull_requests` write for an installation.
 * Deleting a label takes it off every issue without announcing `unlabeled`, as on GitHub.
 */
export function registerRepoLabelHandlers(server: HandlerRegistry, ctx: RestContext): void {
  /** The repository, once the caller may manage its labels. */
  const managing = (request: SandboxRequest): RepoState => {
    const { repo } = issuesRepo(ctx, request);
    const { principal } = request;
    // GitHub documents either `issues` or `pull_requests` write as enough for an installation here
    const pullRequestsWrite = principal.kind === "installation" && principal.permissions.pull_requests === "write";
    if (!pullRequestsWrite) requireRole(ctx, request, repo, "write");
    return repo;
  };

  server.register("issues/list-labels-for-repo", async (request) => {
    const { repo } = issuesRepo(ctx, request);
    const links = linksOf(request);
    return pagedList([...repo.labels.values()].sort(byLabelName), request, (label) => labelJson(label, repo, links));
  });

  server.register("issues/get-label", async (request) => {
    const { repo } = issuesRepo(ctx, request);
    return { status: 200, body: labelJson(pathLabel(repo, request), repo, linksOf(request)) };
  });

  server.register("issues/create-label", async (request) => {
    const repo = managing(request);
    const input = request.body as LabelBody;
    const label = createLabel(ctx.state, repo, {
      name: input.name ?? "",
      color: input.color,
      description: input.description,
    });
    const json = labelJson(label, repo, linksOf(request));
    return { status: 201, body: json, headers: { location: String(json.url) } };
  });

  server.register("issues/update-label", async (request) => {
    const repo = managing(request);
    const label = pathLabel(repo, request);
    const input = (request.body ?? {}) as LabelBody;
    updateLabel(repo, label, { newName: input.new_name, color: input.color, description: input.description });
    return { status: 200, body: labelJson(label, repo, linksOf(request)) };
  });

  server.register("issues/delete-label", async (request) => {
    const repo = managing(request);
    deleteLabel(repo, pathLabel(repo, request));
    return { status: 204 };
  });
}

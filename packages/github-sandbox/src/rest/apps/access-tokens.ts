import { parseAuthorization } from "../../auth/parse-authorization.js";
import { suspendedMintMessage } from "../../auth/index.js";
import type { SandboxRequest, SandboxResponse } from "../../http/index.js";
import { SandboxHttpError } from "../../http/index.js";
import { repositoryJson, type Links } from "../../represent/index.js";
import type { RepoState } from "../../state/index.js";
import { linksOf, paginate, type HandlerRegistry, type RestContext } from "../rest-context.js";

interface TokenRequest {
  repositories?: string[];
  repository_ids?: number[];
  permissions?: Record<string, string>;
}

const notAccessible = (): SandboxHttpError =>
  new SandboxHttpError(
    422,
    "There is at least one repository that does not exist or is not accessible to the parent installation.",
  );

const installedRepos = (ctx: RestContext): RepoState[] =>
  ctx.state.repos().filter((repo) => ctx.state.isInstalledOn(repo));

const repoJson = (repo: RepoState, links: Links): Record<string, unknown> =>
  repositoryJson(repo, links, { defaultBranch: repo.defaultBranch });

/**
 * The repositories a token request narrows to (by name, as GitHub takes them, or `owner/name`, and
 * by id); undefined when it names none. Any repository outside the installation fails the request.
 */
function narrowedRepos(ctx: RestContext, body: TokenRequest): RepoState[] | undefined {
  const names = body.repositories ?? [];
  const ids = body.repository_ids ?? [];
  if (names.length === 0 && ids.length === 0) return undefined;
  const installed = installedRepos(ctx);
  const chosen = new Set<RepoState>();
  for (const name of names) {
    const key = name.toLowerCase();
    const repo = installed.find(
      (candidate) => candidate.name.toLowerCase() === key || candidate.fullName.toLowerCase() === key,
    );
    if (!repo) throw notAccessible();
    chosen.add(repo);
  }
  for (const id of ids) {
    const repo = installed.find((candidate) => candidate.id === id);
    if (!repo) throw notAccessible();
    chosen.add(repo);
  }
  return [...chosen];
}

/**
 * `POST /app/installations/{id}/access_tokens`: a one-hour token, optionally narrowed to some of
 * the installation's repositories and to fewer permissions (the registry refuses more than the
 * installation has with GitHub's 422). A narrowed token's answer lists its repositories. A
 * suspended installation gets none: 403 "This installation has been suspended", before the body
 * is looked at (best reading: GitHub refuses the installation before the repositories it names).
 */
async function createAccessToken(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  if (Number(request.params.installation_id) !== ctx.state.installation.id)
    throw new SandboxHttpError(404, "Not Found");
  if (ctx.state.isInstallationSuspended()) throw new SandboxHttpError(403, suspendedMintMessage);
  const body = (request.body ?? {}) as TokenRequest;
  const repos = narrowedRepos(ctx, body);
  const token = ctx.auth.createInstallationToken(ctx.state.installation.id, {
    ...(repos ? { repositories: repos.map((repo) => repo.fullName) } : {}),
    ...(body.permissions ? { permissions: body.permissions } : {}),
  });
  const links = linksOf(request);
  return {
    status: 201,
    body: { ...token, ...(repos ? { repositories: repos.map((repo) => repoJson(repo, links)) } : {}) },
  };
}

/** `GET /installation/repositories`: what the calling installation token may reach. */
async function listAccessibleRepos(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const { principal } = request;
  if (principal.kind !== "installation") {
    throw new SandboxHttpError(
      403,
      "You must authenticate with an installation access token in order to list repositories for an installation.",
    );
  }
  const allowed = principal.repositories?.map((name) => name.toLowerCase());
  const repos = installedRepos(ctx)
    .filter((repo) => !allowed || allowed.includes(repo.fullName.toLowerCase()))
    .sort((a, b) => a.id - b.id);
  const links = linksOf(request);
  const { body, headers } = paginate(repos, request);
  return {
    status: 200,
    body: {
      total_count: repos.length,
      repositories: body.map((repo) => repoJson(repo, links)),
      repository_selection: allowed ? "selected" : "all",
    },
    headers,
  };
}

/** `DELETE /installation/token`: 204, and the calling token stops working at once. */
async function revokeToken(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const parsed = parseAuthorization(request.headers.authorization);
  if (request.principal.kind !== "installation" || parsed.kind !== "credential") {
    throw new SandboxHttpError(403, "You must authenticate with an installation access token in order to revoke it");
  }
  ctx.auth.revokeToken(parsed.credential);
  return { status: 204 };
}

export function registerAccessTokenHandlers(server: HandlerRegistry, ctx: RestContext): void {
  server.register("apps/create-installation-access-token", (request) => createAccessToken(ctx, request));
  server.register("apps/list-repos-accessible-to-installation", (request) => listAccessibleRepos(ctx, request));
  server.register("apps/revoke-installation-access-token", (request) => revokeToken(ctx, request));
}

import type { SandboxRequest, SandboxResponse } from "../../http/index.js";
import { SandboxHttpError } from "../../http/index.js";
import { appJson } from "../../represent/app.js";
import { installationJson } from "../../represent/installation.js";
import { linksOf, paginate, type HandlerRegistry, type RestContext } from "../rest-context.js";

const notFound = (): SandboxHttpError => new SandboxHttpError(404, "Not Found");

/** `GET /app`: the app its JWT authenticates. */
async function getAuthenticated(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  return { status: 200, body: appJson(ctx.state, linksOf(request)) };
}

/**
 * `GET /app/installations`. GitHub's description types this list's `account` as a user AND an
 * enterprise (`allOf`, unlike `installation` elsewhere), so the sandbox adds the enterprise's
 * `name`, `slug` and dates to the account to give clients what the description promises.
 */
async function listInstallations(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const links = linksOf(request);
  const installation = installationJson(ctx.state, links);
  const { account, createdAt } = ctx.state.installation;
  const described = {
    ...installation,
    account: {
      ...(installation.account as Record<string, unknown>),
      name: account.name ?? account.login,
      slug: account.login.toLowerCase(),
      created_at: createdAt,
      updated_at: createdAt,
    },
  };
  const { body, headers } = paginate([described], request);
  return { status: 200, body, headers };
}

async function getInstallation(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  if (Number(request.params.installation_id) !== ctx.state.installation.id) throw notFound();
  return { status: 200, body: installationJson(ctx.state, linksOf(request)) };
}

/** `GET /repos/{owner}/{repo}/installation`: 404 unless the app is installed on the repository. */
async function getRepoInstallation(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = ctx.state.getRepo(String(request.params.owner), String(request.params.repo));
  if (!repo || !ctx.state.isInstalledOn(repo)) throw notFound();
  return { status: 200, body: installationJson(ctx.state, linksOf(request)) };
}

/** `GET /orgs/{org}/installation` and `GET /users/{username}/installation`: the account's installation. */
function accountInstallation(
  ctx: RestContext,
  request: SandboxRequest,
  login: unknown,
  type: "Organization" | "User",
): SandboxResponse {
  const { account } = ctx.state.installation;
  const matches = String(login).toLowerCase() === account.login.toLowerCase();
  // GitHub's org route only finds organizations; the user route finds any account.
  if (!matches || (type === "Organization" && account.type !== "Organization")) throw notFound();
  return { status: 200, body: installationJson(ctx.state, linksOf(request)) };
}

export function registerInstallationHandlers(server: HandlerRegistry, ctx: RestContext): void {
  server.register("apps/get-authenticated", (request) => getAuthenticated(ctx, request));
  server.register("apps/list-installations", (request) => listInstallations(ctx, request));
  server.register("apps/get-installation", (request) => getInstallation(ctx, request));
  server.register("apps/get-repo-installation", (request) => getRepoInstallation(ctx, request));
  server.register("apps/get-org-installation", async (request) =>
    accountInstallation(ctx, request, request.params.org, "Organization"),
  );
  server.register("apps/get-user-installation", async (request) =>
    accountInstallation(ctx, request, request.params.username, "User"),
  );
}

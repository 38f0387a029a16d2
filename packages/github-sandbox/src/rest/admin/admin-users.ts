import { createHash } from "node:crypto";
import { SandboxHttpError, type SandboxRequest } from "../../http/index.js";
import { userJson } from "../../represent/index.js";
import type { SandboxUser } from "../../state/index.js";
import type { HandlerRegistry, RestContext } from "../rest-context.js";
import { linksOf } from "../rest-context.js";

/** GitHub's rule for a login: letters, digits and single inner hyphens, at most 39 characters. */
const validLogin = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

/** What GHES reports as the OAuth "app" of an impersonation token. */
const siteAdminApp = {
  client_id: "00000000000000000000",
  name: "GitHub Site Administrator",
  url: "https://docs.github.com/enterprise-server/rest/enterprise-admin/users",
};

interface Impersonation {
  id: number;
  token: string;
  scopes: string[];
  user: SandboxUser;
  createdAt: string;
}

/** The site-admin endpoints take a user token of a site administrator, nothing else. */
function requireSiteAdmin(ctx: RestContext, request: SandboxRequest): void {
  const { principal } = request;
  if (principal.kind !== "user") throw new SandboxHttpError(403, "Resource not accessible by integration");
  if (!ctx.state.isSiteAdmin(principal.login)) throw new SandboxHttpError(403, "Must be a site administrator.");
}

function authorizationJson(request: SandboxRequest, grant: Impersonation): Record<string, unknown> {
  const links = linksOf(request);
  return {
    id: grant.id,
    url: `${links.api}/authorizations/${grant.id}`,
    scopes: grant.scopes,
    token: grant.token,
    token_last_eight: grant.token.slice(-8),
    hashed_token: createHash("sha256").update(grant.token).digest("base64"),
    app: siteAdminApp,
    note: null,
    note_url: null,
    updated_at: grant.createdAt,
    created_at: grant.createdAt,
    fingerprint: null,
    user: userJson(grant.user, links),
    expires_at: null,
  };
}

/**
 * GitHub Enterprise Server's site-admin user endpoints: `POST /admin/users` makes an account and
 * `POST /admin/users/{username}/authorizations` an impersonation token acting as it (the same
 * token again, with 200, while one exists), so tests act as real people of each role.
 */
export function registerAdminUserHandlers(server: HandlerRegistry, ctx: RestContext): void {
  const impersonations = new Map<string, Impersonation>();

  server.register("enterprise-admin/create-user", async (request) => {
    requireSiteAdmin(ctx, request);
    const { login, email } = request.body as { login: string; email?: string };
    if (!validLogin.test(login)) {
      throw new SandboxHttpError(422, "Validation Failed", {
        errors: [{ resource: "User", code: "custom", field: "login", message: "login is invalid" }],
      });
    }
    if (ctx.state.getUser(login)) {
      throw new SandboxHttpError(422, "Validation Failed", {
        errors: [{ resource: "User", code: "custom", field: "login", message: "login is already taken" }],
      });
    }
    const user = ctx.state.ensureUser(login);
    user.email = email ?? null;
    return { status: 201, body: userJson(user, linksOf(request)) };
  });

  server.register("enterprise-admin/create-impersonation-o-auth-token", async (request) => {
    requireSiteAdmin(ctx, request);
    const user = ctx.state.getUser(String(request.params.username));
    if (user === undefined || user.type !== "User") throw new SandboxHttpError(404, "Not Found");
    const existing = impersonations.get(user.login.toLowerCase());
    if (existing) return { status: 200, body: authorizationJson(request, existing) };
    const grant: Impersonation = {
      id: ctx.state.nextId(),
      token: ctx.auth.createUserToken(user.login),
      scopes: [...(request.body as { scopes: string[] }).scopes],
      user,
      createdAt: ctx.state.iso(),
    };
    impersonations.set(user.login.toLowerCase(), grant);
    return { status: 201, body: authorizationJson(request, grant) };
  });
}

import type { AuthRegistry, Principal } from "../auth/index.js";
import { restDocumentationUrl } from "./github-error-body.js";
import { SandboxHttpError } from "./sandbox-http-error.js";

/** What the HTTP layer needs from `AuthRegistry`. */
export type SandboxAuthenticator = Pick<AuthRegistry, "app" | "authenticate" | "verifyAppJwt">;

/**
 * Paths GitHub answers only for the app itself, authenticated with its JWT; the same list
 * @octokit/auth-app uses to decide when to send the JWT instead of an installation token.
 */
const appJwtTemplates = new Set([
  "/app",
  "/app/hook/config",
  "/app/hook/deliveries",
  "/app/hook/deliveries/{delivery_id}",
  "/app/hook/deliveries/{delivery_id}/attempts",
  "/app/installations",
  "/app/installations/{installation_id}",
  "/app/installations/{installation_id}/access_tokens",
  "/app/installations/{installation_id}/suspended",
  "/app/installation-requests",
  "/orgs/{org}/installation",
  "/repos/{owner}/{repo}/installation",
  "/users/{username}/installation",
  "/enterprises/{enterprise}/installation",
]);

/** Public metadata GitHub serves to any caller, the app's JWT included. */
const openToAppJwt = new Set([
  "apps/get-by-slug",
  "meta/root",
  "meta/get",
  "meta/get-zen",
  "meta/get-octocat",
  "rate-limit/get",
]);

export const requiresAppJwt = (template: string): boolean =>
  appJwtTemplates.has(template) || template.startsWith("/marketplace_listing/");

const unauthenticated = (message: string, documentationUrl: string, status: 401 | 403 = 401): SandboxHttpError =>
  new SandboxHttpError(status, message, { documentationUrl });

/** An installation or user token (or, where GitHub allows it, the app's JWT) behind `authorization`. */
export function authenticateToken(
  auth: SandboxAuthenticator,
  authorization: string | undefined,
  documentationUrl: string,
): Principal {
  const principal = auth.authenticate(authorization);
  if (principal === undefined) throw unauthenticated("Requires authentication", documentationUrl);
  // a suspended installation's token is known but refused: 403 with GitHub's words for it
  if ("status" in principal) throw unauthenticated(principal.message, restDocumentationUrl, principal.status);
  return principal;
}

/**
 * Who is calling, checked as GitHub checks it: the JWT-only routes verify the app's JWT (and
 * answer with GitHub's JWT messages, which @octokit/auth-app reads to correct clock skew); every
 * other route takes installation and user tokens, and refuses a JWT acting beyond the app.
 */
export function authenticateRequest(
  auth: SandboxAuthenticator,
  route: { template: string; operationId: string; documentationUrl: string },
  authorization: string | undefined,
): Principal {
  if (!requiresAppJwt(route.template)) {
    const principal = authenticateToken(auth, authorization, route.documentationUrl);
    if (principal.kind === "app" && !openToAppJwt.has(route.operationId)) {
      // A JWT acts only as the app; repository work needs an installation token.
      throw new SandboxHttpError(403, "Resource not accessible by integration", {
        documentationUrl: route.documentationUrl,
      });
    }
    return principal;
  }
  if (!authorization) throw unauthenticated("Requires authentication", route.documentationUrl);
  const verdict = auth.verifyAppJwt(authorization);
  if (!verdict.ok) throw unauthenticated(verdict.message, restDocumentationUrl);
  return { kind: "app", appId: auth.app.appId };
}

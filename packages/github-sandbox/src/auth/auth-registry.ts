import type { KeyObject } from "node:crypto";
import type { AppIdentity } from "./app-identity.js";
import { generateToken } from "./generate-token.js";
import { defaultInstallationPermissions, narrowPermissions } from "./installation-permissions.js";
import { jwtMessages } from "./jwt-messages.js";
import { SandboxAuthError } from "./sandbox-auth-error.js";
import { suspendedMintMessage } from "./suspended-installation.js";
import { parseAuthorization } from "./parse-authorization.js";
import type { AuthFailure, InstallationPrincipal, Principal } from "./principal.js";
import { loadPublicKey, verifyAppJwtToken, type JwtVerification } from "./verify-app-jwt.js";

export interface AuthRegistryOptions {
  app: AppIdentity;
  /** Milliseconds since the epoch; injectable so tests can move the clock. */
  now?: () => number;
  /** What every installation grants; defaults to the permissions of `seed/app.yml`. */
  installationPermissions?: Record<string, string>;
  /**
   * GitHub's answer to a token of this installation while it is suspended (see
   * `suspendedTokenMessage`); undefined while it is not. A suspended installation gets no new tokens.
   */
  suspendedInstallation?: (installationId: number) => string | undefined;
}

export interface InstallationTokenOptions {
  /** `owner/name` of the repositories to narrow the token to. */
  repositories?: string[];
  permissions?: Record<string, string>;
}

/** The body of GitHub's `POST /app/installations/{id}/access_tokens` answer, minus `repositories`. */
export interface InstallationToken {
  token: string;
  expires_at: string;
  permissions: Record<string, string>;
  repository_selection: "all" | "selected";
}

/** GitHub's installation tokens live one hour. */
export const installationTokenLifetimeMs = 60 * 60 * 1000;

const badCredentials: AuthFailure = { status: 401, message: "Bad credentials" };

/** GitHub's timestamp format: ISO 8601 without milliseconds. */
const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

type StoredToken =
  | { kind: "installation"; principal: InstallationPrincipal; expiresAtMs: number }
  | { kind: "user"; login: string };

/**
 * Who may call the sandbox, checked the way GitHub checks it: app JWTs against the app's public
 * key, installation tokens that expire after an hour, and user tokens for acting as a person.
 * Unknown or expired credentials get GitHub's "Bad credentials".
 */
export class AuthRegistry {
  readonly app: AppIdentity;
  readonly #publicKey: KeyObject;
  readonly #now: () => number;
  readonly #granted: Readonly<Record<string, string>>;
  readonly #suspended: (installationId: number) => string | undefined;
  readonly #tokens = new Map<string, StoredToken>();
  /** what the installations of other apps grant, by installation id */
  readonly #otherGrants = new Map<number, Readonly<Record<string, string>>>();

  constructor(options: AuthRegistryOptions) {
    this.app = options.app;
    this.#publicKey = loadPublicKey(options.app);
    this.#now = options.now ?? Date.now;
    this.#granted = options.installationPermissions ?? defaultInstallationPermissions;
    this.#suspended = options.suspendedInstallation ?? (() => undefined);
  }

  /** For the `/app…` endpoints, which accept nothing but the app's JWT. */
  verifyAppJwt(authorization: string | undefined): JwtVerification {
    const parsed = parseAuthorization(authorization);
    if (parsed.kind !== "credential" || parsed.scheme === "basic") {
      return { ok: false, status: 401, message: jwtMessages.undecodable };
    }
    return verifyAppJwtToken(this.app, this.#publicKey, parsed.credential, Math.floor(this.#now() / 1000));
  }

  /** Another app's installation (GitHub Actions), granting `permissions` to its tokens. */
  grantInstallation(installationId: number, permissions: Record<string, string>): void {
    this.#otherGrants.set(installationId, { ...permissions });
  }

  /**
   * Mints a token for an installation. Whether the installation and repositories exist is the
   * caller's business; a suspended installation throws `SandboxAuthError` (403), a permission the
   * installation lacks too (422).
   */
  createInstallationToken(installationId: number, options: InstallationTokenOptions = {}): InstallationToken {
    if (this.#suspended(installationId) !== undefined) throw new SandboxAuthError(403, suspendedMintMessage);
    const permissions = narrowPermissions(this.#otherGrants.get(installationId) ?? this.#granted, options.permissions);
    const expiresAtMs = this.#now() + installationTokenLifetimeMs;
    const token = generateToken("ghs_");
    const principal: InstallationPrincipal = {
      kind: "installation",
      installationId,
      permissions,
      repositories: options.repositories ? [...options.repositories] : undefined,
      expiresAt: isoSeconds(expiresAtMs),
    };
    this.#tokens.set(token, { kind: "installation", principal, expiresAtMs });
    return {
      token,
      expires_at: principal.expiresAt,
      permissions: { ...permissions },
      repository_selection: options.repositories ? "selected" : "all",
    };
  }

  /** A personal-access-token-shaped credential for acting as `login` (labelling, commenting, approving). */
  createUserToken(login: string): string {
    const token = generateToken("ghp_");
    this.#tokens.set(token, { kind: "user", login });
    return token;
  }

  /** `DELETE /installation/token`: the token stops working at once. */
  revokeToken(token: string): boolean {
    return this.#tokens.delete(token);
  }

  /**
   * The principal behind an `Authorization` header; undefined when there is none (anonymous).
   * A JWT that fails verification answers with GitHub's JWT message, anything else unknown or
   * expired with "Bad credentials", a token of a suspended installation with GitHub's 403.
   */
  authenticate(authorization: string | undefined): Principal | AuthFailure | undefined {
    const parsed = parseAuthorization(authorization);
    if (parsed.kind === "none") return undefined;
    if (parsed.kind === "malformed") return badCredentials;

    const stored = this.#tokens.get(parsed.credential);
    if (stored?.kind === "user") return { kind: "user", login: stored.login };
    if (stored?.kind === "installation") {
      if (this.#now() >= stored.expiresAtMs) {
        this.#tokens.delete(parsed.credential);
        return badCredentials;
      }
      const suspended = this.#suspended(stored.principal.installationId);
      return suspended === undefined ? structuredClone(stored.principal) : { status: 403, message: suspended };
    }

    // Tokens never contain dots; a three-part credential can only be meant as an app JWT.
    if (parsed.scheme !== "basic" && parsed.credential.split(".").length === 3) {
      const verdict = verifyAppJwtToken(this.app, this.#publicKey, parsed.credential, Math.floor(this.#now() / 1000));
      return verdict.ok ? { kind: "app", appId: this.app.appId } : { status: 401, message: verdict.message };
    }
    return badCredentials;
  }
}

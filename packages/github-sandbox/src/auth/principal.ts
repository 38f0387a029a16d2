/** Who a request acts as, once its `Authorization` header has been checked. */
export type Principal = InstallationPrincipal | UserPrincipal | AppPrincipal;

export interface InstallationPrincipal {
  kind: "installation";
  installationId: number;
  permissions: Record<string, string>;
  /** `owner/name` of the repositories the token was narrowed to; undefined = all of the installation's. */
  repositories: string[] | undefined;
  expiresAt: string;
}

export interface UserPrincipal {
  kind: "user";
  login: string;
}

/** Authenticated with the app's JWT: may only call the `/app…` endpoints, as on GitHub. */
export interface AppPrincipal {
  kind: "app";
  appId: number;
}

export interface AuthFailure {
  status: 401;
  message: string;
}

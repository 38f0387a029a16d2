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

/** 401 for credentials GitHub does not know (or no longer), 403 for a suspended installation's token. */
export interface AuthFailure {
  status: 401 | 403;
  message: string;
}

import { defaultInstallationPermissions } from "../../auth/index.js";
import { SandboxHttpError } from "../../http/index.js";
import type { BranchProtectionState, RepoState, SandboxAppInfo, SandboxState } from "../../state/index.js";
import type { RestContext } from "../rest-context.js";

/** `restrictions` of `PUT /branches/{branch}/protection`: who may push, by login, team slug and app slug. */
export interface RestrictionsBody {
  users: string[];
  teams: string[];
  apps?: string[];
}

export type PushRestrictions = NonNullable<BranchProtectionState["restrictions"]>;

/**
 * GitHub's answer to restrictions on a repository a user account owns, empty lists included (seen
 * in public reports of `PUT …/protection`; the docs say "User, app, and team restrictions are only
 * available for organization-owned repositories").
 */
export function assertOrganizationRepo(repo: RepoState): void {
  if (repo.owner.type !== "Organization")
    throw new SandboxHttpError(422, "Only organization repositories can have users and team restrictions");
}

/** The sandbox has no teams: a team is refused rather than stored and never honoured. */
export function assertNoTeams(teams: readonly string[]): void {
  if (teams.length > 0)
    throw new SandboxHttpError(
      422,
      "Invalid request.\n\nTeam restrictions are not implemented: the sandbox has no teams; it restricts pushes " +
        "to users and apps.",
    );
}

/** What an installation of `app` grants: app.yml's `default_permissions` for the sandbox's own app. */
function grantedTo(state: SandboxState, app: SandboxAppInfo): Record<string, string> {
  if (app.id === state.app.id) return state.installation.permissions ?? defaultInstallationPermissions;
  return app.permissions ?? {};
}

/**
 * The apps the slugs name, each one GitHub accepts as an authorized actor: "Only GitHub Apps that
 * are installed on the repository and that have been granted write access to the repository
 * contents" (GitHub's docs). The 422's wording for any other is the best reading: GitHub's own is
 * not published.
 */
export function restrictableApps(ctx: RestContext, repo: RepoState, slugs: readonly string[]): SandboxAppInfo[] {
  return slugs.map((slug) => {
    const app = ctx.state.appBySlug(slug);
    const contents = app && grantedTo(ctx.state, app).contents;
    if (!app || !ctx.state.isInstalledOn(repo) || (contents !== "write" && contents !== "admin")) {
      throw new SandboxHttpError(422, "Validation Failed", {
        errors: [
          `${slug} is not an app installed on this repository with write access to its contents: only GitHub Apps ` +
            "that are installed on the repository and that have been granted write access to the repository " +
            "contents can be added as authorized actors on a protected branch",
        ],
      });
    }
    return app;
  });
}

/**
 * The stored restrictions of a `PUT …/protection` body. `users` and `teams` replace the previous
 * lists; an `apps` left out keeps the apps already allowed (GitHub's note: "Passing new arrays of
 * users and teams replaces their previous values", which tools that manage protection rely on).
 */
export function pushRestrictionsOf(
  ctx: RestContext,
  repo: RepoState,
  body: RestrictionsBody | null,
  previous: PushRestrictions | null | undefined,
): PushRestrictions | null {
  if (body === null) return null;
  assertOrganizationRepo(repo);
  assertNoTeams(body.teams);
  const apps =
    body.apps === undefined ? (previous?.apps ?? []) : restrictableApps(ctx, repo, body.apps).map((app) => app.slug);
  return { users: [...body.users], apps: [...new Set(apps)] };
}

import { defaultInstallationPermissions } from "../auth/index.js";
import { shownSuspension, type SandboxState } from "../state/index.js";
import { appManifest } from "./app.js";
import type { Links } from "./links.js";
import { userJson } from "./user.js";

/**
 * GitHub's `installation` for the sandbox's one installation: on every repository of its account
 * (`repository_selection: "all"`), with app.yml's permissions and events. While it is suspended,
 * `suspended_at` and `suspended_by` name the later suspension (the app's shows the app's bot).
 */
export function installationJson(state: SandboxState, links: Links): Record<string, unknown> {
  const { installation, app } = state;
  const { account } = installation;
  const suspended = shownSuspension(installation.suspension, state.appBot());
  const settings =
    account.type === "Organization"
      ? `${links.web}/organizations/${account.login}/settings/installations/${installation.id}`
      : `${links.web}/settings/installations/${installation.id}`;
  return {
    id: installation.id,
    account: userJson(account, links),
    repository_selection: "all",
    access_tokens_url: `${links.api}/app/installations/${installation.id}/access_tokens`,
    repositories_url: `${links.api}/installation/repositories`,
    html_url: settings,
    app_id: app.id,
    app_slug: app.slug,
    target_id: account.id,
    target_type: account.type,
    permissions: { ...(installation.permissions ?? defaultInstallationPermissions) },
    events: [...appManifest.events],
    created_at: installation.createdAt,
    updated_at: installation.updatedAt,
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: suspended ? userJson(suspended.by, links) : null,
    suspended_at: suspended?.at ?? null,
  };
}

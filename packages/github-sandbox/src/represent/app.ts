import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { defaultInstallationPermissions } from "../auth/index.js";
import { legacyNodeId, type SandboxAppInfo, type SandboxState } from "../state/index.js";
import type { Links } from "./links.js";
import { userJson } from "./user.js";

/** What GitHub shows of the app that app.yml registers: its description, homepage and events. */
export interface AppManifest {
  description: string | null;
  /** the app's homepage, GitHub's `external_url` and the default `details_url` of its check runs */
  url: string;
  /** `default_events`: what the app subscribes to, GitHub's `events` of the app and its installations */
  events: string[];
}

/**
 * The app registration in `seed/app.yml` (Autopilot's app.yml), read once, so the sandbox's
 * `GET /app` and installations announce the events the real registration subscribes to (the
 * permissions come from the auth layer, which reads the same file).
 */
export const appManifest: Readonly<AppManifest> = readAppManifest();

function readAppManifest(): AppManifest {
  const manifest = parse(readFileSync(new URL("../../seed/app.yml", import.meta.url), "utf8")) as {
    description?: string;
    url?: string;
    default_events?: string[];
  };
  if (!Array.isArray(manifest?.default_events)) throw new Error("sandbox: seed/app.yml has no default_events");
  return {
    description: manifest.description?.trim() ?? null,
    url: manifest.url ?? "https://github.com",
    events: [...manifest.default_events],
  };
}

/** The account that registered the app (the organization it is installed on, for the sandbox's own). */
const appOwner = (state: SandboxState, app: SandboxAppInfo) =>
  state.getUser(app.ownerLogin) ?? state.ensureUser(app.ownerLogin, "Organization");

/**
 * GitHub's `integration` (`GET /app`), which is also the `app` of check runs and check suites:
 * the app's identity, owner, permissions and subscribed events. `app` defaults to the sandbox's
 * own app, described by app.yml; another app (GitHub Actions) describes itself.
 */
export function appJson(state: SandboxState, links: Links, app: SandboxAppInfo = state.app): Record<string, unknown> {
  const own = app.id === state.app.id;
  return {
    id: app.id,
    slug: app.slug,
    node_id: legacyNodeId("Integration", app.id),
    owner: userJson(appOwner(state, app), links),
    name: app.name,
    description: app.description !== undefined ? app.description : own ? appManifest.description : null,
    external_url: app.externalUrl ?? (own ? appManifest.url : `${links.web}/apps/${app.slug}`),
    html_url: `${links.web}/apps/${app.slug}`,
    created_at: state.installation.createdAt,
    updated_at: state.installation.createdAt,
    permissions: { ...(app.permissions ?? (own ? defaultInstallationPermissions : {})) },
    events: [...(app.events ?? (own ? appManifest.events : []))],
    installations_count: 1,
  };
}

/** The app whose suite `appId` names (the sandbox's own app when unknown). */
export const appWithId = (state: SandboxState, appId: number | undefined): SandboxAppInfo =>
  (appId === undefined ? undefined : state.appById(appId)) ?? state.app;

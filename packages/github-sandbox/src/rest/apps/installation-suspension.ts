import type { EventSink } from "../../events/index.js";
import type { SandboxRequest, SandboxResponse } from "../../http/index.js";
import { SandboxHttpError } from "../../http/index.js";
import type { SandboxState } from "../../state/index.js";
import type { HandlerRegistry, RestContext } from "../rest-context.js";

type SuspensionParts = { state: SandboxState; events: EventSink };

/**
 * Suspends the app's installation and tells the app (`installation.suspend`, which still reaches
 * it). The app's own suspension is sent by the app's bot, as GitHub records its actor.
 */
export function suspendInstallation({ state, events }: SuspensionParts, by: "app" | { login: string }): void {
  const sender = by === "app" ? state.appBot() : state.ensureUser(by.login);
  state.suspendInstallation(by === "app" ? "app" : sender);
  events.emit({ name: "installation", action: "suspend", sender });
}

/** Lifts the app's own suspension or an owner's and tells the app (`installation.unsuspend`). */
export function unsuspendInstallation({ state, events }: SuspensionParts, by: "app" | { login: string }): void {
  state.unsuspendInstallation(by === "app" ? "app" : "owner");
  const sender = by === "app" ? state.appBot() : state.ensureUser(by.login);
  events.emit({ name: "installation", action: "unsuspend", sender });
}

/**
 * What an owner does on the installation's settings page, which has no API. The page offers
 * "Suspend" only while the installation is not suspended (GitHub's `already_suspended`) and
 * "Unsuspend" only for an owner's suspension: the app's own is lifted by the app alone.
 */
export function suspendAsOwner(parts: SuspensionParts, login: string): void {
  if (parts.state.isInstallationSuspended()) {
    throw new Error("Sandbox: the installation is already suspended; GitHub offers an owner no Suspend then");
  }
  suspendInstallation(parts, { login });
}

export function unsuspendAsOwner(parts: SuspensionParts, login: string): void {
  if (!parts.state.installation.suspension.byOwner) {
    throw new Error("Sandbox: no owner suspended the installation; an owner cannot lift the app's own suspension");
  }
  unsuspendInstallation(parts, { login });
}

/**
 * `PUT` and `DELETE /app/installations/{id}/suspended` (app JWT): 204, 404 for an installation
 * that is not the app's. GitHub answers 204 whatever the installation's state: suspending again
 * moves `suspended_at`, unsuspending an installation the app did not suspend changes nothing (an
 * owner's suspension stays), and each call sends its webhook (GitHub instruments every call;
 * that the webhook follows even when nothing changed is the best reading).
 */
function suspensionHandler(ctx: RestContext, change: typeof suspendInstallation) {
  return async (request: SandboxRequest): Promise<SandboxResponse> => {
    if (Number(request.params.installation_id) !== ctx.state.installation.id) {
      throw new SandboxHttpError(404, "Not Found");
    }
    change(ctx, "app");
    return { status: 204 };
  };
}

export function registerSuspensionHandlers(server: HandlerRegistry, ctx: RestContext): void {
  server.register("apps/suspend-installation", suspensionHandler(ctx, suspendInstallation));
  server.register("apps/unsuspend-installation", suspensionHandler(ctx, unsuspendInstallation));
}

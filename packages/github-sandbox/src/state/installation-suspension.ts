import type { SandboxUser } from "./sandbox-user.js";

/**
 * An installation's suspensions. GitHub keeps two apart (`integrator_suspended_at` and
 * `user_suspended_by`/`user_suspended_at`): the app's own (`PUT /app/installations/{id}/suspended`)
 * and an owner's (the installation's settings page), and each is lifted only the way it was set.
 * The installation is suspended while either holds.
 */
export interface InstallationSuspension {
  byApp: { at: string } | null;
  byOwner: { at: string; by: SandboxUser } | null;
}

export const notSuspended = (): InstallationSuspension => ({ byApp: null, byOwner: null });

export const isSuspended = (suspension: InstallationSuspension): boolean =>
  suspension.byApp !== null || suspension.byOwner !== null;

/**
 * GitHub's `suspended_at` and `suspended_by`: those of the later suspension, the app's shown as
 * done by the app's bot (GitHub's `IntegrationInstallation#suspended_by` returns the installation's
 * bot for it, and prefers the owner on a tie). Null while nothing holds.
 */
export function shownSuspension(
  suspension: InstallationSuspension,
  appBot: SandboxUser,
): { at: string; by: SandboxUser } | null {
  const { byApp, byOwner } = suspension;
  if (byApp && (!byOwner || byApp.at > byOwner.at)) return { at: byApp.at, by: appBot };
  return byOwner;
}

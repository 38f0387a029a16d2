import { defaultInstallationPermissions } from "../auth/index.js";
import { appManifest } from "../represent/app.js";
import type { SandboxState } from "../state/index.js";

/** Events GitHub sends an app only when it subscribes to them AND its installation may read this. */
const guardedEvents: Readonly<Record<string, string>> = {
  workflow_run: "actions",
  merge_group: "merge_queues",
  pull_request_review_thread: "pull_requests",
  // every installation may read metadata: what decides is the subscription
  repository: "metadata",
};

/**
 * Whether the app hears of an event: GitHub sends `workflow_run` only to an app subscribed to it
 * (app.yml's `default_events`) whose installation grants `actions: read` (or write), and
 * `merge_group` only to one subscribed to it whose installation grants `merge_queues: read`,
 * `pull_request_review_thread` only with `pull_requests: read`, and `repository` (archived,
 * unarchived) to any app subscribed to it. The app's events are app.yml's unless the sandbox was
 * started with others (`appEvents`). The sandbox checks this for the events in `guardedEvents`
 * and sends the older ones as it always has. While the installation is suspended only
 * `installation` events reach the app (`suspend`, `unsuspend`): GitHub leaves a suspended
 * installation's hooks out of every other event's subscribers.
 */
export function deliveredToApp(state: SandboxState, event: string): boolean {
  // a suspended installation hears of nothing in its repositories, only of its own suspension
  if (state.isInstallationSuspended()) return event === "installation";
  const permission = guardedEvents[event];
  if (permission === undefined) return true;
  if (!(state.app.events ?? appManifest.events).includes(event)) return false;
  if (permission === "metadata") return true;
  const granted = (state.installation.permissions ?? defaultInstallationPermissions)[permission];
  return granted === "read" || granted === "write" || granted === "admin";
}

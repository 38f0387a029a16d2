import type { DoctorCheck } from "./judge-workflow.js";

export type PermissionLevel = "read" | "write";

/** One permission of Autopilot's app: the level it needs, and what stops working without it. */
export interface PermissionNeed {
  /** GitHub's name, as in app.yml's `default_permissions` and the installation's `permissions` */
  permission: string;
  /** what the app's settings page calls it */
  title: string;
  level: PermissionLevel;
  breaks: string;
}

/** What Autopilot's app needs on a repository (app.yml's `default_permissions`, each with why). */
export const neededPermissions: readonly PermissionNeed[] = [
  {
    permission: "contents",
    title: "Contents",
    level: "write",
    breaks: "the app cannot create task branches, commit task files or record the queue, so no task starts",
  },
  {
    permission: "pull_requests",
    title: "Pull requests",
    level: "write",
    breaks: "the app cannot open the draft task PR, update its branch or merge it",
  },
  {
    permission: "issues",
    title: "Issues",
    level: "write",
    breaks: "the app cannot comment, ask the owner's questions, set its labels or keep the dashboard issue",
  },
  {
    permission: "checks",
    title: "Checks",
    level: "write",
    breaks: "the gates and the review cannot report as check runs, so no task PR is ever merged",
  },
  {
    permission: "actions",
    title: "Actions",
    level: "write",
    breaks:
      "GitHub refuses the `workflow_dispatch` that starts the agent (403), so the agent never starts; without at least `actions: read` GitHub sends no `workflow_run` events and the app cannot read the agent's run or its log, so a failed run is neither reported, re-run nor handed to the owner",
  },
  {
    permission: "statuses",
    title: "Commit statuses",
    level: "read",
    breaks: "the app cannot read commit statuses, so CI that reports statuses never counts and nothing merges",
  },
  {
    permission: "merge_queues",
    title: "Merge queues",
    level: "write",
    breaks:
      "GitHub refuses to put the approved task PR in the default branch's merge queue, so no task PR is merged, and sends no `merge_group` events, so a queue whose rules require `autopilot/*` checks waits on them until it times out",
  },
  {
    permission: "metadata",
    title: "Metadata",
    level: "read",
    breaks: "the app cannot read the repository at all",
  },
];

/** The webhooks the app subscribes to (app.yml's `default_events`). */
export const neededEvents: readonly string[] = [
  "issues",
  "issue_comment",
  "pull_request",
  "pull_request_review",
  "pull_request_review_thread",
  "push",
  "check_suite",
  "check_run",
  "status",
  "workflow_run",
  "merge_group",
];

/** Events only a configuration that dispatches workflows needs. */
const dispatchEvents = new Set(["workflow_run"]);
/** Events only a default branch under a merge queue needs. */
const mergeQueueEvents = new Set(["merge_group"]);

/** Events whose absence only delays something (the sweep does it later), with what is delayed: a warning. */
const delayingEvents: Readonly<Record<string, string>> = {
  pull_request_review_thread:
    "a merge waiting for a person to resolve a review conversation goes on only at the next sweep or event",
};

export interface PermissionsContext {
  /** the installation's `permissions` (GET /repos/{owner}/{repo}/installation) */
  granted: Readonly<Record<string, string>>;
  /** the installation's `events`; undefined when not known */
  events?: readonly string[];
  /** whether the configuration starts agents with `workflow_dispatch` (the only use of `actions: write`) */
  dispatchesWorkflows: boolean;
  /** whether GitHub's rules put the default branch under a merge queue (the only use of `merge_queues`) */
  mergeQueue?: boolean;
  /** the `@org/team` owners CODEOWNERS names: reading their members needs `members: read` */
  codeownerTeams: readonly string[];
  /** where the owner changes the permissions, e.g. the installation's settings page */
  settingsUrl?: string;
}

const ranks: Readonly<Record<string, number>> = { read: 1, write: 2, admin: 3 };
const rank = (level: string | undefined): number => (level === undefined ? 0 : (ranks[level] ?? 0));
const levelName = (level: PermissionLevel): string => (level === "write" ? "Read and write" : "Read-only");

/**
 * Whether the app's installation grants what Autopilot needs: one failing row per permission
 * missing or too low (naming it, what breaks, how to grant it), a warning for `members: read`
 * when CODEOWNERS names teams, and for webhook events not subscribed; one `ok` row otherwise.
 */
export function judgePermissions(context: PermissionsContext): DoctorCheck[] {
  const where = context.settingsUrl ? ` (${context.settingsUrl})` : "";
  const howToGrant = (title: string, level: PermissionLevel): string =>
    `grant it in the GitHub App's settings (Permissions & events: ${title} → ${levelName(level)}), ` +
    `then have an owner accept the new permissions on the installation${where}`;
  const rows: DoctorCheck[] = [];
  const applies = (need: PermissionNeed): boolean =>
    (need.permission !== "actions" || context.dispatchesWorkflows) &&
    (need.permission !== "merge_queues" || context.mergeQueue === true);
  for (const need of neededPermissions) {
    if (!applies(need)) continue;
    const granted = context.granted[need.permission];
    if (rank(granted) >= rank(need.level)) continue;
    const has = granted === undefined ? "does not grant it" : `grants only \`${need.permission}: ${granted}\``;
    rows.push({
      check: `app permission ${need.permission}`,
      result: "fail",
      advice:
        `Autopilot needs \`${need.permission}: ${need.level}\`; the installation ${has}: ${need.breaks}. ` +
        howToGrant(need.title, need.level),
    });
  }
  if (context.codeownerTeams.length && rank(context.granted.members) < rank("read")) {
    rows.push({
      check: "app permission members",
      result: "warn",
      advice:
        `CODEOWNERS names ${context.codeownerTeams.join(", ")}, but the installation does not grant ` +
        "`members: read` (an organization permission): the app cannot see who is in those teams, " +
        "so their approvals do not count for the files they own. " +
        howToGrant("Organization permissions → Members", "read"),
    });
  }
  if (context.events) {
    const subscribed = new Set(context.events);
    const missing = neededEvents.filter(
      (event) =>
        !subscribed.has(event) &&
        (context.dispatchesWorkflows || !dispatchEvents.has(event)) &&
        (context.mergeQueue === true || !mergeQueueEvents.has(event)),
    );
    const stalling = missing.filter((event) => !Object.hasOwn(delayingEvents, event));
    const delaying = missing.filter((event) => Object.hasOwn(delayingEvents, event));
    const runs = stalling.includes("workflow_run")
      ? " (without `workflow_run` the agent's failed runs are never reported, re-run or handed to the owner)"
      : "";
    const subscribe =
      "Subscribe in the GitHub App's settings (Permissions & events → Subscribe to events), then have an " +
      `owner accept the change on the installation${where}`;
    const named = (events: readonly string[]) => events.map((event) => `\`${event}\``).join(", ");
    if (stalling.length) {
      rows.push({
        check: "app events",
        result: "fail",
        advice: `the app is not subscribed to ${named(stalling)}: GitHub never tells it about those, so the tasks they move stall${runs}. ${subscribe}`,
      });
    }
    if (delaying.length) {
      rows.push({
        check: "app events",
        result: "warn",
        advice: `the app is not subscribed to ${named(delaying)}: ${delaying.map((event) => delayingEvents[event]).join("; ")}. ${subscribe}`,
      });
    }
  }
  if (!rows.some((row) => row.result === "fail")) {
    const names = neededPermissions.filter(applies).map((need) => `${need.permission}: ${need.level}`);
    rows.unshift({ check: "app permissions", result: "ok", advice: `the installation grants ${names.join(", ")}` });
  }
  return rows;
}

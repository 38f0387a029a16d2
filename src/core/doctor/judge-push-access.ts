import type { DoctorCheck } from "./judge-workflow.js";

/** Classic protection's `restrictions`, as `GET /branches/{branch}/protection` shows them to an admin. */
export interface PushRestrictions {
  users?: readonly { login: string }[];
  teams?: readonly { slug: string }[];
  apps?: readonly { id: number; slug: string }[];
}

const listed = (restrictions: PushRestrictions): string => {
  const parts = [
    restrictions.users?.length ? `users ${restrictions.users.map((user) => user.login).join(", ")}` : undefined,
    restrictions.teams?.length ? `teams ${restrictions.teams.map((team) => team.slug).join(", ")}` : undefined,
    restrictions.apps?.length ? `apps ${restrictions.apps.map((app) => app.slug).join(", ")}` : undefined,
  ].filter((part) => part !== undefined);
  return parts.length ? parts.join("; ") : "nobody";
};

/**
 * Whether GitHub lets Autopilot merge into the default branch under "Restrict who can push to
 * matching branches": that list covers merging pull requests too, and an app counts only when the
 * list names it (never as an admin). An app left out gets a 405 on every merge, so each task waits
 * for a person to merge it: a failure. `appId` undefined: the app is unknown to doctor (no
 * `--app-id`), so the row says what to check. No row without restrictions.
 */
export function judgePushAccess(
  branch: string,
  restrictions: PushRestrictions | null | undefined,
  appId: string | undefined,
): DoctorCheck | undefined {
  if (!restrictions) return undefined;
  const check = `who may merge into ${branch}`;
  const who = listed(restrictions);
  const fix = `add the app under "Restrict who can push to matching branches" in ${branch}'s protection (Settings → Branches)`;
  if (appId === undefined) {
    const advice =
      `${branch} restricts who can push (${who}), which covers merges: unless Autopilot's app is listed, GitHub ` +
      `refuses its merges and every task waits for a person to merge it. Pass --app-id to check, or ${fix}`;
    return { check, result: "warn", advice };
  }
  if (restrictions.apps?.some((app) => String(app.id) === appId)) {
    return {
      check,
      result: "ok",
      advice: `${branch} restricts who can push (${who}), and lists app ${appId}: its merges go through`,
    };
  }
  const advice =
    `${branch} restricts who can push (${who}) and app ${appId} is not listed: GitHub refuses every merge Autopilot ` +
    `makes ("You're not authorized to push to this branch"), so each task waits for a person to merge it. To let ` +
    `Autopilot merge, ${fix}`;
  return { check, result: "fail", advice };
}

import type { Config } from "../../config/index.js";
import type { DoctorCheck } from "../../core/doctor/index.js";
import { statusOf, type Target } from "./doctor-target.js";

const writeLevels = new Set(["admin", "write"]);

/**
 * Whether each login `owners` lists is an account with write access here: the app lets a listed
 * owner approve or command only then (a login is bare text, and GitHub releases a renamed or
 * deleted account's login to whoever claims it). One permission read per listed owner; none when
 * the list is empty (then any writer counts, and no row is shown).
 */
export async function checkOwners(
  { octokit, owner, repo }: Target,
  config: Config | undefined,
): Promise<DoctorCheck | undefined> {
  const listed = config?.owners ?? [];
  if (listed.length === 0) return undefined;
  const check = "owners have write access";
  const lacking: string[] = [];
  for (const login of listed) {
    const username = login.replace(/^@/, "");
    try {
      const route = "GET /repos/{owner}/{repo}/collaborators/{username}/permission";
      // the legacy `permission` folds maintain into write and a custom role into the one it inherits
      const { permission } = (await octokit.request(route, { owner, repo, username })).data;
      if (!writeLevels.has(permission)) lacking.push(`${username} (${permission})`);
    } catch (error) {
      if (statusOf(error) !== 404) {
        const advice = `cannot read the owners' access (HTTP ${statusOf(error) ?? "error"}): ${(error as Error).message}`;
        return { check, result: "warn", advice };
      }
      lacking.push(`${username} (no such account)`);
    }
  }
  if (lacking.length === 0) return { check, result: "ok", advice: `all ${listed.length} listed owners can push` };
  const why = `${lacking.join(", ")}: a listed owner counts only with write access; grant it or take them off \`owners\``;
  return lacking.length === listed.length
    ? { check, result: "fail", advice: `no listed owner may approve or command: ${why}` }
    : { check, result: "warn", advice: why };
}

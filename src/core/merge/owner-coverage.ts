import { disarmCode } from "../markdown/index.js";
import type { OwnerGroup } from "../owners/index.js";
import { normalizeLogin } from "./normalize-login.js";

const listed = (items: readonly string[], max = 3): string =>
  items.length <= max ? items.join(", ") : `${items.slice(0, max).join(", ")} and ${items.length - max} more`;

/**
 * Why the approvals do not cover the code owners yet: one line per CODEOWNERS group of changed
 * files none of whose owners approved the head (only counted approvals are passed in). Empty
 * when every owned file has its owner's approval.
 */
export function ownerCoverageProblems(groups: readonly OwnerGroup[], approvedBy: readonly string[]): string[] {
  const approved = new Set(approvedBy.map(normalizeLogin));
  return groups
    .filter((group) => !group.logins.some((login) => approved.has(normalizeLogin(login))))
    .map((group) => {
      const who =
        group.logins.length > 0
          ? `an approval from ${listed(group.logins.map((login) => `@${login}`))}`
          : "an approval from a code owner Autopilot can identify";
      const unresolved =
        group.unresolved.length > 0
          ? ` (${listed(group.unresolved)} cannot approve through Autopilot: it cannot read team members or match emails)`
          : "";
      return `${listed(group.files.map((file) => disarmCode(file)))} need ${who} (CODEOWNERS ${group.rule})${unresolved}`;
    });
}

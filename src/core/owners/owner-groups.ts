import { codeOwnersOf, ownerName, type Codeowners } from "./parse-codeowners.js";

/** Changed files owned by one CODEOWNERS rule: each of them needs an approval from one of its owners. */
export interface OwnerGroup {
  /** the deciding rule, as `pattern (line n)` */
  rule: string;
  files: string[];
  /** logins whose approval satisfies the group: the users named, and members of teams that could be read */
  logins: string[];
  /** owners that cannot approve through Autopilot: teams whose members it may not read, and emails */
  unresolved: string[];
}

/** `org/team` in lower case: how team members are looked up. */
export const teamKey = (org: string, slug: string): string => `${org}/${slug}`.toLowerCase();

/**
 * GitHub's "require review from Code Owners", per file: every changed path whose deciding rule
 * (the last match) names owners needs an approval from one of them. Paths that no rule matches,
 * or whose deciding rule names nobody, need no code owner. Paths are grouped by their deciding
 * rule, so one approval covers every file that rule owns. Team members come from `teamMembers`
 * (keyed by `teamKey`); a team missing there, and an email owner, count as unresolved.
 */
export function ownerGroupsOf(
  codeowners: Pick<Codeowners, "rules">,
  paths: readonly string[],
  teamMembers: ReadonlyMap<string, readonly string[]> = new Map(),
): OwnerGroup[] {
  const groups = new Map<number, OwnerGroup>();
  for (const path of new Set(paths)) {
    const rule = codeOwnersOf(codeowners, path);
    if (!rule || rule.owners.length === 0) continue;
    let group = groups.get(rule.line);
    if (!group) {
      const logins: string[] = [];
      const unresolved: string[] = [];
      for (const owner of rule.owners) {
        if (owner.kind === "user") logins.push(owner.login);
        else if (owner.kind === "team" && teamMembers.has(teamKey(owner.org, owner.slug)))
          logins.push(...(teamMembers.get(teamKey(owner.org, owner.slug)) ?? []));
        else unresolved.push(ownerName(owner));
      }
      group = { rule: `${rule.pattern} (line ${rule.line})`, files: [], logins: [...new Set(logins)], unresolved };
      groups.set(rule.line, group);
    }
    group.files.push(path);
  }
  return [...groups.values()];
}

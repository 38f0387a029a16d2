import {
  codeOwnersOf,
  codeownersPaths,
  ownerGroupsOf,
  parseCodeowners,
  teamKey,
  type Codeowners,
  type OwnerGroup,
} from "../../core/owners/index.js";
import { normalizeLogin } from "../../core/merge/normalize-login.js";
import { statusOf } from "../../github/index.js";
import { hasWriteAccess } from "../authority.js";
import type { ConfiguredContext } from "../repo-context.js";

export interface ResolvedOwners {
  /** whose approval counts toward `required_approvals` */
  owners: string[];
  /** CODEOWNERS groups of the changed files; empty without a CODEOWNERS file */
  ownerGroups: OwnerGroup[];
  /** approvers named as owners (config or CODEOWNERS) whom GitHub gives no write access: their approval does not count */
  withoutWriteAccess: string[];
}

/**
 * CODEOWNERS as GitHub finds it: on the pull request's base branch (so a change cannot name its
 * own owners), the first of `.github/CODEOWNERS`, `CODEOWNERS`, `docs/CODEOWNERS` that exists.
 */
async function readCodeowners(ctx: ConfiguredContext, baseRef: string): Promise<Codeowners | undefined> {
  for (const path of codeownersPaths) {
    const text = await ctx.github.readFile(path, baseRef);
    if (text !== undefined) return parseCodeowners(text, path);
  }
  return undefined;
}

/**
 * Members of the teams CODEOWNERS names for these files. Reading them needs the organization
 * `members: read` permission, which Autopilot's manifest does not ask for: a team the app may not
 * read (403/404) is left out, and its files say so in the merge's wait reason.
 */
async function readTeams(
  ctx: ConfiguredContext,
  codeowners: Codeowners,
  paths: readonly string[],
): Promise<Map<string, string[]>> {
  const teams = new Map<string, { org: string; slug: string }>();
  for (const path of paths) {
    for (const owner of codeOwnersOf(codeowners, path)?.owners ?? []) {
      if (owner.kind === "team") teams.set(teamKey(owner.org, owner.slug), owner);
    }
  }
  const members = new Map<string, string[]>();
  for (const [key, team] of teams) {
    try {
      members.set(key, await ctx.github.teamMembers(team.org, team.slug));
    } catch (error) {
      if (statusOf(error) !== 403 && statusOf(error) !== 404) throw error;
      ctx.log.info({ team: key }, "merge: the app may not read this team's members; its approvals do not count");
    }
  }
  return members;
}

/**
 * Who may approve a task PR, and what the code owners require. Config `owners` may approve any
 * file; with none listed, any reviewer with write access counts (GitHub's own rule). With a
 * CODEOWNERS file, each changed file (and a renamed file's old path) whose deciding rule names
 * owners also needs one of them (`ownerGroups`), and those owners count toward the approvals too.
 * A named owner's approval counts only while GitHub gives them write access, as GitHub ignores a
 * code owner without it: a former maintainer, a read-only team member, or whoever claimed the
 * login of a listed owner who renamed their account. The approvers' access is read, one request
 * each, and, for a rule none of them owns, its owners' until one has write access (a rule whose
 * owners all lack it owns nothing, as on GitHub: `ownedGroups`). Without CODEOWNERS an evaluation
 * without approvals reads nothing more.
 */
export async function resolveOwners(
  ctx: ConfiguredContext,
  pull: { number: number; baseRef: string },
  approvers: readonly string[],
): Promise<ResolvedOwners> {
  const { github, config } = ctx;
  const named = new Set(config.owners);
  let ownerGroups: OwnerGroup[] = [];
  const codeowners = await readCodeowners(ctx, pull.baseRef);
  if (codeowners) {
    if (codeowners.errors.length > 0)
      ctx.log.warn(
        { path: codeowners.path, errors: codeowners.errors },
        "merge: CODEOWNERS lines GitHub skips were skipped",
      );
    const files = await github.listPullFiles(pull.number);
    const paths = files.flatMap((file) => [file.filename, ...(file.previous_filename ? [file.previous_filename] : [])]);
    ownerGroups = ownerGroupsOf(codeowners, paths, await readTeams(ctx, codeowners, paths));
    for (const group of ownerGroups) for (const login of group.logins) named.add(login);
  }
  const isNamed = new Set([...named].map(normalizeLogin));
  // with no `owners` listed every approver may count, by their access; otherwise only named ones are read
  const candidates = [...new Set(approvers)].filter(
    (login) => config.owners.length === 0 || isNamed.has(normalizeLogin(login)),
  );
  const writers = new Set((await writersAmong(ctx, candidates)).map(normalizeLogin));
  ownerGroups = await ownedGroups(ctx, ownerGroups, writers);
  const refused = new Set(candidates.map(normalizeLogin).filter((login) => isNamed.has(login) && !writers.has(login)));
  const counts = (login: string): boolean => !refused.has(normalizeLogin(login));
  const owners = [...named].filter(counts);
  for (const login of candidates)
    if (writers.has(normalizeLogin(login)) && !isNamed.has(normalizeLogin(login))) owners.push(login);
  return {
    owners,
    ownerGroups: ownerGroups.map((group) => ({ ...group, logins: group.logins.filter(counts) })),
    withoutWriteAccess: candidates.filter((login) => refused.has(normalizeLogin(login))),
  };
}

/** Owners of one rule whose access is read, at most, to find one with write access. */
const maxOwnerReads = 10;

/**
 * The groups whose rule still owns its files. GitHub ignores a code owner without write access,
 * so a rule that names only such owners (a former maintainer, a read-only account, a released
 * login) owns nothing, and its files need no code owner's approval: waiting for one would hold
 * the task forever where GitHub requires none. A group is kept when one of its owners is a writer
 * among the approvers (`writers`), when one of the first `maxOwnerReads` owners read has write
 * access, when more owners are left unread, or when it names an owner whose access cannot be
 * read (a team the app may not list, an email): nothing is given up on a guess.
 */
async function ownedGroups(
  ctx: ConfiguredContext,
  groups: readonly OwnerGroup[],
  writers: ReadonlySet<string>,
): Promise<OwnerGroup[]> {
  const owned: OwnerGroup[] = [];
  for (const group of groups) {
    const known =
      group.unresolved.length > 0 ||
      group.logins.length === 0 ||
      group.logins.some((login) => writers.has(normalizeLogin(login)));
    const read = group.logins.slice(0, maxOwnerReads);
    if (known || group.logins.length > read.length || (await firstWriter(ctx, read)) !== undefined) {
      owned.push(group);
      continue;
    }
    ctx.log.warn(
      { rule: group.rule, owners: group.logins },
      "merge: no code owner of this CODEOWNERS rule has write access; GitHub requires none for its files",
    );
  }
  return owned;
}

/** The first of `logins` with write access, read one at a time until one has it. */
async function firstWriter(ctx: ConfiguredContext, logins: readonly string[]): Promise<string | undefined> {
  for (const login of logins) if (await hasWriteAccess(ctx, login)) return login;
  return undefined;
}

/**
 * Those of `logins` with write, maintain or admin access: who counts as an owner when `owners`
 * lists none, and which named owners' approvals count. An account GitHub does not know (404) has none.
 */
export async function writersAmong(ctx: ConfiguredContext, logins: readonly string[]): Promise<string[]> {
  const writers: string[] = [];
  for (const login of logins) {
    if (await hasWriteAccess(ctx, login)) writers.push(login);
  }
  return writers;
}

/**
 * Who among `logins` counts as an owner to lift an objection or settle a conversation: those the
 * configured `owners` list (or, with none listed, anyone) whom GitHub gives write access. A
 * listed login without it, a former maintainer or whoever claimed a renamed owner's login, does not.
 */
export async function ownersAmong(ctx: ConfiguredContext, logins: readonly string[]): Promise<string[]> {
  const configured = new Set(ctx.config.owners.map(normalizeLogin));
  const named = configured.size > 0 ? logins.filter((login) => configured.has(normalizeLogin(login))) : logins;
  return await writersAmong(ctx, named);
}

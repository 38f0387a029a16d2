import type { Config } from "../../config/index.js";
import { defaultConfig } from "../../config/index.js";
import {
  judgeStateProtection,
  judgeStateDeletion,
  judgeStateRules,
  judgePushAccess,
  judgeTaskBranchRules,
  taskBranchProbe,
  type BranchRule,
  type DoctorCheck,
  type PushRestrictions,
} from "../../core/doctor/index.js";
import type { KnownProtection, MergeMethodFacts } from "../../core/merge/index.js";
import { readMergeSettings } from "../../github/merge-settings.js";
import { statusOf, type Target } from "./doctor-target.js";

/**
 * The default branch's protection (an admin's read): whether Autopilot's state can live there, and
 * (a second row, under push restrictions) whether GitHub lets the app merge into it.
 */
export async function checkProtection(
  target: Target,
  branch: string,
  stateBranch: string,
  appId: string | undefined,
): Promise<DoctorCheck[]> {
  const read = await readProtection(target, branch, stateBranch);
  if (!("protection" in read)) return [read];
  const access = judgePushAccess(branch, read.protection.restrictions, appId);
  return [judgeDefaultProtection(branch, stateBranch, read.protection), ...(access ? [access] : [])];
}

interface DefaultProtection {
  required_pull_request_reviews?: unknown;
  required_status_checks?: unknown;
  lock_branch?: { enabled?: boolean };
  restrictions?: PushRestrictions | null;
}

/** The protection, or the row saying why there is none to judge (not protected, not readable). */
async function readProtection(
  { octokit, owner, repo }: Target,
  branch: string,
  stateBranch: string,
): Promise<DoctorCheck | { protection: DefaultProtection }> {
  const check = `branch protection of ${branch}`;
  const stateHere = stateBranch === branch;
  let protection: DefaultProtection;
  try {
    const route = "GET /repos/{owner}/{repo}/branches/{branch}/protection";
    const response = await octokit.request(route, { owner, repo, branch });
    protection = response.data as typeof protection;
  } catch (error) {
    const status = statusOf(error);
    if (status === 404) {
      const advice = stateHere
        ? `${branch} is not protected: Autopilot can commit its state (state_branch: ${branch}) to it`
        : `${branch} is not protected; Autopilot works either way (it never pushes to ${branch}), but protecting it is wise`;
      return { check, result: "ok", advice };
    }
    if (status === 403) {
      const advice = `cannot read the protection of ${branch} (needs admin rights): run doctor as an admin`;
      return { check, result: "warn", advice };
    }
    throw error;
  }
  return { protection };
}

function judgeDefaultProtection(branch: string, stateBranch: string, protection: DefaultProtection): DoctorCheck {
  const check = `branch protection of ${branch}`;
  const stateHere = stateBranch === branch;
  const blocks = [
    protection.required_pull_request_reviews ? "requires pull requests" : undefined,
    protection.required_status_checks ? "requires status checks on every commit" : undefined,
    protection.lock_branch?.enabled ? "is locked" : undefined,
  ].filter((reason) => reason !== undefined);
  if (!stateHere) {
    const what = blocks.length ? blocks.join(" and ") : "is protected";
    const advice =
      `${branch} ${what}: fine. Autopilot keeps its state on ${stateBranch} and lands its records through a pull ` +
      "request; a task PR merges when protection is satisfied, and the PR says what it waits for";
    return { check, result: "ok", advice };
  }
  if (!blocks.length) {
    const advice = `${branch} is protected but accepts direct pushes: Autopilot's state commits (state_branch: ${branch}) still land`;
    return { check, result: "warn", advice };
  }
  return {
    check,
    result: "fail",
    advice:
      `${branch} ${blocks.join(" and ")}, but the configuration sets state_branch: ${branch}, so Autopilot commits its ` +
      `queue (ops/queue.jsonl) directly to it: those commits are refused and tasks stall. Remove state_branch from ` +
      `.github/autopilot.yml (the default, autopilot/state, is a branch of the app's own)`,
  };
}

/**
 * The state branch's protection, judged by the same function as the app's readiness row
 * (`judgeStateProtection`), so doctor and the dashboard never disagree. Only an admin can read it.
 */
export async function checkStateBranch(
  { octokit, owner, repo }: Target,
  stateBranch: string,
  defaultBranch: string,
): Promise<DoctorCheck> {
  let known: KnownProtection;
  try {
    const route = "GET /repos/{owner}/{repo}/branches/{branch}/protection";
    await octokit.request(route, { owner, repo, branch: stateBranch });
    known = { kind: "summary", protected: true, requiredChecks: [] };
  } catch (error) {
    const status = statusOf(error);
    if (status === 403) {
      const advice = `cannot read the protection of ${stateBranch} (needs admin rights): run doctor as an admin`;
      return { check: `branch protection of ${stateBranch}`, result: "warn", advice };
    }
    if (status !== 404) throw error;
    // a branch that does not exist yet: a rule whose pattern matches it cannot be read until it does
    known = /branch not found/i.test((error as Error).message)
      ? { kind: "unknown" }
      : { kind: "summary", protected: false, requiredChecks: [] };
  }
  return judgeStateProtection(stateBranch, defaultBranch, known);
}

/**
 * The repository's merge settings: `GET /repos` shows them to admins only, so for anyone else they
 * are asked of GraphQL (`Repository.mergeCommitAllowed`…, readable by whoever can read the
 * repository, as the app reads them); undefined when neither says.
 */
export async function mergeSettingsOf(
  target: Target,
  data: { allow_merge_commit?: boolean; allow_squash_merge?: boolean; allow_rebase_merge?: boolean },
): Promise<MergeMethodFacts["settings"] | undefined> {
  const { allow_merge_commit: merge, allow_squash_merge: squash, allow_rebase_merge: rebase } = data;
  if (merge !== undefined && squash !== undefined && rebase !== undefined)
    return { mergeCommitAllowed: merge, squashMergeAllowed: squash, rebaseMergeAllowed: rebase };
  try {
    return await readMergeSettings(target.octokit, target);
  } catch (error) {
    // a GitHub Enterprise Server without the fields, or a token GraphQL refuses: the row says it could not tell
    const graphqlError = (error as { name?: string } | null)?.name === "GraphqlResponseError";
    if (graphqlError || (statusOf(error) ?? 0) >= 400) return undefined;
    throw error;
  }
}

/** GitHub's rules for `branch`; undefined when it has no rulesets (404, GitHub Enterprise Server) or hides them (403). */
export async function branchRules({ octokit, owner, repo }: Target, branch: string): Promise<BranchRule[] | undefined> {
  try {
    const route = "GET /repos/{owner}/{repo}/rules/branches/{branch}";
    return (await octokit.request(route, { owner, repo, branch, per_page: 100 })).data as BranchRule[];
  } catch (error) {
    if (statusOf(error) === 404 || statusOf(error) === 403) return undefined;
    throw error;
  }
}

/**
 * The rulesets on the state branch: whether they let the app push, and whether they keep others
 * from deleting it; no row when GitHub (or a GitHub Enterprise Server without them) answers 404.
 */
export async function checkStateRules(
  target: Target,
  stateBranch: string,
  appId: string | undefined,
): Promise<DoctorCheck[]> {
  const rules = await branchRules(target, stateBranch);
  if (rules === undefined) return [];
  return [
    judgeStateRules(stateBranch, await rulesForApp(target, rules, appId)),
    judgeStateDeletion(stateBranch, rules),
  ];
}

/**
 * The rules that apply to the app's own pushes: with the app's id (`--app-id`), a ruleset whose
 * bypass list names the app (`Integration`, any mode but `pull_request`) is left out. GitHub shows
 * a bypass list only to whoever may edit the ruleset (an admin); without it, or without the app's
 * id, every rule counts.
 */
async function rulesForApp(target: Target, rules: BranchRule[], appId: string | undefined): Promise<BranchRule[]> {
  if (appId === undefined) return rules;
  const ids = [...new Set(rules.flatMap((rule) => rule.ruleset_id ?? []))];
  const bypassed = new Set<number>();
  for (const id of ids) {
    let actors: { actor_id?: number | null; actor_type?: string; bypass_mode?: string }[] = [];
    try {
      const route = "GET /repos/{owner}/{repo}/rulesets/{ruleset_id}";
      const params = { owner: target.owner, repo: target.repo, ruleset_id: id, includes_parents: true };
      actors = ((await target.octokit.request(route, params)).data.bypass_actors ?? []) as typeof actors;
    } catch (error) {
      if (statusOf(error) !== 404 && statusOf(error) !== 403) throw error;
    }
    const listed = actors.some(
      (actor) =>
        actor.actor_type === "Integration" && String(actor.actor_id) === appId && actor.bypass_mode !== "pull_request",
    );
    if (listed) bypassed.add(id);
  }
  return rules.filter((rule) => rule.ruleset_id === undefined || !bypassed.has(rule.ruleset_id));
}

/** The rulesets on task branches (GitHub's rules for a task branch's name); none where GitHub answers 404. */
export async function checkTaskBranchRules(
  target: Target,
  config: Config | undefined,
  appId: string | undefined,
): Promise<DoctorCheck | undefined> {
  const prefix = config?.branch_prefix ?? defaultConfig().branch_prefix;
  const rules = await branchRules(target, taskBranchProbe(prefix));
  const deleteBranch = config?.merge.delete_branch ?? defaultConfig().merge.delete_branch;
  if (rules === undefined) return undefined;
  return judgeTaskBranchRules(prefix, await rulesForApp(target, rules, appId), { deleteBranch });
}

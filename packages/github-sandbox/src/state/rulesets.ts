import type { RepoState, RequiredCheck } from "./repo-state.js";
import type { MergeQueueParameters, RulesetRule, RulesetState } from "./ruleset-state.js";

/** A rule that applies to a branch, with the ruleset it comes from. */
export interface AppliedRule {
  rule: RulesetRule;
  ruleset: RulesetState;
}

const escapeRegex = (text: string): string => text.replace(/[.+^${}()|\\]/g, "\\$&");

/**
 * An fnmatch pattern as rulesets read it: `*` is any run of characters but `/`, `**` any run at
 * all, `?` one character but `/`, `[...]` a class.
 */
export function fnmatchRegex(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern[i] ?? "";
    if (char === "*") {
      if (pattern[i + 1] === "*") {
        source += ".*";
        i += 1;
      } else source += "[^/]*";
    } else if (char === "?") source += "[^/]";
    else if (char === "[") {
      const end = pattern.indexOf("]", i + 1);
      if (end === -1) source += "\\[";
      else {
        const body = pattern.slice(i + 1, end).replace(/\\/g, "\\\\");
        source += `[${body.startsWith("!") ? `^${body.slice(1)}` : body}]`;
        i = end;
      }
    } else source += escapeRegex(char);
  }
  return new RegExp(`^${source}$`);
}

function matches(repo: RepoState, pattern: string, branch: string): boolean {
  if (pattern === "~ALL") return true;
  if (pattern === "~DEFAULT_BRANCH") return branch === repo.defaultBranch;
  return fnmatchRegex(pattern).test(`refs/heads/${branch}`);
}

/** Whether a ruleset's conditions take in the branch (an empty `include` takes in nothing). */
export function rulesetCovers(repo: RepoState, ruleset: RulesetState, branch: string): boolean {
  return (
    ruleset.include.some((pattern) => matches(repo, pattern, branch)) &&
    !ruleset.exclude.some((pattern) => matches(repo, pattern, branch))
  );
}

/**
 * Who makes a write, as bypass lists see it: the app of an installation token (undefined for a
 * user), and whether the write merges a pull request (`bypass_mode: pull_request` covers only those).
 */
export interface RuleWriter {
  appId: number | undefined;
  merging: boolean;
}

/** `current_user_can_bypass` of the ruleset for the app (GitHub's enum); `never` for anyone it does not list. */
export function bypassOf(
  ruleset: RulesetState,
  appId: number | undefined,
): "always" | "pull_requests_only" | "exempt" | "never" {
  const actor = ruleset.bypassActors.find((listed) => listed.actor_id === appId);
  if (appId === undefined || !actor) return "never";
  return actor.bypass_mode === "pull_request" ? "pull_requests_only" : actor.bypass_mode;
}

function bypasses(ruleset: RulesetState, by: RuleWriter | undefined): boolean {
  if (!by) return false;
  const mode = bypassOf(ruleset, by.appId);
  return mode === "always" || mode === "exempt" || (mode === "pull_requests_only" && by.merging);
}

/**
 * The rules of active rulesets that apply to the branch, oldest ruleset first; `evaluate` and
 * `disabled` enforce nothing. Given the writer `by`, the rulesets that let it past are left out:
 * reads (`GET /rules/branches/{branch}`) pass no writer and list every rule.
 */
export function activeRulesFor(repo: RepoState, branch: string, by?: RuleWriter): AppliedRule[] {
  return [...repo.rulesets.values()]
    .filter((ruleset) => ruleset.enforcement === "active" && rulesetCovers(repo, ruleset, branch))
    .filter((ruleset) => !bypasses(ruleset, by))
    .flatMap((ruleset) => ruleset.rules.map((rule) => ({ rule, ruleset })));
}

/** The merge queue an active ruleset puts the branch under, if any (the first ruleset's). */
export function mergeQueueRuleOf(repo: RepoState, branch: string, by?: RuleWriter): MergeQueueParameters | undefined {
  for (const { rule } of activeRulesFor(repo, branch, by)) if (rule.type === "merge_queue") return rule.parameters;
  return undefined;
}

/**
 * The required checks active rulesets put on the branch, with `strict` when any of them asks for
 * an up-to-date head; undefined when none does. `integration_id` pins a check to that app.
 */
export function rulesetRequiredChecks(
  repo: RepoState,
  branch: string,
  by?: RuleWriter,
): { strict: boolean; checks: RequiredCheck[] } | undefined {
  const rules = activeRulesFor(repo, branch, by).flatMap(({ rule }) =>
    rule.type === "required_status_checks" ? [rule.parameters] : [],
  );
  if (rules.length === 0) return undefined;
  const checks = rules.flatMap((rule) =>
    rule.required_status_checks.map((check) => ({ context: check.context, appId: check.integration_id ?? null })),
  );
  return { strict: rules.some((rule) => rule.strict_required_status_checks_policy), checks };
}

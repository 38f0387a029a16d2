import type { DoctorCheck } from "./judge-workflow.js";

/** One rule GitHub's `GET /repos/{owner}/{repo}/rules/branches/{branch}` says applies to a branch. */
export interface BranchRule {
  type: string;
  /** the rule's parameters as GitHub gives them (`required_status_checks`: `required_status_checks: [{ context }]`) */
  parameters?: Record<string, unknown>;
  ruleset_id?: number;
  ruleset_source?: string;
}

/** What the rules of one kind of branch mean for Autopilot's work there. */
export interface BranchRuleTables {
  /** the row's name, as doctor and the readiness matrix show it */
  check: string;
  /** rule type → what it demands, for rules that refuse the pushes the work needs */
  refusing: Readonly<Record<string, string>>;
  /** rule type → what it demands, for rules that may refuse some of them */
  doubtful: Readonly<Record<string, string>>;
  /** what the refused pushes are, and what stops when GitHub refuses them */
  consequence: string;
  /** where, and what the doubtful rules may refuse (after "a ruleset demands …") */
  doubt: string;
  /** the branch or pattern to exclude from the ruleset */
  exclude: string;
  /** the row's advice when no rule stands in the way */
  clear: string;
}

/**
 * Whether rulesets let the pushes a kind of branch needs through: a rule in `refusing` fails, one in
 * `doubtful` warns. The rules of a ruleset the app bypasses are left out by the caller
 * (`rulesNotBypassed`): the rules endpoint lists every active rule, bypass or not.
 */
export function judgeBranchRules(tables: BranchRuleTables, rules: readonly BranchRule[]): DoctorCheck {
  const describe = (table: Readonly<Record<string, string>>) =>
    rules
      .filter((rule) => Object.hasOwn(table, rule.type))
      .map(
        (rule) =>
          `${table[rule.type]} (\`${rule.type}\`${rule.ruleset_id === undefined ? "" : `, ruleset ${rule.ruleset_id}`})`,
      );
  const fix = `exclude ${tables.exclude} from the ruleset's target branches (Settings → Rules → Rulesets), or add the app to its bypass list`;
  const refused = [...new Set(describe(tables.refusing))];
  if (refused.length) {
    return {
      check: tables.check,
      result: "fail",
      advice: `a ruleset demands ${refused.join(", ")} on ${tables.consequence}. ${fix}`,
    };
  }
  const doubts = [...new Set(describe(tables.doubtful))];
  if (doubts.length) {
    return {
      check: tables.check,
      result: "warn",
      advice: `a ruleset demands ${doubts.join(", ")} ${tables.doubt}: ${fix}`,
    };
  }
  return { check: tables.check, result: "ok", advice: tables.clear };
}

/** What `current_user_can_bypass` says lets the app past a ruleset's rules on its own pushes. */
const bypassingPushes = new Set(["always", "exempt"]);

/**
 * The rules that still apply to the app's pushes: those of a ruleset whose bypass list lets the
 * app through (`always`, `exempt`, as GitHub tells the app of each ruleset) are left out;
 * `pull_requests_only` bypasses merges only, so its rules stay.
 */
export function rulesNotBypassed(
  rules: readonly BranchRule[],
  bypass: ReadonlyMap<number, string | undefined>,
): BranchRule[] {
  return rules.filter(
    (rule) => rule.ruleset_id === undefined || !bypassingPushes.has(bypass.get(rule.ruleset_id) ?? ""),
  );
}

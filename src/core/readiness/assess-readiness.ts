import type { Config } from "../../config/index.js";
import {
  judgeMention,
  judgePermissions,
  judgeStateProtection,
  judgeStateRules,
  judgeTaskBranchRules,
  judgeWorkflow,
  type BranchRule,
} from "../doctor/index.js";
import type { KnownProtection } from "../merge/protection-blockers.js";
import type { RequiredCheckEntry } from "../merge/required-checks.js";
import { normalizeLogin } from "../merge/normalize-login.js";
import { branchCiOf } from "../progress/branch-ci.js";
import type { BranchCiResult } from "../progress/branch-ci.js";
import { rowOf, type ReadinessRow } from "./readiness-row.js";
import {
  foundChecks,
  latestStatuses,
  requiredCheckRows,
  type HeadCheckRun,
  type HeadStatus,
} from "./required-check-rows.js";

/** What the app read of the repository to judge its readiness (nothing it cannot read without more permissions). */
export interface ReadinessFacts extends DefaultBranchFacts {
  /** the configuration on the default branch; `invalid` with its problems' count */
  config: { ok: true; config: Config } | { ok: false; problems: number };
  /** the agent's workflow file as read (undefined: absent); only with `dispatch.target: workflow_dispatch` */
  workflowText?: string | undefined;
  /** what the app may read of the state branch's protection */
  stateProtection: KnownProtection;
  /** the rulesets on the state branch; undefined when GitHub does not say */
  stateRules?: readonly BranchRule[] | undefined;
  /** the rulesets on task branches (GitHub's rules for `taskBranchProbe`); undefined when GitHub does not say */
  taskRules?: readonly BranchRule[] | undefined;
  /** the installation's permissions (its token's); undefined when not known */
  granted?: Readonly<Record<string, string>> | undefined;
  /** the app's bot login: its statuses never satisfy a required check */
  appLogin: string;
}

export interface Readiness {
  rows: ReadinessRow[];
  /** Autopilot is on for new tasks: no row fails */
  ready: boolean;
  /** the head's CI, as the health reads it */
  ci: BranchCiResult;
}

function agentRow(config: Config, defaultBranch: string, workflowText: string | undefined): ReadinessRow {
  const { dispatch } = config;
  const expected = "the agent can be started the way `dispatch` says";
  if (dispatch.target === "mention") return rowOf("agent", "agent", expected, judgeMention(dispatch.handle));
  if (dispatch.target !== "workflow_dispatch") {
    const advice = "`dispatch.target: none`: the app opens the draft PR and starts no agent";
    return rowOf("agent", "agent", expected, { check: "dispatch", result: "ok", advice });
  }
  const path = `.github/workflows/${dispatch.workflow}`;
  const ref = dispatch.ref ?? defaultBranch;
  if (workflowText === undefined) {
    const advice =
      `${path} does not exist on ${ref}, but \`dispatch.workflow\` names it: ` +
      "add the workflow there or fix `dispatch.workflow`";
    return rowOf("agent", "agent", expected, { check: `workflow ${path}`, result: "fail", advice });
  }
  const judged = judgeWorkflow(workflowText, { path, sentInputs: Object.keys(dispatch.inputs ?? {}) });
  return rowOf("agent", "agent", expected, judged);
}

/** What the default branch's head says: its commit statuses (newest first) and check runs. */
export interface DefaultBranchFacts {
  defaultBranch: string;
  headSha: string;
  statuses: readonly HeadStatus[];
  runs: readonly HeadCheckRun[];
  /** Autopilot's own check names: they judge task PRs, not the default branch */
  ownCheck: (name: string) => boolean;
  /**
   * the head is the commit the app merged moments ago and its checks were not read (no CI can have
   * finished on it yet): CI shows as pending there; `statuses` and `runs` are then empty
   */
  justMerged?: boolean | undefined;
}

function ciRow(ci: BranchCiResult, facts: DefaultBranchFacts): ReadinessRow {
  const short = facts.headSha.slice(0, 7);
  const base = {
    id: "ci",
    check: `CI on ${facts.defaultBranch}`,
    principal: "repository" as const,
    expected: "no failing check run or status on the head",
  };
  if (ci.state === "failure") {
    return { ...base, result: "fail", detail: `failing on ${short}: ${[...new Set(ci.failing)].join(", ")}` };
  }
  if (facts.justMerged === true) {
    return { ...base, result: "ok", detail: `pending on ${short}, merged just now: its CI has not reported yet` };
  }
  const words = { success: "green", pending: "running, nothing failed", unknown: "nothing reported" };
  return { ...base, result: "ok", detail: `${words[ci.state]} on ${short}` };
}

/**
 * The rows the default branch's head decides: CI not failing there, and each of
 * `readiness.required_checks` green, neither counting statuses `ownAccounts` posted. The app and
 * `autopilot doctor` both judge the head with this.
 */
export function defaultBranchRows(
  facts: DefaultBranchFacts,
  required: readonly RequiredCheckEntry[],
  ownAccounts: readonly string[],
): { rows: ReadinessRow[]; ci: BranchCiResult } {
  // a status the agent's account (or the app) posted is not the repository's CI: a failure the
  // agent posts on the default branch would otherwise hold every task, as a success would release them
  const own = new Set(ownAccounts.map(normalizeLogin));
  const statuses = facts.statuses.filter((status) => !own.has(normalizeLogin(status.creator?.login ?? "")));
  const ci: BranchCiResult =
    facts.justMerged === true
      ? { state: "pending", failing: [] }
      : branchCiOf({ state: "", statuses: latestStatuses(statuses) }, facts.runs, facts.ownCheck);
  const found = foundChecks(facts.headSha, facts.statuses, facts.runs);
  const checks = requiredCheckRows(required, { ...facts, found, ownAccounts });
  return { rows: [ciRow(ci, facts), ...checks], ci };
}

/**
 * The readiness matrix: the critical checks `autopilot doctor` runs, judged by the same functions
 * (configuration, the agent's start, protection of the state branch, rulesets on task branches, the
 * app's permissions), CI on the default branch's head, and the repository's
 * `readiness.required_checks`. Any `fail` holds new tasks. Only what the app reads itself counts: it
 * runs no command of the repository.
 */
export function assessReadiness(facts: ReadinessFacts): Readiness {
  const rows: ReadinessRow[] = [];
  const configExpected = ".github/autopilot.yml valid on the default branch";
  if (!facts.config.ok) {
    const advice = `invalid: ${facts.config.problems} problem(s), listed in the autopilot/config check run`;
    rows.push(rowOf("config", "repository", configExpected, { check: "configuration", result: "fail", advice }));
    const { rows: head, ci } = defaultBranchRows(facts, [], []);
    rows.push(...head);
    return { rows, ready: false, ci };
  }
  const { config } = facts.config;
  rows.push(rowOf("config", "repository", configExpected, { check: "configuration", result: "ok", advice: "valid" }));
  rows.push(agentRow(config, facts.defaultBranch, facts.workflowText));
  const protection = judgeStateProtection(config.state_branch, facts.defaultBranch, facts.stateProtection);
  const rules = facts.stateRules === undefined ? undefined : judgeStateRules(config.state_branch, facts.stateRules);
  const worst = rules !== undefined && rank[rules.result] > rank[protection.result] ? rules : protection;
  rows.push(rowOf("protection", "repository", `the app may push to ${config.state_branch}`, worst));
  if (facts.taskRules !== undefined) {
    const judged = judgeTaskBranchRules(config.branch_prefix, facts.taskRules, {
      deleteBranch: config.merge.delete_branch,
    });
    rows.push(rowOf("task-branches", "repository", "tasks may start and push on their branches", judged));
  }
  if (facts.granted === undefined) {
    const advice = "not known: the installation's permissions could not be read";
    rows.push(
      rowOf("permissions", "app", "the permissions in app.yml", { check: "app permissions", result: "warn", advice }),
    );
  } else {
    const judged = judgePermissions({
      granted: facts.granted,
      dispatchesWorkflows: config.dispatch.target === "workflow_dispatch",
      codeownerTeams: [],
    });
    const failing = judged.filter((row) => row.result === "fail");
    const one =
      failing.length > 0
        ? { check: "app permissions", result: "fail" as const, advice: failing.map((row) => row.advice).join("; ") }
        : (judged[0] ?? { check: "app permissions", result: "ok" as const, advice: "granted" });
    rows.push(rowOf("permissions", "app", "the permissions in app.yml", one));
  }
  const ownAccounts = [...config.agent_accounts, facts.appLogin];
  const { rows: head, ci } = defaultBranchRows(facts, config.readiness.required_checks, ownAccounts);
  rows.push(...head);
  return { rows, ready: rows.every((row) => row.result !== "fail"), ci };
}

const rank = { ok: 0, warn: 1, fail: 2 } as const;

/** Why new tasks are held, from the failing rows; undefined when none fails. */
export function readinessHoldReason(rows: readonly ReadinessRow[]): string | undefined {
  const failing = rows.filter((row) => row.result === "fail");
  if (failing.length === 0) return undefined;
  return `Autopilot is not ready on this repository: ${failing.map((row) => `${row.check}: ${row.detail}`).join("; ")}`;
}

import { firstMergeCommit } from "../../git/first-merge-commit.js";
import type { RepoState } from "../repo-state.js";
import { activeRulesFor, type RuleWriter } from "../rulesets.js";

export { pushRuleTypes, type PushRule } from "./push-rule.js";
import { pushRuleTypes } from "./push-rule.js";

/** A ref write about to happen: `before` undefined creates the ref, `after` undefined deletes it. */
export interface RefWrite {
  ref: string;
  before: string | undefined;
  after: string | undefined;
  forced: boolean;
}

/** GitHub's wording, one line per rule a write breaks. */
export const ruleMessages = {
  creation: "Cannot create ref due to creations being restricted.",
  update: "Cannot update this protected ref.",
  deletion: "Cannot delete this branch",
  nonFastForward: "Cannot force-push to this branch",
  linearHistory: "This branch must not contain merge commits.",
} as const;

/**
 * GitHub's message for a write refused by rulesets: each violation followed by a blank line, as
 * its REST answers end ("Repository rule violations found\n\nCannot update this protected ref.\n\n").
 */
export function ruleViolationMessage(violations: readonly string[]): string {
  return `Repository rule violations found\n\n${violations.map((line) => `${line}\n\n`).join("")}`;
}

const pushRulesOn = (repo: RepoState, branch: string, by?: RuleWriter): Set<string> =>
  new Set(activeRulesFor(repo, branch, by).flatMap(({ rule }) => (pushRuleTypes.has(rule.type) ? [rule.type] : [])));

/** Whether `after` brings a merge commit that `before` (or, for a new branch, no branch) has not got. */
export async function bringsMergeCommit(repo: RepoState, before: string | undefined, after: string): Promise<boolean> {
  return (await firstMergeCommit(repo.git.dir, after, before)) !== undefined;
}

/** What active rulesets' push rules refuse of a write to a branch, in GitHub's words; empty when nothing. */
export async function pushRuleViolations(repo: RepoState, write: RefWrite, by?: RuleWriter): Promise<string[]> {
  if (!write.ref.startsWith("refs/heads/")) return [];
  const rules = pushRulesOn(repo, write.ref.slice("refs/heads/".length), by);
  if (rules.size === 0) return [];
  const violations: string[] = [];
  if (write.after === undefined) {
    if (rules.has("deletion") && write.before !== undefined) violations.push(ruleMessages.deletion);
    return violations;
  }
  if (rules.has("creation") && write.before === undefined) violations.push(ruleMessages.creation);
  if (rules.has("update") && write.before !== undefined) violations.push(ruleMessages.update);
  if (rules.has("non_fast_forward") && write.forced) violations.push(ruleMessages.nonFastForward);
  if (rules.has("required_linear_history") && (await bringsMergeCommit(repo, write.before, write.after)))
    violations.push(ruleMessages.linearHistory);
  return violations;
}

/**
 * What active rulesets refuse of merging a pull request into `branch` with `method`: `update`
 * (nobody may move the branch, merges included) and `required_linear_history` (no merge commit).
 * `creation`, `deletion` and `non_fast_forward` never concern a merge.
 */
export function mergeRuleViolations(repo: RepoState, branch: string, method: string, by?: RuleWriter): string[] {
  const rules = pushRulesOn(repo, branch, by);
  const violations: string[] = [];
  if (rules.has("update")) violations.push(ruleMessages.update);
  if (rules.has("required_linear_history") && method === "merge") violations.push(ruleMessages.linearHistory);
  return violations;
}

/** Whether an active `update` rule keeps every pull request into the branch from merging (`mergeable_state` blocked). */
export const updateRestricted = (repo: RepoState, branch: string): boolean => pushRulesOn(repo, branch).has("update");

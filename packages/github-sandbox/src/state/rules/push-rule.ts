/**
 * The ruleset rules that judge a ref write itself rather than what a pull request needs:
 * `creation`, `update`, `deletion`, `non_fast_forward` and `required_linear_history`.
 * `update_allows_fetch_and_merge` lets a fork's branch be synced from upstream
 * (`POST /merge-upstream`), which the sandbox does not implement, so it changes nothing here.
 */
export type PushRule =
  | { type: "creation" }
  | { type: "update"; parameters?: { update_allows_fetch_and_merge: boolean } }
  | { type: "deletion" }
  | { type: "non_fast_forward" }
  | { type: "required_linear_history" };

export const pushRuleTypes: ReadonlySet<string> = new Set([
  "creation",
  "update",
  "deletion",
  "non_fast_forward",
  "required_linear_history",
]);

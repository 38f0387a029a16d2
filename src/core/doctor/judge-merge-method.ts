import type { MergeMethod } from "../../config/index.js";
import { allowedMergeMethods, forbiddenMergeMethods, type MergeMethodFacts } from "../merge/index.js";
import type { DoctorCheck } from "./judge-workflow.js";

/**
 * How Autopilot will merge task PRs into the default branch, judged by the functions the merge
 * uses (`forbiddenMergeMethods`): a configured `merge.method` the repository's settings or the
 * branch's rules forbid fails (the app would ask an owner on every task instead of merging), as
 * does a branch that allows no method; otherwise the row names the method. `facts` undefined: the
 * token could not read the repository's merge settings.
 */
export function judgeMergeMethod(
  branch: string,
  configured: MergeMethod | undefined,
  facts: MergeMethodFacts | undefined,
): DoctorCheck {
  const check = `merge method on ${branch}`;
  if (facts === undefined) {
    // GitHub leaves `allow_*_merge` out of the repository for a token that may not change its settings (best reading)
    const advice =
      "cannot read the repository's merge settings (GitHub left `allow_*_merge` out for this token): run doctor " +
      "with an admin's token to see which merge method Autopilot will use";
    return { check, result: "warn", advice };
  }
  const forbidden = forbiddenMergeMethods(facts);
  const allowed = allowedMergeMethods(facts);
  if (configured !== undefined) {
    const why = forbidden.get(configured);
    if (why === undefined)
      return { check, result: "ok", advice: `merge.method: ${configured}, which ${branch} allows` };
    const advice =
      `merge.method is ${configured}, but ${why}: Autopilot never merges another way, so every task PR waits for an ` +
      `owner. Allow it (Settings → General → Pull requests, or the ruleset), or change or remove merge.method` +
      (allowed.length > 0 ? ` (unset, Autopilot would use ${allowed[0]})` : "");
    return { check, result: "fail", advice };
  }
  const first = allowed[0];
  if (first === undefined) {
    const reasons = [...forbidden.values()].join("; ");
    const advice = `no merge method is allowed on ${branch} (${reasons}): allow one, or no task PR can merge`;
    return { check, result: "fail", advice };
  }
  return {
    check,
    result: "ok",
    advice: `merge.method is unset: Autopilot merges with ${first}, the first of squash, merge, rebase ${branch} allows`,
  };
}

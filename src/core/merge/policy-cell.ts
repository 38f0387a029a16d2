import type { MergeConfig } from "../../config/config-schema.js";
import type { MergeDecision } from "../../config/merge-schema.js";
import type { Mode, Risk } from "../task/task-spec.js";

export interface PolicyCell {
  decision: MergeDecision;
  /** why the configured cell was made stricter, when it was */
  tightened?: string;
}

/**
 * The cell of the risk × mode table that applies, made safe. The config schema already refuses
 * `auto` where it is not allowed, but a config object built without the schema must not be able
 * to loosen the rules either:
 * - `disabled` never merges on its own: `auto` there counts as `approval`.
 * - `review_only` always waits for a human (the mode's meaning): `auto` there counts as `approval`.
 * - `critical` with `auto` needs `allow_auto_critical`; otherwise it counts as `approval`.
 */
export function policyCell(
  merge: Pick<MergeConfig, "policy" | "allow_auto_critical">,
  risk: Risk,
  mode: Mode,
): PolicyCell {
  const configured: MergeDecision = merge.policy[risk][mode];
  if (configured !== "auto") return { decision: configured };
  if (mode === "disabled") {
    return { decision: "approval", tightened: "a task in mode `disabled` never merges on its own" };
  }
  if (mode === "review_only") {
    return { decision: "approval", tightened: "a task in mode `review_only` always waits for an owner's approval" };
  }
  if (risk === "critical" && !merge.allow_auto_critical) {
    return {
      decision: "approval",
      tightened: "critical-risk tasks merge on their own only with `merge.allow_auto_critical: true`",
    };
  }
  return { decision: "auto" };
}

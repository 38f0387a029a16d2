import type { KnownProtection } from "../merge/protection-blockers.js";
import type { DoctorCheck } from "./judge-workflow.js";

/**
 * Whether branch protection lets the app push its state commits to `stateBranch`, from what the
 * app may read of it (`KnownProtection`: the full rules with `administration: read`, else the
 * branch's summary). A protected state branch of its own fails (the app pushes to it directly);
 * the default branch as state branch fails when it requires reviews or checks; what cannot be read
 * is a warning, never a pass.
 */
export function judgeStateProtection(stateBranch: string, defaultBranch: string, known: KnownProtection): DoctorCheck {
  const check = `branch protection of ${stateBranch}`;
  const cannotTell = `cannot tell whether a protection rule applies to ${stateBranch}`;
  if (known.kind === "unknown") {
    return {
      check,
      result: "warn",
      advice: `${cannotTell} (it may not exist yet: the app creates it on its first write)`,
    };
  }
  const isProtected = known.kind === "rules" || known.protected;
  if (stateBranch !== defaultBranch) {
    if (!isProtected) return { check, result: "ok", advice: `no protection applies to ${stateBranch}` };
    return {
      check,
      result: "fail",
      advice:
        `a protection rule applies to ${stateBranch}, the branch the app records its queue on with direct pushes: ` +
        `GitHub refuses them, and no task moves. Remove ${stateBranch} from the rule (Settings → Branches; a ` +
        "pattern such as `autopilot/*` or `*` matches it too)",
    };
  }
  const blocks =
    known.kind === "rules"
      ? known.rules.requiredApprovals > 0 || known.rules.requiredChecks.length > 0
      : known.protected && known.requiredChecks.length > 0;
  if (blocks) {
    return {
      check,
      result: "fail",
      advice:
        `${stateBranch} requires pull requests or status checks, but the configuration sets state_branch: ` +
        `${stateBranch}, so Autopilot commits its queue directly to it: those commits are refused. Remove ` +
        "state_branch from .github/autopilot.yml (the default, autopilot/state, is a branch of the app's own)",
    };
  }
  if (isProtected) {
    const advice =
      `${stateBranch} is protected and the configuration sets state_branch: ${stateBranch}; the app's state ` +
      "commits land only while the rule accepts direct pushes";
    return { check, result: "warn", advice };
  }
  return { check, result: "ok", advice: `${stateBranch} is not protected: the app can commit its state to it` };
}

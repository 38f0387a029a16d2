import { gatedPullOf, runPullGates } from "../gates/run-pull-gates.js";
import type { ConfiguredContext } from "../repo-context.js";

/**
 * The gates judge the PR's head again after someone with authority changed the recorded spec: a
 * verdict reached under the old scope, budget or risk no longer holds. Run directly (not through
 * the "already judged" check), on the head as it is now.
 */
export async function regateAfterSpecChange(ctx: ConfiguredContext, pullNumber: number): Promise<void> {
  const pull = await ctx.github.getPull(pullNumber);
  if (pull.state !== "open") return;
  ctx.log.info({ pr: pullNumber, head: pull.head.sha }, "spec changed: the gates judge the head again");
  await runPullGates(ctx, gatedPullOf(pull));
}

import type { RepoContext } from "./repo-context.js";

/**
 * An open, ready pull request back to draft (GraphQL `convertPullRequestToDraft`; REST has no
 * endpoint for it), as a person does with work that is not ready: the merge handler leaves a
 * draft to its agent until the agent marks it ready again. A draft or closed PR is left alone.
 */
export async function convertToDraft(
  ctx: RepoContext,
  pull: { draft?: boolean | null; state: string; node_id: string },
): Promise<void> {
  if (pull.draft || pull.state !== "open") return;
  await ctx.github.convertToDraft(pull.node_id);
}

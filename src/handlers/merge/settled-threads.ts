import { rulesRequireResolution, settledWithoutStanding, type MergeInput } from "../../core/merge/index.js";
import type { ConfiguredContext } from "../repo-context.js";
import { ownersAmong } from "./resolve-owners.js";

/**
 * Once all else would merge, on a base whose rules require every conversation resolved: the
 * people's conversations resolved by someone who may not settle them (`settledWithoutStanding`)
 * hold the merge, since GitHub counts any writer's resolution, the coding agent's included. The
 * base's rules are a conditional read (free while they stay the same); the threads are read only
 * when the rules require resolution, and both only when GitHub counts a line comment on the PR. Classic protection's
 * requirement is not seen here: reading it needs `administration`, which the app does not ask for.
 */
export async function withSettledThreads(
  ctx: ConfiguredContext,
  pull: { number: number; baseRef: string; reviewComments?: number },
  input: MergeInput,
  login: string,
  changeAccounts: () => Promise<string[]>,
): Promise<MergeInput> {
  // GitHub counts a PR's line comments on every read of it: none, no conversation to weigh
  if (!(pull.reviewComments !== undefined && pull.reviewComments > 0)) return input;
  if (!rulesRequireResolution(await ctx.github.branchRules(pull.baseRef))) return input;
  const threads = await ctx.github.reviewThreads(pull.number);
  if (!threads.some((thread) => thread.isResolved)) return input;
  const resolvers = [...new Set(threads.flatMap((thread) => (thread.resolvedBy ? [thread.resolvedBy] : [])))];
  const facts = {
    owners: await ownersAmong(ctx, resolvers),
    changeAccounts: await changeAccounts(),
    declaredAccounts: input.declaredAccounts,
  };
  const settled = settledWithoutStanding(threads, login, facts);
  return settled.length > 0 ? { ...input, settledThreads: settled } : input;
}

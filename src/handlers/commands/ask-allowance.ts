import { normalizeLogin } from "../../core/merge/normalize-login.js";
import type { QueueEntry } from "../../core/queue/index.js";
import type { ConfiguredContext } from "../repo-context.js";
import { isChangeOwnAccount, isDeclaredAccount } from "../review/change-own-account.js";

/**
 * Hidden in every reply that holds a model's answer to `/ask`. Counted only in the app's own
 * comments, so nobody can spend or refill the task's allowance by pasting it.
 */
export const askAnswerMarker = "<!-- autopilot:ask-answer -->";

/**
 * Whether `login` is one of the task's change's own accounts: on the PR (or, on the issue, the
 * task's PR) `isChangeOwnAccount`; before there is a PR, the accounts declared to make it (the app,
 * `agent_accounts`, the dispatch handle). `/ask` is a paid model call: a coding agent commenting
 * through a writer's account under `owners: []` must not be able to run the owner's bill up.
 */
export async function isTaskOwnAccount(
  ctx: ConfiguredContext,
  input: { entry: QueueEntry; thread: { number: number; isPull: boolean }; by: string },
): Promise<boolean> {
  const pull = input.thread.isPull ? input.thread.number : input.entry.pr;
  return pull !== null ? isChangeOwnAccount(ctx, pull, input.by) : isDeclaredAccount(ctx, input.by);
}

/**
 * How many of the task's `/ask` questions a model has answered: the app's replies carrying
 * `askAnswerMarker` on the task's issue and PR. Read only when a model is about to be asked, so
 * the task's ordinary life spends no request on it.
 */
export async function askAnswersOf(ctx: ConfiguredContext, entry: QueueEntry, appLogin: string): Promise<number> {
  const threads = entry.pr === null ? [entry.issue] : [entry.issue, entry.pr];
  let answers = 0;
  for (const thread of threads) {
    for (const comment of await ctx.github.listComments(thread)) {
      const own = comment.user?.type === "Bot" && normalizeLogin(comment.user.login) === normalizeLogin(appLogin);
      if (own && (comment.body ?? "").includes(askAnswerMarker)) answers += 1;
    }
  }
  return answers;
}

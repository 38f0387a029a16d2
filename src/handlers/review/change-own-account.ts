import { changeAccounts, declaredAccounts } from "../../core/merge/index.js";
import type { Config } from "../../config/index.js";
import { normalizeLogin } from "../../core/merge/normalize-login.js";
import type { Pull } from "../../github/index.js";
import type { ConfiguredContext } from "../repo-context.js";

/**
 * Whether `login` is one of the change's own accounts (its PR's author, its commits' authors and
 * committers, `agent_accounts`, the dispatch handle, the app): the same accounts that never
 * approve a change. They may not set the review's verdict aside either (`/waive`, `/dismiss`):
 * a coding agent with write access would otherwise waive its own missing criteria.
 */
export async function isChangeOwnAccount(
  ctx: ConfiguredContext,
  pullNumber: number,
  login: string,
  /** the PR as the caller just read it (not read again) */
  known?: Pick<Pull, "user">,
): Promise<boolean> {
  const { config } = ctx;
  const [pull, commits, botLogin] = await Promise.all([
    known ?? ctx.github.getPull(pullNumber),
    ctx.github.listPullCommits(pullNumber),
    ctx.services.login(),
  ]);
  const accounts = changeAccounts({
    botLogin,
    pullAuthor: pull.user.login,
    commitAccounts: commits.flatMap((commit) => [commit.author?.login, commit.committer?.login]),
    agentAccounts: config.agent_accounts,
    dispatchHandle: dispatchHandleOf(config),
  });
  return accounts.includes(normalizeLogin(login));
}

/** The account a `mention` dispatch hands tasks to, when it does. */
const dispatchHandleOf = (config: Pick<Config, "dispatch">): string | undefined =>
  config.dispatch.target === "mention" ? config.dispatch.handle.replace(/^@/, "") : undefined;

/**
 * Whether `login` is one of the accounts declared to make a task's change before it has a PR:
 * the app, `agent_accounts` and the dispatch handle (`declaredAccounts`, with no PR author yet).
 */
export async function isDeclaredAccount(ctx: ConfiguredContext, login: string): Promise<boolean> {
  const accounts = declaredAccounts({
    botLogin: await ctx.services.login(),
    pullAuthor: "",
    agentAccounts: ctx.config.agent_accounts,
    dispatchHandle: dispatchHandleOf(ctx.config),
  });
  return accounts.includes(normalizeLogin(login));
}

/** The reply when one of the change's own accounts tries to set its review aside. */
export const ownChangeRefusal = (login: string, command: "waive" | "dismiss"): string =>
  `@${login} wrote or pushed this change, so \`/${command}\` is not theirs to use on its review: an owner who did not write it must decide.`;

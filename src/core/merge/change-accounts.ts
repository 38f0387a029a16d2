import { normalizeLogin } from "./normalize-login.js";

export interface ChangeAccountsInput {
  /** the app's own bot, `<slug>[bot]` */
  botLogin: string;
  /** the pull request's author */
  pullAuthor: string;
  /** the accounts of the PR's commit authors and committers (null: an e-mail GitHub links to no account) */
  commitAccounts: ReadonlyArray<string | null | undefined>;
  /** `agent_accounts` from the configuration */
  agentAccounts: readonly string[];
  /** the account a `mention` dispatch hands tasks to */
  dispatchHandle?: string | undefined;
}

const uniqueLogins = (all: ReadonlyArray<string | null | undefined>): string[] => {
  const given = all.filter((login): login is string => typeof login === "string" && login.trim() !== "");
  return [...new Set(given.map(normalizeLogin))];
};

/**
 * The accounts a change is its own: whoever authored, committed or pushed its commits, the PR's
 * author, the configured agent accounts and the app itself. None of them approves the change,
 * and a commit status one of them posts says nothing about it; only the `declaredAccounts` among
 * them may drop a person's objection. Lower case, without `@`, unique.
 */
export function changeAccounts(input: ChangeAccountsInput): string[] {
  const { botLogin, pullAuthor, commitAccounts, agentAccounts, dispatchHandle } = input;
  return uniqueLogins([botLogin, pullAuthor, ...commitAccounts, ...agentAccounts, dispatchHandle]);
}

/**
 * The change's own accounts nobody can claim by writing a commit: the app, the PR's author, the
 * configured agent accounts and the dispatch handle. A commit's author and committer are whatever
 * its e-mails say (GitHub links a commit to the account of an address, a public no-reply one
 * included, with no proof), so they may refuse trust but never drop a person's objection: only
 * these do. Lower case, without `@`, unique.
 */
export function declaredAccounts(input: Omit<ChangeAccountsInput, "commitAccounts">): string[] {
  return uniqueLogins([input.botLogin, input.pullAuthor, ...input.agentAccounts, input.dispatchHandle]);
}

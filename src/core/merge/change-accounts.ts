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

/**
 * The accounts a change is its own: whoever authored, committed or pushed its commits, the PR's
 * author, the configured agent accounts and the app itself. None of them approves the change,
 * and a commit status one of them posts says nothing about it. Lower case, without `@`, unique.
 */
export function changeAccounts(input: ChangeAccountsInput): string[] {
  const all = [input.botLogin, input.pullAuthor, ...input.commitAccounts, ...input.agentAccounts, input.dispatchHandle];
  const given = all.filter((login): login is string => typeof login === "string" && login.trim() !== "");
  return [...new Set(given.map(normalizeLogin))];
}

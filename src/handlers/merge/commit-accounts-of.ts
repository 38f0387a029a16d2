import type { PullCommit } from "../../github/index.js";

/** The GitHub accounts of commits' authors and committers (a commit GitHub links to no account names none). */
export const commitAccountsOf = (commits: readonly PullCommit[]): string[] =>
  commits
    .flatMap((commit) => [commit.author?.login, commit.committer?.login])
    .filter((login): login is string => typeof login === "string");

import type { Context, Logger } from "probot";
import type { Config } from "../config/index.js";
import { octokitPort, type GitHubPort, type RepoRef } from "../github/index.js";

/** What a workflow needs to act on one repository for one delivery. */
export interface RepoContext extends RepoRef {
  /** the repository on GitHub: the only way a handler reaches it */
  github: GitHubPort;
  defaultBranch: string;
  /** X-GitHub-Delivery of the webhook that started the work; null for sweeps. */
  delivery: string | null;
  log: Logger;
}

/** A repository context with its valid configuration loaded. */
export interface ConfiguredContext extends RepoContext {
  config: Config;
}

/** The repository context of a webhook, for work done after the handler has returned. */
export function repoContextOf(context: Context<"issues" | "issue_comment" | "pull_request" | "pull_request_review" | "check_suite" | "check_run" | "push" | "status">): RepoContext {
  const { owner, repo } = context.repo();
  const repository = context.payload.repository as { default_branch?: string };
  return {
    github: octokitPort(context.octokit, { owner, repo }),
    owner,
    repo,
    defaultBranch: repository.default_branch ?? "main",
    delivery: context.id,
    log: context.log.child({ delivery: context.id, repository: `${owner}/${repo}` }),
  };
}

import type { Logger } from "probot";
import type { Config } from "../config/index.js";
import type { GithubClient, RepoRef } from "../github/index.js";

/** What a workflow needs to act on one repository for one delivery. */
export interface RepoContext extends RepoRef {
  octokit: GithubClient;
  defaultBranch: string;
  /** X-GitHub-Delivery of the webhook that started the work; null for sweeps. */
  delivery: string | null;
  log: Logger;
}

/** A repository context with its valid configuration loaded. */
export interface ConfiguredContext extends RepoContext {
  config: Config;
}

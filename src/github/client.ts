import type { ProbotOctokit } from "probot";

/**
 * The Octokit every adapter takes: Probot's, as `context.octokit` hands it to a handler (an
 * installation token, retry and throttling plugins, `paginate`, `rest.*`).
 */
export type GithubClient = InstanceType<typeof ProbotOctokit>;

/** One repository, as the REST paths name it. */
export interface RepoRef {
  owner: string;
  repo: string;
}

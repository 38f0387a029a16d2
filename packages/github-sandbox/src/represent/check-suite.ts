import type { CheckSuiteState, RepoState, SandboxState } from "../state/index.js";
import { appJson, appWithId } from "./app.js";
import { pullRequestsAtJson } from "./check-run.js";
import type { Links } from "./links.js";
import { repositoryJson } from "./repository.js";

/** Runs of the suite as GitHub counts them for `latest_check_runs_count`: the newest per name. */
function latestRunCount(repo: RepoState, suite: CheckSuiteState): number {
  const names = new Set<string>();
  for (const run of repo.checkRuns.values()) if (run.suiteId === suite.id) names.add(run.name);
  return names.size;
}

/**
 * The fields of a check suite that need no git read: GitHub's `simple-check-suite` as the
 * `check_suite` of `check_run` webhooks carries it.
 */
export function simpleCheckSuiteJson(
  state: SandboxState,
  repo: RepoState,
  suite: CheckSuiteState,
  links: Links,
): Record<string, unknown> {
  const url = `${links.api}/repos/${repo.fullName}/check-suites/${suite.id}`;
  return {
    id: suite.id,
    node_id: suite.nodeId,
    head_branch: suite.headBranch,
    head_sha: suite.headSha,
    status: suite.status,
    conclusion: suite.conclusion,
    url,
    before: suite.before,
    after: suite.headSha,
    pull_requests: pullRequestsAtJson(repo, suite.headSha, links),
    app: appJson(state, links, appWithId(state, suite.appId)),
    repository: repositoryJson(repo, links, { defaultBranch: repo.defaultBranch }),
    created_at: suite.createdAt,
    updated_at: suite.updatedAt,
  };
}

/**
 * GitHub's `check-suite` (`GET /check-suites/{id}`, the `check_suite` webhooks). Asynchronous:
 * `head_commit` is read from git (commits never change, so a cloned suite reads the same).
 */
export async function checkSuiteJson(
  state: SandboxState,
  repo: RepoState,
  suite: CheckSuiteState,
  links: Links,
): Promise<Record<string, unknown>> {
  const commit = await repo.git.getCommit(suite.headSha);
  const url = `${links.api}/repos/${repo.fullName}/check-suites/${suite.id}`;
  return {
    ...simpleCheckSuiteJson(state, repo, suite, links),
    head_commit: commit
      ? {
          id: commit.sha,
          tree_id: commit.tree,
          message: commit.message,
          timestamp: commit.committer.date,
          author: { name: commit.author.name, email: commit.author.email },
          committer: { name: commit.committer.name, email: commit.committer.email },
        }
      : null,
    latest_check_runs_count: latestRunCount(repo, suite),
    check_runs_url: `${url}/check-runs`,
    rerequestable: true,
    runs_rerequestable: true,
  };
}

import { repositoryJson, userJson, type Links } from "../../represent/index.js";
import { legacyNodeId, type RepoState, type WorkflowJobState, type WorkflowRunState } from "../../state/index.js";

/** The URLs of a run (and of one attempt: `/attempts/{n}`), as GitHub gives them. */
export function runUrls(repo: RepoState, run: WorkflowRunState, links: Links): Record<string, string | null> {
  const url = `${links.api}/repos/${repo.fullName}/actions/runs/${run.id}`;
  return {
    url,
    html_url: `${links.web}/${repo.fullName}/actions/runs/${run.id}`,
    jobs_url: `${url}/jobs`,
    logs_url: `${url}/logs`,
    check_suite_url: `${links.api}/repos/${repo.fullName}/check-suites/${run.checkSuiteId}`,
    artifacts_url: `${url}/artifacts`,
    cancel_url: `${url}/cancel`,
    rerun_url: `${url}/rerun`,
    previous_attempt_url: run.runAttempt > 1 ? `${url}/attempts/${run.runAttempt - 1}` : null,
    workflow_url: `${links.api}/repos/${repo.fullName}/actions/workflows/${run.workflowId}`,
  };
}

/** The `simple-commit` of a run's head, read from git. */
async function headCommitJson(repo: RepoState, sha: string): Promise<Record<string, unknown> | null> {
  const commit = await repo.git.getCommit(sha);
  if (!commit) return null;
  return {
    id: commit.sha,
    tree_id: commit.tree,
    message: commit.message,
    timestamp: commit.committer.date,
    author: { name: commit.author.name, email: commit.author.email },
    committer: { name: commit.committer.name, email: commit.committer.email },
  };
}

/**
 * GitHub's `workflow-run` (`GET /actions/runs/{id}`, the runs lists). A dispatched run has no pull
 * requests. The run's check suite belongs to GitHub Actions; the sandbox gives its id only.
 */
export async function workflowRunJson(
  repo: RepoState,
  run: WorkflowRunState,
  links: Links,
): Promise<Record<string, unknown>> {
  const repository = repositoryJson(repo, links, { defaultBranch: repo.defaultBranch });
  delete repository.organization;
  return {
    id: run.id,
    name: run.workflowName,
    node_id: run.nodeId,
    check_suite_id: run.checkSuiteId,
    check_suite_node_id: legacyNodeId("CheckSuite", run.checkSuiteId),
    head_branch: run.headBranch,
    head_sha: run.headSha,
    path: run.workflowPath,
    run_number: run.runNumber,
    run_attempt: run.runAttempt,
    referenced_workflows: [],
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: run.workflowId,
    ...runUrls(repo, run, links),
    pull_requests: [],
    created_at: run.createdAt,
    updated_at: run.updatedAt,
    actor: userJson(run.actor, links),
    triggering_actor: userJson(run.triggeringActor, links),
    run_started_at: run.runStartedAt,
    head_commit: await headCommitJson(repo, run.headSha),
    repository,
    head_repository: repository,
    head_repository_id: repo.id,
    display_title: run.displayTitle,
  };
}

/** GitHub's `job` (`GET /actions/runs/{id}/jobs`): a hosted runner, no steps recorded. */
export function jobJson(
  repo: RepoState,
  run: WorkflowRunState,
  job: WorkflowJobState,
  links: Links,
): Record<string, unknown> {
  const api = `${links.api}/repos/${repo.fullName}`;
  const started = job.status !== "queued";
  return {
    id: job.id,
    run_id: run.id,
    run_url: `${api}/actions/runs/${run.id}`,
    run_attempt: job.runAttempt,
    node_id: job.nodeId,
    head_sha: run.headSha,
    url: `${api}/actions/jobs/${job.id}`,
    html_url: `${links.web}/${repo.fullName}/actions/runs/${run.id}/job/${job.id}`,
    status: job.status,
    conclusion: job.conclusion,
    created_at: job.createdAt,
    started_at: job.startedAt,
    completed_at: job.completedAt,
    name: job.name,
    steps: [],
    check_run_url: `${api}/check-runs/${job.id}`,
    labels: ["ubuntu-latest"],
    runner_id: started ? 1 : null,
    runner_name: started ? "GitHub Actions 1" : null,
    runner_group_id: started ? 0 : null,
    runner_group_name: started ? "GitHub Actions" : null,
    workflow_name: run.workflowName,
    head_branch: run.headBranch,
  };
}

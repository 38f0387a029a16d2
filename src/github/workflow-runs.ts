import type { AgentRunView } from "../core/agent-runs/index.js";
import type { GithubClient, RepoRef } from "./client.js";

interface RunData {
  id: number;
  path: string;
  event: string;
  actor?: { login: string } | null;
  status: string | null;
  conclusion: string | null;
  run_attempt?: number;
  html_url: string;
  created_at: string;
}

const runView = (run: RunData): AgentRunView => ({
  id: run.id,
  path: run.path,
  event: run.event,
  actor: run.actor?.login ?? null,
  status: run.status,
  conclusion: run.conclusion,
  attempt: run.run_attempt ?? 1,
  url: run.html_url,
  created_at: run.created_at,
});

/**
 * `workflow_dispatch` asking GitHub to name the run it creates (`return_run_details`): 200 with
 * its id and page; a GitHub that does not know the parameter answers 204 as before (undefined).
 */
export async function dispatchWorkflowRun(
  octokit: GithubClient,
  repoRef: RepoRef & { workflow: string | number; ref: string; inputs: Record<string, string> },
): Promise<{ id: number; url: string } | undefined> {
  const { owner, repo, workflow, ref, inputs } = repoRef;
  const response = await octokit.request("POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches", {
    owner,
    repo,
    workflow_id: workflow,
    ref,
    inputs,
    return_run_details: true,
    // sent once: a 5xx may come after GitHub created the run, and Octokit's retry plugin would
    // then start a second agent on the same branch (the caller reports an unknown outcome instead)
    request: { retries: 0 },
  });
  const data = response.data as unknown as { workflow_run_id?: unknown; html_url?: unknown } | undefined;
  if (typeof data?.workflow_run_id !== "number") return undefined;
  const url = typeof data.html_url === "string" ? data.html_url : "";
  return { id: data.workflow_run_id, url };
}

export async function getWorkflowRun(octokit: GithubClient, repoRef: RepoRef, runId: number): Promise<AgentRunView> {
  return runView((await octokit.rest.actions.getWorkflowRun({ ...repoRef, run_id: runId })).data as RunData);
}

/** One page of the workflow's runs that `actor` started with `workflow_dispatch`, newest first. */
export async function listDispatchedRuns(
  octokit: GithubClient,
  repoRef: RepoRef,
  workflow: string,
  actor: string,
): Promise<AgentRunView[]> {
  const { data } = await octokit.rest.actions.listWorkflowRuns({
    ...repoRef,
    workflow_id: workflow,
    event: "workflow_dispatch",
    actor,
    per_page: 30,
  });
  return data.workflow_runs.map((run) => runView(run as RunData));
}

const failed = new Set(["failure", "cancelled", "timed_out"]);

/**
 * The log of the latest attempt's first failed job (else its last job), its last `maxChars`
 * characters: GitHub answers the log request with a redirect to a signed URL, which Octokit follows.
 */
export async function failedJobLog(
  octokit: GithubClient,
  repoRef: RepoRef,
  runId: number,
  maxChars: number,
): Promise<{ job: string; log: string } | undefined> {
  const { data } = await octokit.rest.actions.listJobsForWorkflowRun({
    ...repoRef,
    run_id: runId,
    filter: "latest",
    per_page: 100,
  });
  const job = data.jobs.find((item) => failed.has(item.conclusion ?? "")) ?? data.jobs.at(-1);
  if (!job) return undefined;
  const logs = await octokit.rest.actions.downloadJobLogsForWorkflowRun({ ...repoRef, job_id: job.id });
  const raw: unknown = logs.data;
  const text = typeof raw === "string" ? raw : raw instanceof ArrayBuffer ? Buffer.from(raw).toString("utf8") : "";
  return { job: job.name, log: text.slice(-maxChars) };
}

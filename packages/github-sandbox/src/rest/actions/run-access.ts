import type { SandboxRequest } from "../../http/index.js";
import { SandboxHttpError } from "../../http/index.js";
import type { RepoState, WorkflowJobState, WorkflowRunState } from "../../state/index.js";

const notFound = (): SandboxHttpError => new SandboxHttpError(404, "Not Found");

/** The run `{run_id}` names in this repository. */
export function findWorkflowRun(repo: RepoState, request: SandboxRequest): WorkflowRunState {
  const run = repo.workflowRuns.get(Number(request.params.run_id));
  if (!run) throw notFound();
  return run;
}

/** The job `{job_id}` names, with its run. */
export function findJob(repo: RepoState, request: SandboxRequest): { run: WorkflowRunState; job: WorkflowJobState } {
  const id = Number(request.params.job_id);
  for (const run of repo.workflowRuns.values()) {
    const job = run.jobs.find((item) => item.id === id);
    if (job) return { run, job };
  }
  throw notFound();
}

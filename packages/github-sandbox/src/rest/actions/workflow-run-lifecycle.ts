import { SandboxHttpError } from "../../http/index.js";
import { legacyNodeId, type RepoState, type SandboxUser, type WorkflowRunState } from "../../state/index.js";
import type { RestContext } from "../rest-context.js";
import type { WorkflowFile } from "../checks/workflow-files.js";

/** How a completed run can end, GitHub's `conclusion` values. */
export const runConclusions = [
  "success",
  "failure",
  "cancelled",
  "timed_out",
  "skipped",
  "neutral",
  "action_required",
  "stale",
  "startup_failure",
] as const;
export type RunConclusion = (typeof runConclusions)[number];

const expression = /\$\{\{\s*(?:github\.event\.)?inputs\.([A-Za-z_][\w-]*)\s*\}\}/g;

/**
 * `run-name` with its `inputs.<name>` expressions filled in (the only context a dispatch gives
 * the sandbox); without a `run-name`, GitHub titles a dispatched run with the workflow's name.
 */
function displayTitle(workflow: WorkflowFile, inputs: Record<string, unknown>): string {
  const runName = workflow.definition?.["run-name"];
  if (typeof runName !== "string" || runName.trim() === "") return workflow.name;
  return runName.replace(expression, (_, name: string) => (inputs[name] === undefined ? "" : String(inputs[name])));
}

function jobNamesOf(workflow: WorkflowFile): string[] {
  const jobs = workflow.definition?.jobs;
  if (typeof jobs !== "object" || jobs === null) return ["build"];
  const names = Object.entries(jobs as Record<string, unknown>).map(([key, job]) => {
    const name = typeof job === "object" && job !== null ? (job as { name?: unknown }).name : undefined;
    return typeof name === "string" && name ? name : key;
  });
  return names.length > 0 ? names : ["build"];
}

export interface NewRun {
  workflow: WorkflowFile;
  event: string;
  headBranch: string | null;
  headSha: string;
  inputs: Record<string, unknown>;
  actor: SandboxUser;
}

/** A queued run of `workflow` (`workflow_run.requested`), numbered after the workflow's earlier runs. */
export function createWorkflowRun(ctx: RestContext, repo: RepoState, input: NewRun): WorkflowRunState {
  const id = ctx.state.nextId();
  const at = ctx.state.iso();
  let runNumber = 1;
  for (const run of repo.workflowRuns.values()) if (run.workflowId === input.workflow.id) runNumber += 1;
  const run: WorkflowRunState = {
    id,
    nodeId: legacyNodeId("WorkflowRun", id),
    workflowId: input.workflow.id,
    workflowPath: input.workflow.path,
    workflowName: input.workflow.name,
    displayTitle: displayTitle(input.workflow, input.inputs),
    event: input.event,
    headBranch: input.headBranch,
    headSha: input.headSha,
    runNumber,
    runAttempt: 1,
    status: "queued",
    conclusion: null,
    actor: input.actor,
    triggeringActor: input.actor,
    inputs: structuredClone(input.inputs),
    createdAt: at,
    updatedAt: at,
    runStartedAt: at,
    checkSuiteId: ctx.state.nextId(),
    jobNames: jobNamesOf(input.workflow),
    jobs: [],
  };
  repo.workflowRuns.set(id, run);
  ctx.events.emit({ name: "workflow_run", action: "requested", repo, sender: run.triggeringActor, run });
  return run;
}

/** The runner picked the run up: its jobs of this attempt start (`workflow_run.in_progress`). */
export function startWorkflowRun(ctx: RestContext, repo: RepoState, run: WorkflowRunState): void {
  if (run.status !== "queued") throw new Error(`sandbox: workflow run ${run.id} is ${run.status}, not queued`);
  const at = ctx.state.iso();
  for (const name of run.jobNames) {
    const id = ctx.state.nextId();
    run.jobs.push({
      id,
      nodeId: legacyNodeId("CheckRun", id),
      runAttempt: run.runAttempt,
      name,
      status: "in_progress",
      conclusion: null,
      createdAt: at,
      startedAt: at,
      completedAt: null,
      log: "",
    });
  }
  run.status = "in_progress";
  run.updatedAt = at;
  ctx.events.emit({ name: "workflow_run", action: "in_progress", repo, sender: run.triggeringActor, run });
}

/**
 * The run ends with `conclusion` (`workflow_run.completed`); a queued run starts first, as on
 * GitHub. `log` is the first job's log of this attempt (GitHub keeps one per job).
 */
export function completeWorkflowRun(
  ctx: RestContext,
  repo: RepoState,
  run: WorkflowRunState,
  conclusion: RunConclusion,
  log = "",
): void {
  if (!runConclusions.includes(conclusion)) throw new Error(`sandbox: "${conclusion}" is not a run conclusion`);
  if (run.status === "completed") throw new Error(`sandbox: workflow run ${run.id} has already completed`);
  if (run.status === "queued") startWorkflowRun(ctx, repo, run);
  const at = ctx.state.iso();
  const jobs = run.jobs.filter((job) => job.runAttempt === run.runAttempt);
  jobs.forEach((job, index) => {
    Object.assign(job, { status: "completed", conclusion, completedAt: at });
    if (index === 0) job.log = log;
  });
  Object.assign(run, { status: "completed", conclusion, updatedAt: at });
  ctx.events.emit({ name: "workflow_run", action: "completed", repo, sender: run.triggeringActor, run });
}

/**
 * `POST /actions/runs/{id}/rerun`: a completed run starts its next attempt, queued, started by the
 * caller; GitHub refuses a run that is still going (403; the sandbox's wording is its own).
 */
export function rerunWorkflowRun(ctx: RestContext, repo: RepoState, run: WorkflowRunState, by: SandboxUser): void {
  if (run.status !== "completed") {
    throw new SandboxHttpError(
      403,
      `Cannot rerun a workflow run that is not completed (run ${run.id} is ${run.status})`,
    );
  }
  const at = ctx.state.iso();
  Object.assign(run, {
    runAttempt: run.runAttempt + 1,
    status: "queued",
    conclusion: null,
    triggeringActor: by,
    updatedAt: at,
    runStartedAt: at,
  });
  ctx.events.emit({ name: "workflow_run", action: "requested", repo, sender: by, run });
}

import { randomBytes } from "node:crypto";
import { SandboxHttpError, type SandboxRequest, type SandboxResponse } from "../../http/index.js";
import type { RepoState } from "../../state/index.js";
import { requireReader } from "../checks/check-access.js";
import { findWorkflow } from "../checks/workflows.js";
import { actorOf, linksOf, paginate, requireRepo, type HandlerRegistry, type RestContext } from "../rest-context.js";
import { findJob, findWorkflowRun } from "./run-access.js";
import { filterRuns } from "./run-filters.js";
import { completeWorkflowRun, rerunWorkflowRun } from "./workflow-run-lifecycle.js";
import { jobJson, workflowRunJson } from "./workflow-run-json.js";

/** Where the log downloads live, outside the API, as GitHub's storage host is. */
const logPrefix = "/_sandbox/actions-logs/";
/** GitHub's log URL "expires after 1 minute". */
const logUrlLifetimeMs = 60_000;

async function runList(repo: RepoState, request: SandboxRequest, runs: ReturnType<typeof filterRuns>) {
  const links = linksOf(request);
  const { body, headers } = paginate(runs, request);
  const workflow_runs = await Promise.all(body.map((run) => workflowRunJson(repo, run, links)));
  return { status: 200, body: { total_count: runs.length, workflow_runs }, headers };
}

async function listRepoRuns(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = requireReader(ctx, request, "actions");
  return runList(repo, request, filterRuns(repo.workflowRuns.values(), request));
}

async function listWorkflowRuns(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = requireReader(ctx, request, "actions");
  const workflow = await findWorkflow(ctx, repo, request.params.workflow_id ?? "", repo.defaultBranch);
  const runs = [...repo.workflowRuns.values()].filter((run) => run.workflowId === workflow.id);
  return runList(repo, request, filterRuns(runs, request));
}

async function getRun(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = requireReader(ctx, request, "actions");
  return { status: 200, body: await workflowRunJson(repo, findWorkflowRun(repo, request), linksOf(request)) };
}

/** `filter=latest` (default): the jobs of the latest attempt; `all`: every attempt's. */
async function listJobs(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = requireReader(ctx, request, "actions");
  const run = findWorkflowRun(repo, request);
  const all = request.query.filter === "all";
  const jobs = run.jobs.filter((job) => all || job.runAttempt === run.runAttempt);
  const links = linksOf(request);
  const { body, headers } = paginate(jobs, request);
  return {
    status: 200,
    body: { total_count: jobs.length, jobs: body.map((job) => jobJson(repo, run, job, links)) },
    headers,
  };
}

async function rerun(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = requireRepo(ctx, request, { permission: "actions", write: true });
  rerunWorkflowRun(ctx, repo, findWorkflowRun(repo, request), actorOf(ctx, request.principal));
  return { status: 201, body: {} };
}

/**
 * `POST /actions/runs/{id}/cancel`: 202, and the run ends `cancelled` (`workflow_run.completed`);
 * GitHub stops it moments later, the sandbox once it answered. A run that already completed: 409.
 */
async function cancel(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = requireRepo(ctx, request, { permission: "actions", write: true });
  const run = findWorkflowRun(repo, request);
  if (run.status === "completed") throw new SandboxHttpError(409, "Cannot cancel a workflow run that is completed.");
  completeWorkflowRun(ctx, repo, run, "cancelled");
  return { status: 202, body: {} };
}

/**
 * Job logs: the API answers 302 to a signed URL on another host that needs no token and expires
 * after a minute; the sandbox serves that URL under `/_sandbox/actions-logs/`.
 */
function registerJobLogs(server: HandlerRegistry, ctx: RestContext): void {
  const signed = new Map<string, { log: () => string; expires: number }>();
  server.register("actions/download-job-logs-for-workflow-run", async (request) => {
    const repo = requireReader(ctx, request, "actions");
    const { job } = findJob(repo, request);
    const token = randomBytes(16).toString("hex");
    signed.set(token, { log: () => job.log, expires: ctx.state.now() + logUrlLifetimeMs });
    const base = request.apiUrl.replace(/\/api\/v3$/, "");
    return { status: 302, headers: { location: `${base}${logPrefix}${job.id}?sig=${token}` } };
  });
  server.registerDownload?.(logPrefix, (path): SandboxResponse => {
    const token = new URL(path, "http://sandbox.invalid").searchParams.get("sig") ?? "";
    const link = signed.get(token);
    if (!link || link.expires < ctx.state.now()) {
      signed.delete(token);
      return { status: 403, body: "AuthenticationFailed: the signed URL has expired or is not valid" };
    }
    return { status: 200, body: link.log(), headers: { "content-type": "text/plain; charset=utf-8" } };
  });
}

export function registerWorkflowRunHandlers(server: HandlerRegistry, ctx: RestContext): void {
  server.register("actions/list-workflow-runs-for-repo", (request) => listRepoRuns(ctx, request));
  server.register("actions/list-workflow-runs", (request) => listWorkflowRuns(ctx, request));
  server.register("actions/get-workflow-run", (request) => getRun(ctx, request));
  server.register("actions/list-jobs-for-workflow-run", (request) => listJobs(ctx, request));
  server.register("actions/re-run-workflow", (request) => rerun(ctx, request));
  server.register("actions/cancel-workflow-run", (request) => cancel(ctx, request));
  registerJobLogs(server, ctx);
}

import type { SandboxRequest, SandboxResponse } from "../../http/index.js";
import { SandboxHttpError } from "../../http/index.js";
import type { Links } from "../../represent/index.js";
import type { RepoState } from "../../state/index.js";
import { actorOf, linksOf, paginate, requireRepo, type HandlerRegistry, type RestContext } from "../rest-context.js";
import { createWorkflowRun } from "../actions/workflow-run-lifecycle.js";
import { requireReader } from "./check-access.js";
import {
  dispatchTrigger,
  listWorkflows,
  readWorkflow,
  workflowPathOf,
  type DispatchInput,
  type WorkflowFile,
} from "./workflow-files.js";

/** GitHub's `workflow`. */
function workflowJson(repo: RepoState, workflow: WorkflowFile, links: Links): Record<string, unknown> {
  return {
    id: workflow.id,
    node_id: workflow.nodeId,
    name: workflow.name,
    path: workflow.path,
    state: "active",
    created_at: workflow.createdAt,
    updated_at: workflow.createdAt,
    url: `${links.api}/repos/${repo.fullName}/actions/workflows/${workflow.id}`,
    html_url: `${links.web}/${repo.fullName}/blob/${repo.defaultBranch}/${workflow.path}`,
    badge_url: `${links.web}/${repo.fullName}/workflows/${encodeURIComponent(workflow.name)}/badge.svg`,
  };
}

const notFound = (): SandboxHttpError => new SandboxHttpError(404, "Not Found");
const unprocessable = (message: string): SandboxHttpError => new SandboxHttpError(422, message);

/** The workflow `{workflow_id}` names, as it is on `ref`. */
export async function findWorkflow(
  ctx: RestContext,
  repo: RepoState,
  workflowId: string | number,
  ref: string,
): Promise<WorkflowFile> {
  if (typeof workflowId === "number" || /^\d+$/.test(workflowId))
    await listWorkflows(ctx.state, repo, repo.defaultBranch);
  const path = workflowPathOf(repo, workflowId);
  const workflow = path === undefined ? undefined : await readWorkflow(ctx.state, repo, ref, path);
  if (!workflow) throw notFound();
  return workflow;
}

/** Checks `inputs` against the declared ones as GitHub does, in GitHub's words. */
function checkInputs(declared: Record<string, DispatchInput>, inputs: Record<string, unknown>): void {
  const unexpected = Object.keys(inputs).filter((name) => !(name in declared));
  if (unexpected.length > 0) {
    throw unprocessable(`Unexpected inputs provided: [${unexpected.map((name) => JSON.stringify(name)).join(", ")}]`);
  }
  for (const [name, input] of Object.entries(declared)) {
    const given = inputs[name];
    if (given === undefined && input?.required === true && input.default === undefined) {
      throw unprocessable(`Required input '${name}' not provided`);
    }
    if (
      given !== undefined &&
      input?.type === "choice" &&
      Array.isArray(input.options) &&
      !input.options.map(String).includes(String(given))
    ) {
      throw unprocessable(`Provided value '${String(given)}' for input '${name}' not in the list of allowed values`);
    }
  }
}

/**
 * `POST /actions/workflows/{workflow_id}/dispatches`: the workflow file must exist at `ref` and
 * declare `on: workflow_dispatch`, and the inputs must fit its declared inputs. The dispatch
 * creates a queued workflow run (`workflow_run.requested`) that tests move on
 * (`sandbox.workflowRuns`); GitHub names the run only with `return_run_details: true`, else it
 * answers 204 and the caller must find its run in the runs list. The dispatch is also kept in
 * `repo.workflowDispatches` for tests and the demo.
 */
async function dispatchWorkflow(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = requireRepo(ctx, request, { permission: "actions", write: true });
  const body = request.body as { ref: string; inputs?: Record<string, unknown>; return_run_details?: boolean };
  const headSha = await repo.git.resolveCommit(body.ref);
  if (headSha === undefined) throw unprocessable(`No ref found for: ${body.ref}`);
  const workflowId = request.params.workflow_id ?? "";
  const workflow = await findWorkflow(ctx, repo, workflowId, body.ref);
  const declared = dispatchTrigger(workflow.definition);
  if (declared === undefined) throw unprocessable("Workflow does not have 'workflow_dispatch' trigger");
  const inputs = body.inputs ?? {};
  checkInputs(declared, inputs);

  repo.workflowDispatches.push({
    workflowId,
    ref: body.ref,
    inputs: structuredClone(inputs),
    sender: actorOf(ctx, request.principal),
    at: ctx.state.iso(),
  });
  const run = createWorkflowRun(ctx, repo, {
    workflow,
    event: "workflow_dispatch",
    headBranch: body.ref.replace(/^refs\/(heads|tags)\//, ""),
    headSha,
    inputs,
    actor: actorOf(ctx, request.principal),
  });
  if (body.return_run_details !== true) return { status: 204 };
  const runId = run.id;
  const links = linksOf(request);
  return {
    status: 200,
    body: {
      workflow_run_id: runId,
      run_url: `${links.api}/repos/${repo.fullName}/actions/runs/${runId}`,
      html_url: `${links.web}/${repo.fullName}/actions/runs/${runId}`,
    },
  };
}

async function listRepoWorkflows(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = requireReader(ctx, request, "actions");
  const workflows = await listWorkflows(ctx.state, repo, repo.defaultBranch);
  const links = linksOf(request);
  const { body, headers } = paginate(workflows, request);
  return {
    status: 200,
    body: { total_count: workflows.length, workflows: body.map((wf) => workflowJson(repo, wf, links)) },
    headers,
  };
}

async function getWorkflow(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = requireReader(ctx, request, "actions");
  const workflow = await findWorkflow(ctx, repo, request.params.workflow_id ?? "", repo.defaultBranch);
  return { status: 200, body: workflowJson(repo, workflow, linksOf(request)) };
}

export function registerWorkflowHandlers(server: HandlerRegistry, ctx: RestContext): void {
  server.register("actions/create-workflow-dispatch", (request) => dispatchWorkflow(ctx, request));
  server.register("actions/list-repo-workflows", (request) => listRepoWorkflows(ctx, request));
  server.register("actions/get-workflow", (request) => getWorkflow(ctx, request));
}

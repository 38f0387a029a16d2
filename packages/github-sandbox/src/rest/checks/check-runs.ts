import type { SandboxRequest, SandboxResponse } from "../../http/index.js";
import { checkRunJson } from "../../represent/check-run.js";
import { linksOf, type HandlerRegistry, type RestContext } from "../rest-context.js";
import { findRun, requireCheckWriter, requireReader } from "./check-access.js";
import type { CheckRunInput } from "./check-run-input.js";
import { createRun, updateRun } from "./check-run-writes.js";

/** `POST /check-runs`: see `createRun`. */
async function createCheckRun(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = requireCheckWriter(ctx, request);
  const input = request.body as CheckRunInput & { name: string; head_sha: string };
  const run = await createRun(ctx, repo, request.principal, { name: input.name, headSha: input.head_sha }, () => input);
  return { status: 201, body: checkRunJson(ctx.state, repo, run, linksOf(request)) };
}

/** `PATCH /check-runs/{id}`: see `updateRun`; an app may update only its own runs. */
async function updateCheckRun(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = requireCheckWriter(ctx, request);
  const run = findRun(repo, request.params.check_run_id);
  updateRun(ctx, repo, request.principal, run, request.body as CheckRunInput);
  return { status: 200, body: checkRunJson(ctx.state, repo, run, linksOf(request)) };
}

async function getCheckRun(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = requireReader(ctx, request, "checks");
  const run = findRun(repo, request.params.check_run_id);
  return { status: 200, body: checkRunJson(ctx.state, repo, run, linksOf(request)) };
}

export function registerCheckRunHandlers(server: HandlerRegistry, ctx: RestContext): void {
  server.register("checks/create", (request) => createCheckRun(ctx, request));
  server.register("checks/update", (request) => updateCheckRun(ctx, request));
  server.register("checks/get", (request) => getCheckRun(ctx, request));
}

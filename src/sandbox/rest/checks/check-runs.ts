import type { SandboxRequest, SandboxResponse } from "../../http/index.js";
import { checkRunJson } from "../../represent/check-run.js";
import type { CheckRunState } from "../../state/index.js";
import { actorOf, linksOf, type HandlerRegistry, type RestContext } from "../rest-context.js";
import { branchAt, findRun, noCommit, requireCheckWriter, requireReader } from "./check-access.js";
import { applyCheckRunInput, newCheckRun, type CheckRunInput } from "./check-run-input.js";
import { refreshSuite } from "./suite-rollup.js";

/**
 * `POST /check-runs`: a run on a commit of the repository, in the app's check suite for that
 * commit (created if there is none). GitHub announces it with `check_run.created`; a run created
 * already completed is also announced with `check_run.completed` right after, as GitHub does for
 * every run that reaches `completed`, so an app waiting for completions never misses one.
 */
async function createCheckRun(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = requireCheckWriter(ctx, request);
  const input = request.body as CheckRunInput & { name: string; head_sha: string };
  const commit = await repo.git.getCommit(input.head_sha);
  if (!commit) throw noCommit(input.head_sha);

  const now = ctx.state.iso();
  const id = ctx.state.nextId();
  const run: CheckRunState = newCheckRun(id, input.name, commit.sha, now);
  const completed = applyCheckRunInput(run, input, now);
  const suite = ctx.ensureCheckSuite(repo, commit.sha, await branchAt(repo, commit.sha));
  run.suiteId = suite.id;
  repo.checkRuns.set(id, run);

  const sender = actorOf(ctx, request.principal);
  ctx.events.emit({ name: "check_run", action: "created", repo, sender, run });
  if (completed) ctx.events.emit({ name: "check_run", action: "completed", repo, sender, run });
  refreshSuite(ctx, repo, suite.id, sender);
  return { status: 201, body: checkRunJson(ctx.state, repo, run, linksOf(request)) };
}

/**
 * `PATCH /check-runs/{id}`: same rules as creation; annotations are appended to the run's, and
 * the run's completion is announced with `check_run.completed`. Every run in the sandbox belongs
 * to the app, so the app may update any of them.
 */
async function updateCheckRun(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = requireCheckWriter(ctx, request);
  const run = findRun(repo, request.params.check_run_id);
  const completed = applyCheckRunInput(run, request.body as CheckRunInput, ctx.state.iso());
  const sender = actorOf(ctx, request.principal);
  if (completed) ctx.events.emit({ name: "check_run", action: "completed", repo, sender, run });
  refreshSuite(ctx, repo, run.suiteId, sender);
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

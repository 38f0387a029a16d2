import type { SandboxRequest, SandboxResponse } from "../../http/index.js";
import { checkSuiteJson } from "../../represent/check-suite.js";
import type { CheckSuiteState } from "../../state/index.js";
import { actorOf, appOfPrincipal, linksOf, paginate, type HandlerRegistry, type RestContext } from "../rest-context.js";
import {
  branchAt,
  findRun,
  findSuite,
  noCommit,
  requireCheckWriter,
  requireReader,
  resolveCommitRef,
} from "./check-access.js";

async function getSuite(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = requireReader(ctx, request, "checks");
  const suite = findSuite(repo, request.params.check_suite_id);
  return { status: 200, body: await checkSuiteJson(ctx.state, repo, suite, linksOf(request)) };
}

/** `GET /commits/{ref}/check-suites`: the apps' suites on that commit, filtered by `app_id` and `check_name`. */
async function listSuitesForRef(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = requireReader(ctx, request, "checks");
  const sha = await resolveCommitRef(repo, String(request.params.ref));
  const { app_id: appId, check_name: checkName } = request.query;
  let suites = [...repo.checkSuites.values()].filter((suite) => suite.headSha === sha);
  if (appId !== undefined) suites = suites.filter((suite) => suite.appId === Number(appId));
  if (typeof checkName === "string") {
    const runs = [...repo.checkRuns.values()];
    suites = suites.filter((suite) => runs.some((run) => run.suiteId === suite.id && run.name === checkName));
  }
  const links = linksOf(request);
  const { body, headers } = paginate(suites, request);
  const checkSuites = await Promise.all(body.map((suite) => checkSuiteJson(ctx.state, repo, suite, links)));
  return { status: 200, body: { total_count: suites.length, check_suites: checkSuites }, headers };
}

/** `POST /check-suites`: 201 with a new suite, or 200 with the app's existing suite for the commit. */
async function createSuite(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = requireCheckWriter(ctx, request);
  const headSha = String((request.body as { head_sha: string }).head_sha);
  const commit = await repo.git.getCommit(headSha);
  if (!commit) throw noCommit(headSha);
  const app = appOfPrincipal(ctx, request.principal);
  const existed = [...repo.checkSuites.values()].some(
    (suite) => suite.headSha === commit.sha && suite.appId === app.id,
  );
  const suite = ctx.ensureCheckSuite(repo, commit.sha, await branchAt(repo, commit.sha), app.id);
  return { status: existed ? 200 : 201, body: await checkSuiteJson(ctx.state, repo, suite, linksOf(request)) };
}

/** GitHub resets a rerequested suite to `queued` and clears its conclusion. */
function requeue(ctx: RestContext, suite: CheckSuiteState): void {
  suite.status = "queued";
  suite.conclusion = null;
  suite.updatedAt = ctx.state.iso();
}

/** `POST /check-suites/{id}/rerequest`: 201 `{}` and `check_suite.rerequested`. */
async function rerequestSuite(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = requireCheckWriter(ctx, request);
  const suite = findSuite(repo, request.params.check_suite_id);
  requeue(ctx, suite);
  ctx.events.emit({ name: "check_suite", action: "rerequested", repo, sender: actorOf(ctx, request.principal), suite });
  return { status: 201, body: {} };
}

/**
 * `POST /check-runs/{id}/rerequest`: 201 `{}` and `check_run.rerequested`. As GitHub documents,
 * the run's suite goes back to `queued` without a conclusion and the run itself is unchanged: the
 * app decides whether to reset or update it.
 */
async function rerequestRun(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = requireCheckWriter(ctx, request);
  const run = findRun(repo, request.params.check_run_id);
  const suite = repo.checkSuites.get(run.suiteId);
  if (suite) requeue(ctx, suite);
  ctx.events.emit({ name: "check_run", action: "rerequested", repo, sender: actorOf(ctx, request.principal), run });
  return { status: 201, body: {} };
}

export function registerCheckSuiteHandlers(server: HandlerRegistry, ctx: RestContext): void {
  server.register("checks/get-suite", (request) => getSuite(ctx, request));
  server.register("checks/list-suites-for-ref", (request) => listSuitesForRef(ctx, request));
  server.register("checks/create-suite", (request) => createSuite(ctx, request));
  server.register("checks/rerequest-suite", (request) => rerequestSuite(ctx, request));
  server.register("checks/rerequest-run", (request) => rerequestRun(ctx, request));
}

import type { SandboxRequest, SandboxResponse } from "../../http/index.js";
import { checkAnnotationJson, checkRunJson } from "../../represent/check-run.js";
import type { CheckRunState, RepoState } from "../../state/index.js";
import { linksOf, pagedList, paginate, type HandlerRegistry, type RestContext } from "../rest-context.js";
import { findRun, findSuite, requireReader, resolveCommitRef } from "./check-access.js";

/**
 * GitHub's check-run listing filters: `check_name`, `status`, `app_id`, and `filter=latest` (the
 * default: only the most recent run of each name, per app) or `all`. Newest first.
 */
function selectRuns(repo: RepoState, runs: CheckRunState[], query: SandboxRequest["query"]): CheckRunState[] {
  let selected = [...runs].sort((a, b) => b.id - a.id);
  if (query.app_id !== undefined) {
    selected = selected.filter((run) => repo.checkSuites.get(run.suiteId)?.appId === Number(query.app_id));
  }
  if (typeof query.check_name === "string") selected = selected.filter((run) => run.name === query.check_name);
  if (typeof query.status === "string") selected = selected.filter((run) => run.status === query.status);
  if (query.filter !== "all") {
    // the latest per name within each app's suite: another app's run of the same name hides nothing
    const seen = new Set<string>();
    selected = selected.filter((run) => {
      const key = `${run.suiteId}:${run.name}`;
      return !seen.has(key) && Boolean(seen.add(key));
    });
  }
  return selected;
}

function runPage(ctx: RestContext, request: SandboxRequest, repo: RepoState, runs: CheckRunState[]): SandboxResponse {
  const selected = selectRuns(repo, runs, request.query);
  const links = linksOf(request);
  const { body, headers } = paginate(selected, request);
  return {
    status: 200,
    body: { total_count: selected.length, check_runs: body.map((run) => checkRunJson(ctx.state, repo, run, links)) },
    headers,
  };
}

/** `GET /commits/{ref}/check-runs`: the runs on the commit a sha, branch or tag names. */
async function listForRef(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = requireReader(ctx, request, "checks");
  const sha = await resolveCommitRef(repo, String(request.params.ref));
  return runPage(
    ctx,
    request,
    repo,
    [...repo.checkRuns.values()].filter((run) => run.headSha === sha),
  );
}

async function listForSuite(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = requireReader(ctx, request, "checks");
  const suite = findSuite(repo, request.params.check_suite_id);
  return runPage(
    ctx,
    request,
    repo,
    [...repo.checkRuns.values()].filter((run) => run.suiteId === suite.id),
  );
}

/** `GET /check-runs/{id}/annotations`: every annotation of every create and update call, in order. */
async function listAnnotations(ctx: RestContext, request: SandboxRequest): Promise<SandboxResponse> {
  const repo = requireReader(ctx, request, "checks");
  const run = findRun(repo, request.params.check_run_id);
  const links = linksOf(request);
  return pagedList(run.output.annotations, request, (annotation) => checkAnnotationJson(repo, run, annotation, links));
}

export function registerCheckRunListHandlers(server: HandlerRegistry, ctx: RestContext): void {
  server.register("checks/list-for-ref", (request) => listForRef(ctx, request));
  server.register("checks/list-for-suite", (request) => listForSuite(ctx, request));
  server.register("checks/list-annotations", (request) => listAnnotations(ctx, request));
}

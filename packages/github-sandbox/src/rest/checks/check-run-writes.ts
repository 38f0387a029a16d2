import type { Principal } from "../../auth/index.js";
import { legacyNodeId, type CheckRunState, type RepoState } from "../../state/index.js";
import { SandboxHttpError } from "../../http/index.js";
import { actorOf, appOfPrincipal, type RestContext } from "../rest-context.js";
import { branchAt, noCommit } from "./check-access.js";
import { applyCheckRunInput, type CheckRunInput } from "./check-run-input.js";
import { refreshSuite } from "./suite-rollup.js";

/** A check run as created, before its input is applied: queued, no output. */
function newCheckRun(id: number, name: string, headSha: string, now: string): CheckRunState {
  return {
    id,
    nodeId: legacyNodeId("CheckRun", id),
    suiteId: 0,
    name,
    headSha,
    externalId: null,
    detailsUrl: null,
    status: "queued",
    conclusion: null,
    startedAt: now,
    completedAt: null,
    output: { title: null, summary: null, text: null, annotations: [] },
    actions: [],
  };
}

/**
 * A new run on a commit of the repository, in the calling app's check suite for that commit
 * (created if there is none), as REST's `POST /check-runs` and GraphQL's `createCheckRun` both make it. GitHub
 * announces it with `check_run.created`; a run created already completed is also announced with
 * `check_run.completed` right after, as GitHub does for every run that reaches `completed`, so an
 * app waiting for completions never misses one. `inputOf` is read once the commit is found.
 */
export async function createRun(
  ctx: RestContext,
  repo: RepoState,
  principal: Principal,
  target: { name: string; headSha: string },
  inputOf: () => CheckRunInput,
): Promise<CheckRunState> {
  const commit = await repo.git.getCommit(target.headSha);
  if (!commit) throw noCommit(target.headSha);

  const now = ctx.state.iso();
  const id = ctx.state.nextId();
  const run = newCheckRun(id, target.name, commit.sha, now);
  const completed = applyCheckRunInput(run, inputOf(), now);
  const suite = ctx.ensureCheckSuite(
    repo,
    commit.sha,
    await branchAt(repo, commit.sha),
    appOfPrincipal(ctx, principal).id,
  );
  run.suiteId = suite.id;
  repo.checkRuns.set(id, run);

  const sender = actorOf(ctx, principal);
  ctx.events.emit({ name: "check_run", action: "created", repo, sender, run });
  if (completed) ctx.events.emit({ name: "check_run", action: "completed", repo, sender, run });
  refreshSuite(ctx, repo, suite.id, sender);
  return run;
}

/**
 * An update to a run (REST's `PATCH /check-runs/{id}`, GraphQL's `updateCheckRun`) by the app that
 * created it: same rules as creation; annotations are appended to the run's, and the run's completion is announced with
 * `check_run.completed`.
 */
export function updateRun(
  ctx: RestContext,
  repo: RepoState,
  principal: Principal,
  run: CheckRunState,
  input: CheckRunInput,
): void {
  // only the app that created a run may change it
  if (repo.checkSuites.get(run.suiteId)?.appId !== appOfPrincipal(ctx, principal).id) {
    throw new SandboxHttpError(403, "Resource not accessible by integration");
  }
  const completed = applyCheckRunInput(run, input, ctx.state.iso());
  const sender = actorOf(ctx, principal);
  if (completed) ctx.events.emit({ name: "check_run", action: "completed", repo, sender, run });
  refreshSuite(ctx, repo, run.suiteId, sender);
}

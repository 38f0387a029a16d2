import type { RepoState, WorkflowRunState } from "../../state/index.js";
import type { RestContext } from "../rest-context.js";
import { completeWorkflowRun, startWorkflowRun, type RunConclusion } from "./workflow-run-lifecycle.js";

/**
 * What the runner does, for tests and the demo (`sandbox.workflowRuns`): the sandbox runs no
 * workflow, so a test starts and ends each run, with the log its first job wrote. Every move sends
 * the `workflow_run` webhook GitHub sends.
 */
export class WorkflowRunControl {
  readonly #ctx: RestContext;

  constructor(ctx: RestContext) {
    this.#ctx = ctx;
  }

  /** Every run of every repository (or of `repo`), oldest first. */
  list(repo?: RepoState): WorkflowRunState[] {
    const repos = repo ? [repo] : this.#ctx.state.repos();
    return repos.flatMap((item) => [...item.workflowRuns.values()]).sort((a, b) => a.id - b.id);
  }

  get(runId: number): WorkflowRunState {
    return this.#find(runId).run;
  }

  /** The runner picked the run up (`in_progress`). */
  start(runId: number): void {
    const { repo, run } = this.#find(runId);
    startWorkflowRun(this.#ctx, repo, run);
  }

  /** The run ends (started first if still queued); `log` is its first job's log. */
  complete(runId: number, conclusion: RunConclusion, options: { log?: string } = {}): void {
    const { repo, run } = this.#find(runId);
    completeWorkflowRun(this.#ctx, repo, run, conclusion, options.log ?? "");
  }

  #find(runId: number): { repo: RepoState; run: WorkflowRunState } {
    for (const repo of this.#ctx.state.repos()) {
      const run = repo.workflowRuns.get(runId);
      if (run) return { repo, run };
    }
    throw new Error(`sandbox: there is no workflow run ${runId}`);
  }
}

import type { CheckSuiteState, RepoState, SandboxUser } from "../../state/index.js";
import type { RestContext } from "../rest-context.js";

/**
 * How GitHub sums up the conclusions of a completed suite: the first of these that any of its
 * (latest) runs concluded with. A suite whose runs all succeeded or were skipped is `success`.
 */
const conclusionPrecedence = [
  "action_required",
  "cancelled",
  "timed_out",
  "failure",
  "neutral",
  "success",
  "skipped",
  "stale",
] as const;

/** The suite's status and conclusion from its runs' (the latest run of each name). */
function rollUp(repo: RepoState, suite: CheckSuiteState): Pick<CheckSuiteState, "status" | "conclusion"> {
  const latest = new Map<string, { id: number; status: string; conclusion: string | null }>();
  for (const run of repo.checkRuns.values()) {
    if (run.suiteId !== suite.id) continue;
    const seen = latest.get(run.name);
    if (!seen || seen.id < run.id) latest.set(run.name, run);
  }
  const runs = [...latest.values()];
  if (runs.length === 0) return { status: suite.status, conclusion: suite.conclusion };
  if (runs.every((run) => run.status === "completed")) {
    const conclusions = new Set(runs.map((run) => run.conclusion));
    const conclusion = conclusionPrecedence.find((candidate) => conclusions.has(candidate)) ?? null;
    return { status: "completed", conclusion };
  }
  const started = runs.some((run) => run.status !== "queued");
  return { status: started ? "in_progress" : "queued", conclusion: null };
}

/**
 * Brings the suite in line with its runs after one of them changed; when that completes the
 * suite, GitHub sends `check_suite.completed` (once per completion: a later change to an already
 * completed suite sends nothing).
 */
export function refreshSuite(ctx: RestContext, repo: RepoState, suiteId: number, sender: SandboxUser): void {
  const suite = repo.checkSuites.get(suiteId);
  if (!suite) return;
  const wasCompleted = suite.status === "completed";
  const next = rollUp(repo, suite);
  if (next.status === suite.status && next.conclusion === suite.conclusion) return;
  suite.status = next.status;
  suite.conclusion = next.conclusion;
  suite.updatedAt = ctx.state.iso();
  if (!wasCompleted && suite.status === "completed") {
    ctx.events.emit({ name: "check_suite", action: "completed", repo, sender, suite });
  }
}

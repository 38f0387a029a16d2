import type { AgentRunView } from "./agent-run-view.js";

export interface OwnRunCriteria {
  /** the run id the queue recorded when the app dispatched it */
  recordedId: number | undefined;
  /** `dispatch.workflow`: the file name in `.github/workflows/` */
  workflow: string;
  /** the app's bot login, `autopilot[bot]` */
  appLogin: string;
}

/**
 * Whether a workflow run is the agent's run Autopilot dispatched: the very run the queue recorded
 * at dispatch, of the configured workflow, started by a `workflow_dispatch` from the app itself.
 * A run of another workflow, one a person or another app started (a PR author's workflow named
 * like the agent's), or one of the right workflow the app did not record, never counts: its
 * failure must not hand a task to anyone, its success must not stand for the agent's.
 */
export function isOwnAgentRun(
  run: Pick<AgentRunView, "id" | "path" | "event" | "actor">,
  own: OwnRunCriteria,
): boolean {
  return (
    own.recordedId !== undefined &&
    run.id === own.recordedId &&
    run.path === `.github/workflows/${own.workflow}` &&
    run.event === "workflow_dispatch" &&
    run.actor !== null &&
    run.actor.toLowerCase() === own.appLogin.toLowerCase()
  );
}

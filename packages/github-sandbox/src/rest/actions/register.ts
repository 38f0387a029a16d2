import type { HandlerRegistry, RestContext } from "../rest-context.js";
import { registerWorkflowRunHandlers } from "./workflow-runs.js";

/** GitHub Actions' workflow runs, their jobs, logs and re-runs (dispatch itself is with the workflows). */
export function registerActionsHandlers(server: HandlerRegistry, ctx: RestContext): void {
  registerWorkflowRunHandlers(server, ctx);
}

import type { HandlerRegistry, RestContext } from "../rest-context.js";
import { registerCheckRunListHandlers } from "./check-run-lists.js";
import { registerCheckRunHandlers } from "./check-runs.js";
import { registerCheckSuiteHandlers } from "./check-suites.js";
import { registerCommitStatusHandlers } from "./commit-statuses.js";
import { registerWorkflowHandlers } from "./workflows.js";

/** Check runs and suites, commit statuses, and workflow dispatch: what CI reports and how it is started. */
export function registerCheckHandlers(server: HandlerRegistry, ctx: RestContext): void {
  registerCheckRunHandlers(server, ctx);
  registerCheckRunListHandlers(server, ctx);
  registerCheckSuiteHandlers(server, ctx);
  registerCommitStatusHandlers(server, ctx);
  registerWorkflowHandlers(server, ctx);
}

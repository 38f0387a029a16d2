import { durationMs, type Config } from "../../config/index.js";
import type { RetryPolicy } from "../../core/agent-runs/index.js";

type WorkflowDispatch = Extract<Config["dispatch"], { target: "workflow_dispatch" }>;

/** `dispatch.retries` with the backoff in milliseconds. */
export const retryPolicyOf = (dispatch: WorkflowDispatch): RetryPolicy => ({
  attempts: dispatch.retries.attempts,
  backoffMs: dispatch.retries.backoff === undefined ? 0 : durationMs(dispatch.retries.backoff),
});

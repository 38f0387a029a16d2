import { currentJobScope } from "../work/job-scope.js";
import type { LlmCallSample } from "./app-metrics.js";

/**
 * Hooks for code deep inside a job (the LLM port, the queue commit): they count in the metrics of
 * the app instance whose job is running, and do nothing outside a job (the CLI, unit tests).
 */
export function recordLlmCall(call: LlmCallSample): void {
  currentJobScope()?.metrics?.llmCall(call);
}

/** A task's status change, committed to the queue (`from` undefined: a new task). */
export function recordQueueTransition(from: string | undefined, to: string): void {
  currentJobScope()?.metrics?.queueTransition(from ?? "new", to);
}

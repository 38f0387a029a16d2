import type { GateResult } from "../gate-result.js";
import { compilePatterns } from "../scope/compile-patterns.js";
import { runGatesWith } from "./run-gates-with.js";
import type { RunGatesInput } from "./run-gates-with.js";
import { taskGates } from "./task-gates.js";

export type { GatedTask, RunGatesInput } from "./run-gates-with.js";

/**
 * The `autopilot/scope`, `autopilot/concordance` and `autopilot/secrets` results, in that order,
 * for one change. Scope and concordance need a task; without one they are neutral "skipped".
 */
export function runGates(input: RunGatesInput): GateResult[] {
  return runGatesWith(input, { taskGates, compilePaths: compilePatterns });
}

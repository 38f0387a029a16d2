import type { GateResult } from "../gate-result.js";
import { evaluateConcordanceGate, loadBlueprintIndex } from "../concordance/index.js";
import { evaluateScopeGate } from "../scope/index.js";
import { controlPaths } from "./control-paths.js";
import { locksFromQueue } from "./locks-from-queue.js";
import type { GatedTask, RunGatesInput, TaskGates } from "./run-gates-with.js";

/** `autopilot/scope` and `autopilot/concordance` for a task's change. */
export const taskGates: TaskGates = (input, task, incomplete) => [
  scopeGate(input, task, incomplete),
  concordanceGate(input, task, incomplete),
];

function scopeGate(input: RunGatesInput, task: GatedTask, incomplete: string | undefined): GateResult {
  const { config } = input;
  return evaluateScopeGate({
    taskId: task.id,
    files: input.files,
    ...(input.ownTaskFile !== undefined && { ownTaskFile: input.ownTaskFile }),
    controlPaths: controlPaths(config),
    scope: task.scope,
    forbidden: task.forbidden,
    forbiddenDefaults: config.defaults.forbidden,
    budget: {
      files: task.budget?.files ?? config.defaults.budget.files,
      lines: task.budget?.lines ?? config.defaults.budget.lines,
    },
    locks: locksFromQueue(input.queueText, task.id),
    repoFiles: input.repoFiles,
    ...(incomplete !== undefined && { incomplete }),
  });
}

function concordanceGate(input: RunGatesInput, task: GatedTask, incomplete: string | undefined): GateResult {
  const { config } = input;
  const ownPath = input.ownTaskFile?.path;
  const { index, errors } = loadBlueprintIndex(input.indexFiles);
  return evaluateConcordanceGate({
    taskId: task.id,
    commits: input.commits,
    files: ownPath === undefined ? input.files : input.files.filter((file) => file.filename !== ownPath),
    index,
    indexErrors: [...(input.indexErrors ?? []), ...errors],
    taskRefs: task.refs,
    requireTrailers: config.concordance.require_trailers,
    exemptPaths: config.concordance.exempt_paths,
    ...(incomplete !== undefined && { incomplete }),
  });
}

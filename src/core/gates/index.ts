/**
 * The three deterministic gates run together over plain data, so the `autopilot check` CLI and
 * the app's check runs reach the same conclusions from the same inputs.
 */
export { runGates } from "./run-gates.js";
export type { RunGatesInput } from "./run-gates.js";
export { locksFromQueue } from "./locks-from-queue.js";
export { scanChange, unscannedReason } from "./scan-change.js";
export type { ChangeScan, ChangeText, FilePatch } from "./scan-change.js";
export type { GatedTask } from "./run-gates.js";
export { controlPaths, modelDecisionsPath } from "./control-paths.js";
export { addedLinesPatch } from "./added-lines-patch.js";

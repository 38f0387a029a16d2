export {
  findPatternProblem,
  normalizePattern,
  ScopePatternError,
  scopeMatchOptions,
} from "./normalize-pattern.js";
export { compilePatterns } from "./compile-patterns.js";
export type { CompiledPatterns, PathMatcher } from "./compile-patterns.js";
export { findLockConflicts, maxConflictExamples } from "./find-lock-conflicts.js";
export type { LockConflict, ScopeLock } from "./find-lock-conflicts.js";
export { evaluateScopeGate, scopeGateName } from "./evaluate-scope-gate.js";
export type { ScopeGateInput } from "./evaluate-scope-gate.js";
export { matchControlPath } from "./match-control-path.js";

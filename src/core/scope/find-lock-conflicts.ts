import { compilePatterns, type CompiledPattern } from "./compile-patterns.js";
import { globCovers, globsMayOverlap, overlapExample } from "./globs-may-overlap.js";
import { inlineCode } from "./inline-code.js";
import { findPatternProblem } from "./normalize-pattern.js";

/** The scope of an in-progress task: the paths it holds. */
export interface ScopeLock {
  taskId: string;
  scope: string[];
}

export interface LockConflict {
  /** the other task */
  taskId: string;
  /** example paths in both scopes: existing files, else globs for paths that may be created */
  paths: string[];
  /** one sentence saying why the scopes overlap */
  reason: string;
}

/** Enough examples to show where the overlap is without flooding a check summary. */
export const maxConflictExamples = 5;

/**
 * Which of `others` hold a path that `scope` also covers. Decided on the repository's files
 * (an existing file matched by both scopes) and, for paths that do not exist yet, by comparing
 * the globs themselves. Unsure means conflict: a false conflict blocks one task, a missed one
 * lets two agents overwrite each other. Throws ScopePatternError when `scope` is unusable; an
 * unusable pattern in another task's scope is reported as a conflict with that task.
 */
export function findLockConflicts(scope: string[], others: ScopeLock[], repoFiles: readonly string[]): LockConflict[] {
  const mine = compilePatterns(scope);
  const candidates = repoFiles.filter((path) => mine.matches(path));
  const conflicts: LockConflict[] = [];
  for (const other of others) {
    const invalid = other.scope
      .map((pattern) => ({ pattern, problem: findPatternProblem(pattern) }))
      .find((entry) => entry.problem !== undefined);
    if (invalid) {
      conflicts.push({
        taskId: other.taskId,
        paths: [invalid.pattern],
        reason:
          `the scope of ${other.taskId} has a pattern, ${inlineCode(invalid.pattern)}, that ` +
          `${invalid.problem ?? "is invalid"}; an overlap cannot be ruled out`,
      });
      continue;
    }
    const theirs = compilePatterns(other.scope);
    const shared = candidates.filter((path) => theirs.matches(path));
    if (shared.length > 0) {
      conflicts.push({
        taskId: other.taskId,
        paths: shared.slice(0, maxConflictExamples),
        reason:
          `${count(shared.length, "existing file")} ${shared.length === 1 ? "is" : "are"} ` +
          `in both this task's scope and the scope of ${other.taskId}`,
      });
      continue;
    }
    const examples = overlappingGlobs(mine.entries, theirs.entries);
    if (examples.length > 0) {
      conflicts.push({
        taskId: other.taskId,
        paths: examples,
        reason:
          `no existing file is in both scopes, but new files matching ${examples.map(inlineCode).join(", ")} ` +
          `would be in this task's scope and the scope of ${other.taskId}`,
      });
    }
  }
  return conflicts;
}

/** Examples of globs that patterns of both lists can match, ignoring carved-out paths. */
function overlappingGlobs(mine: readonly CompiledPattern[], theirs: readonly CompiledPattern[]): string[] {
  const examples: string[] = [];
  mine.forEach((left, leftIndex) => {
    if (left.negated) return;
    theirs.forEach((right, rightIndex) => {
      if (right.negated) return;
      for (const a of left.globs) {
        for (const b of right.globs) {
          if (examples.length >= maxConflictExamples) return;
          // A path matched by `a` is still excluded when a later negation of its own list
          // covers every path of the other glob; the same holds the other way round.
          if (excludedLater(mine, leftIndex, b) || excludedLater(theirs, rightIndex, a)) continue;
          if (!globsMayOverlap(a, b)) continue;
          const example = overlapExample(a, b);
          if (!examples.includes(example)) examples.push(example);
        }
      }
    });
  });
  return examples;
}

function excludedLater(entries: readonly CompiledPattern[], index: number, glob: string): boolean {
  return entries
    .slice(index + 1)
    .some((entry) => entry.negated && entry.globs.some((cover) => globCovers(cover, glob)));
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

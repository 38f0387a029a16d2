import { compilePatterns } from "../scope/index.js";
import type { ChangedFile } from "../changed-file.js";
import { normalizeEntry } from "./crosswalk-schema.js";
import type { Crosswalk, CrosswalkEntry } from "./crosswalk-schema.js";
import { compareIds, normalizeRefId, normalizeTaskId } from "./ref-id.js";

/** Paths classified as tests unless the caller passes its own patterns. */
export const defaultTestPatterns: readonly string[] = [
  "test/**",
  "tests/**",
  "**/test/**",
  "**/tests/**",
  "**/__tests__/**",
  "**/*.test.*",
  "**/*.spec.*",
  "**/*_test.*",
  "**/test_*.py",
];

export interface CrosswalkUpdate {
  taskId: string;
  /** the blueprint / WBS ids the task's commits named */
  ids: string[];
  /** the change of the task's pull request */
  files: ChangedFile[];
  status: "in_progress" | "done";
  /** globs of test paths; replaces `defaultTestPatterns` */
  testPatterns?: string[];
  /** globs of paths never recorded as code or tests (bookkeeping such as `ops/**`) */
  exemptPaths?: string[];
}

/**
 * Records a task's work in the crosswalk: each id gets the task, the changed paths (split into
 * code and tests) and the status. Pure and idempotent: applying the same update twice gives the
 * same crosswalk. Removed and renamed files are fixed in every entry, not only the task's ids,
 * because the crosswalk must point at files that exist.
 */
export function updateCrosswalk(crosswalk: Crosswalk, update: CrosswalkUpdate): Crosswalk {
  const testPatterns = compilePatterns(update.testPatterns ?? defaultTestPatterns);
  const exemptPaths = compilePatterns(update.exemptPaths ?? []);
  const isTest = (path: string): boolean => testPatterns.matches(path);

  const gone = new Set<string>();
  const renamedTo = new Map<string, string>();
  const touched: string[] = [];
  for (const file of update.files) {
    if (file.status === "removed") {
      gone.add(file.filename);
      continue;
    }
    if (file.status === "renamed" && file.previous_filename !== undefined) {
      renamedTo.set(file.previous_filename, file.filename);
    }
    if (file.status !== "unchanged" && !exemptPaths.matches(file.filename)) touched.push(file.filename);
  }

  /** Existing paths after removals and renames; a moved path is re-classified by its new name. */
  const relocate = (entry: CrosswalkEntry): { code: string[]; tests: string[] } => {
    const code: string[] = [];
    const tests: string[] = [];
    const place = (path: string, wasTest: boolean): void => {
      if (gone.has(path)) return;
      const moved = renamedTo.get(path);
      if (moved === undefined) (wasTest ? tests : code).push(path);
      else if (!exemptPaths.matches(moved)) (isTest(moved) ? tests : code).push(moved);
    };
    for (const path of entry.code) place(path, false);
    for (const path of entry.tests) place(path, true);
    return { code, tests };
  };

  const touchedSet = new Set(touched);
  const taskId = normalizeTaskId(update.taskId) ?? update.taskId;
  const ids = new Set(update.ids.map((id) => normalizeRefId(id) ?? id));
  const entries = new Map<string, CrosswalkEntry>();
  for (const [id, entry] of Object.entries(crosswalk.entries)) {
    entries.set(id, normalizeEntry({ ...entry, ...relocate(entry) }));
  }
  for (const id of ids) {
    const entry = entries.get(id) ?? { tasks: [], code: [], tests: [], status: "planned" };
    const alreadyDone = entry.status === "done" && entry.tasks.includes(taskId);
    entries.set(
      id,
      normalizeEntry({
        ...entry,
        tasks: [...entry.tasks, taskId],
        // a touched path is classified afresh, so it never sits in both lists
        code: [...entry.code.filter((path) => !touchedSet.has(path)), ...touched.filter((path) => !isTest(path))],
        tests: [...entry.tests.filter((path) => !touchedSet.has(path)), ...touched.filter(isTest)],
        // a replayed "in_progress" for a task that already finished must not reopen the id
        status: alreadyDone ? "done" : update.status,
      }),
    );
  }
  const sorted = [...entries].sort(([a], [b]) => compareIds(a, b));
  // fromEntries defines own properties, so an id spelled "__proto__" cannot reach the prototype
  return { ...crosswalk, entries: Object.fromEntries(sorted) };
}

import type { ChangedFile } from "../changed-file.js";
import type { Annotation, GateResult } from "../gate-result.js";
import { compilePatterns, type CompiledPatterns } from "./compile-patterns.js";
import { findLockConflicts, type LockConflict, type ScopeLock } from "./find-lock-conflicts.js";
import { inlineCode } from "./inline-code.js";
import { findPatternProblem } from "./normalize-pattern.js";
import { matchControlPath } from "./match-control-path.js";
import { scopeGateName } from "./scope-gate-name.js";

export { scopeGateName };

/** Keeps the summary far below GitHub's 65,535-character limit on a 3,000-file change. */
const maxListed = 50;

export interface ScopeGateInput {
  taskId: string;
  files: ChangedFile[];
  /** allowed globs (task spec) */
  scope: string[];
  /** the task's own forbidden globs */
  forbidden: string[];
  /**
   * the configuration's forbidden defaults, matched on their own so that a negation in a task
   * spec (`!.github/workflows/**`) can never lift a repository-wide prohibition
   */
  forbiddenDefaults?: string[];
  /**
   * Autopilot's control files, forbidden to every task whatever the spec and the configuration
   * say: exact paths, or folders written `folder/**` (matched literally, never as globs)
   */
  controlPaths?: string[];
  /**
   * The task's own task file, which the app commits on the branch: left out of the other checks;
   * each problem (the PR changed the recorded spec in it) fails the gate
   */
  ownTaskFile?: { path: string; problems: string[] };
  /** effective budget; lines = additions + deletions */
  budget: { files: number; lines: number };
  /** scopes of OTHER in-progress tasks */
  locks: ScopeLock[];
  /** file list of the base tree, for overlap decisions */
  repoFiles: readonly string[];
  /** set when the change could not be read entirely (API caps): the gate fails saying so */
  incomplete?: string;
}

interface PathFinding {
  file: ChangedFile;
  /** the offending path: the file's name, or the name it had before a rename */
  path: string;
}

interface ForbiddenFinding extends PathFinding {
  pattern: string;
  /** one of Autopilot's control files, forbidden to every task */
  control: boolean;
}

interface LockFinding {
  conflict: LockConflict;
  scope: readonly string[];
  changed: PathFinding[];
}

/**
 * The `autopilot/scope` check: every changed path inside the task scope and outside the
 * forbidden paths, the change within budget, and no other in-progress task holding an
 * overlapping scope.
 */
export function evaluateScopeGate(input: ScopeGateInput): GateResult {
  // "unchanged" entries are listed by the compare API without being part of the change.
  const own = input.ownTaskFile;
  const listed = input.files.filter((file) => file.status !== "unchanged");
  const files = listed.filter((file) => file.filename !== own?.path);
  const ownEdits = own === undefined || own.problems.length === 0 ? [] : own.problems;
  const incomplete =
    input.incomplete === undefined ? undefined : input.incomplete.trim() || "the change could not be read entirely";
  if (incomplete === undefined && files.length === 0 && ownEdits.length === 0) {
    return gate("success", "No changes", `No changed files: nothing to check for ${input.taskId}.`, []);
  }

  const problems = [
    ...patternProblems("scope", input.scope),
    ...patternProblems("forbidden", input.forbidden),
    ...patternProblems("forbidden", input.forbiddenDefaults ?? []),
  ];
  if (problems.length > 0) return invalidPatterns(input.taskId, files.length, problems, incomplete);

  const scope = compilePatterns(input.scope);
  const forbidden = compilePatterns(input.forbidden);
  const forbiddenDefaults = compilePatterns(input.forbiddenDefaults ?? []);
  const controls = input.controlPaths ?? [];
  const outside: PathFinding[] = [];
  const forbiddenHits: ForbiddenFinding[] = [];
  const locks = lockFindings(input);
  for (const file of files) {
    for (const path of pathsWritten(file)) {
      if (!scope.matches(path)) outside.push({ file, path });
      const control = matchControlPath(controls, path);
      const pattern = control ?? forbiddenDefaults.matchedBy(path) ?? forbidden.matchedBy(path);
      if (pattern !== undefined) forbiddenHits.push({ file, path, pattern, control: control !== undefined });
      for (const lock of locks) {
        if (lock.matcher?.matches(path)) lock.finding.changed.push({ file, path });
      }
    }
  }
  const conflicts = locks.map((lock) => lock.finding).filter(isConflict);

  const used = {
    files: files.length,
    lines: files.reduce((sum, file) => sum + file.additions + file.deletions, 0),
  };
  const overBudget = used.files > input.budget.files || used.lines > input.budget.lines;

  const failures: string[] = [];
  if (incomplete !== undefined) failures.push("change not read entirely");
  if (ownEdits.length > 0) failures.push("the PR changed its own task file");
  if (outside.length > 0) failures.push(`${count(distinctFiles(outside), "file")} outside scope`);
  if (forbiddenHits.length > 0) failures.push(`${count(distinctFiles(forbiddenHits), "file")} in forbidden paths`);
  if (overBudget) failures.push(`over budget (${budgetFigures(used, input.budget)})`);
  if (conflicts.length > 0) {
    failures.push(`lock overlap with ${conflicts.map((finding) => finding.conflict.taskId).join(", ")}`);
  }
  const title =
    failures.length > 0
      ? capitalize(failures.join("; "))
      : `All ${count(used.files, "changed file")} in scope; ${budgetFigures(used, input.budget)}`;

  const annotations = [
    ...(own !== undefined && ownEdits.length > 0 ? [ownTaskFileAnnotation(own.path, ownEdits)] : []),
    ...outside.map((finding) => outsideAnnotation(finding, input.taskId, scope)),
    ...forbiddenHits.map((finding) => forbiddenAnnotation(finding)),
    ...conflicts.flatMap((finding) => finding.changed.map((changed) => lockAnnotation(changed, finding))),
  ];
  const summary = [
    intro(input, files, used),
    ...(incomplete === undefined ? [] : [incompleteNote(incomplete)]),
    ...(own !== undefined && ownEdits.length > 0 ? [ownTaskFileNote(own.path, ownEdits)] : []),
    budgetTable(used, input.budget),
    patternsList(input),
    section("Outside the task scope", outside.map(describeOutside)),
    section("Forbidden paths", forbiddenHits.map(describeForbidden)),
    section("Lock overlap with other in-progress tasks", conflicts.map(describeConflict)),
  ].join("\n\n");
  return gate(failures.length > 0 ? "failure" : "success", title, summary, annotations);
}

/** A rename writes both paths: the old one is deleted, the new one created. A copy only adds. */
function pathsWritten(file: ChangedFile): string[] {
  const previous = file.previous_filename;
  if (previous === undefined || previous === file.filename || file.status === "copied") {
    return [file.filename];
  }
  return [file.filename, previous];
}

function lockFindings(input: ScopeGateInput): Array<{ finding: LockFinding; matcher?: CompiledPatterns }> {
  const others = input.locks.filter((lock) => lock.taskId !== input.taskId);
  const conflicts = findLockConflicts(input.scope, others, input.repoFiles);
  return others.map((lock) => {
    const conflict = conflicts.find((candidate) => candidate.taskId === lock.taskId) ?? {
      taskId: lock.taskId,
      paths: [],
      reason: `this change writes files in the scope of ${lock.taskId}`,
    };
    const valid = lock.scope.every((pattern) => findPatternProblem(pattern) === undefined);
    const finding: LockFinding = { conflict, scope: lock.scope, changed: [] };
    return valid ? { finding, matcher: compilePatterns(lock.scope) } : { finding };
  });
}

/** A lock conflicts when the scopes overlap, or when this change already wrote into the other scope. */
function isConflict(finding: LockFinding): boolean {
  return finding.conflict.paths.length > 0 || finding.changed.length > 0;
}

function ownTaskFileAnnotation(path: string, problems: string[]): Annotation {
  return annotation(
    path,
    "Task file changed",
    `${ownTaskFileWords(problems)} The spec that judges this PR is the one Autopilot recorded.`,
  );
}

function ownTaskFileWords(problems: string[]): string {
  return `The PR changed its own task file: ${problems.join("; ")}.`;
}

function ownTaskFileNote(path: string, problems: string[]): string {
  return (
    `> **${ownTaskFileWords(problems)}** (${inlineCode(path)}) Autopilot judges the change against the spec it ` +
    "recorded at dispatch, never a copy the PR can edit: restore the task file as Autopilot wrote it."
  );
}

function outsideAnnotation(finding: PathFinding, taskId: string, scope: CompiledPatterns): Annotation {
  const what = isRenameSource(finding) ? `renamed from ${finding.path}, which` : finding.path;
  return annotation(
    finding.file.filename,
    "Outside task scope",
    `Outside scope: ${what} is not in the scope of ${taskId} (${scope.patterns.join(", ")}).`,
  );
}

function forbiddenAnnotation(finding: ForbiddenFinding): Annotation {
  const what = isRenameSource(finding) ? `renamed from ${finding.path}, which` : finding.path;
  const why = finding.control
    ? `is one of Autopilot's control files (${finding.pattern}), which no task may change whatever the configuration says`
    : `matches the forbidden pattern ${finding.pattern}`;
  return annotation(finding.file.filename, "Forbidden path", `Forbidden: ${what} ${why}.`);
}

function lockAnnotation(changed: PathFinding, finding: LockFinding): Annotation {
  const taskId = finding.conflict.taskId;
  const what = isRenameSource(changed) ? `renamed from ${changed.path}, which` : changed.path;
  return annotation(
    changed.file.filename,
    `Lock overlap with ${taskId}`,
    `Lock overlap with ${taskId}: ${what} is also in the scope of in-progress task ${taskId} ` +
      `(${finding.scope.join(", ")}).`,
  );
}

function annotation(path: string, title: string, message: string): Annotation {
  return { path, start_line: 1, end_line: 1, annotation_level: "failure", title, message };
}

function isRenameSource(finding: PathFinding): boolean {
  return finding.path !== finding.file.filename;
}

function intro(input: ScopeGateInput, files: ChangedFile[], used: { files: number; lines: number }): string {
  const additions = files.reduce((sum, file) => sum + file.additions, 0);
  const others = input.locks.filter((lock) => lock.taskId !== input.taskId).length;
  return (
    `Checked ${count(used.files, "changed file")} (+${additions} −${used.lines - additions}) of ` +
    `${input.taskId} against its scope, the forbidden paths, the change budget and the scopes of ` +
    `${count(others, "other in-progress task")}.`
  );
}

function incompleteNote(reason: string): string {
  return (
    `> **Incomplete:** the change could not be read entirely (${reason.replace(/\s+/g, " ")}). ` +
    "The findings below cover only the files that were read, so this check fails."
  );
}

function budgetTable(used: { files: number; lines: number }, budget: { files: number; lines: number }): string {
  const row = (label: string, value: number, limit: number): string =>
    `| ${label} | ${value} | ${limit} | ${value > limit ? `**over by ${value - limit}**` : "ok"} |`;
  return [
    "| change | used | budget | |",
    "|---|---:|---:|---|",
    row("files", used.files, budget.files),
    row("lines (additions + deletions)", used.lines, budget.lines),
  ].join("\n");
}

function patternsList(input: ScopeGateInput): string {
  const list = (patterns: readonly string[]): string =>
    patterns.length > 0 ? patterns.map(inlineCode).join(", ") : "none";
  const others = input.locks.filter((lock) => lock.taskId !== input.taskId).map((lock) => lock.taskId);
  return [
    `- Scope: ${list(input.scope)}`,
    `- Forbidden: ${list([...(input.controlPaths ?? []), ...(input.forbiddenDefaults ?? []), ...input.forbidden])}`,
    `- Other in-progress tasks: ${others.length > 0 ? others.join(", ") : "none"}`,
  ].join("\n");
}

function section(heading: string, items: string[]): string {
  if (items.length === 0) return `### ${heading}: none`;
  const shown = items.slice(0, maxListed).map((item) => `- ${item}`);
  if (items.length > maxListed) shown.push(`- … and ${items.length - maxListed} more`);
  return [`### ${heading} (${items.length})`, ...shown].join("\n");
}

function describeOutside(finding: PathFinding): string {
  return isRenameSource(finding)
    ? `${inlineCode(finding.file.filename)} (renamed from ${inlineCode(finding.path)}, which is outside the scope)`
    : inlineCode(finding.path);
}

function describeForbidden(finding: ForbiddenFinding): string {
  const path = isRenameSource(finding)
    ? `${inlineCode(finding.file.filename)} (renamed from ${inlineCode(finding.path)})`
    : inlineCode(finding.path);
  const by = finding.control ? `Autopilot's control file ${inlineCode(finding.pattern)}` : inlineCode(finding.pattern);
  return `${path}: forbidden by ${by}`;
}

function describeConflict(finding: LockFinding): string {
  const { conflict } = finding;
  const parts = [`**${conflict.taskId}** (scope ${finding.scope.map(inlineCode).join(", ")}): ${conflict.reason}.`];
  if (conflict.paths.length > 0) parts.push(`Examples: ${conflict.paths.map(inlineCode).join(", ")}.`);
  if (finding.changed.length > 0) {
    const changed = finding.changed.slice(0, maxListed).map((changedPath) => inlineCode(changedPath.path));
    const more = finding.changed.length > maxListed ? ` and ${finding.changed.length - maxListed} more` : "";
    parts.push(`Changed here: ${changed.join(", ")}${more}.`);
  }
  return parts.join(" ");
}

function invalidPatterns(
  taskId: string,
  changed: number,
  problems: string[],
  incomplete: string | undefined,
): GateResult {
  const summary = [
    `Some patterns of ${taskId} cannot be used, so its ${count(changed, "changed file")} ` +
      "could not be checked. Fix the task spec (or the configured forbidden defaults):",
    problems.map((problem) => `- ${problem}`).join("\n"),
    ...(incomplete === undefined ? [] : [incompleteNote(incomplete)]),
  ].join("\n\n");
  const title = `Invalid ${problems.length === 1 ? "pattern" : "patterns"} in scope or forbidden list`;
  return gate("failure", title, summary, []);
}

function patternProblems(list: string, patterns: readonly string[]): string[] {
  return patterns.flatMap((pattern) => {
    const problem = findPatternProblem(pattern);
    return problem === undefined ? [] : [`${list} pattern ${inlineCode(pattern)} ${problem}`];
  });
}

function budgetFigures(used: { files: number; lines: number }, budget: { files: number; lines: number }): string {
  return `${used.files}/${budget.files} files, ${used.lines}/${budget.lines} lines`;
}

function distinctFiles(findings: PathFinding[]): number {
  return new Set(findings.map((finding) => finding.file.filename)).size;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function gate(
  conclusion: GateResult["conclusion"],
  title: string,
  summary: string,
  annotations: Annotation[],
): GateResult {
  return { name: scopeGateName, conclusion, title, summary, annotations };
}

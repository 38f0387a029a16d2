import { compilePatterns } from "../scope/index.js";
import { redactSecrets } from "../secrets/index.js";
import type { ChangedFile } from "../changed-file.js";
import type { BlueprintIndex } from "./blueprint-schema.js";
import { commitIds, commitRefs, isMergeCommitMessage } from "./commit-refs.js";
import type { CommitRefs } from "./commit-refs.js";
import { normalizeRefId, normalizeTaskId, refIdKey } from "./ref-id.js";

export interface ConcordanceGateInput {
  /** undefined for pull requests that are not task PRs */
  taskId?: string;
  commits: { sha: string; message: string }[];
  files: ChangedFile[];
  index: BlueprintIndex;
  /** problems reading the indices (from `loadBlueprintIndex`, plus any "not found" of the adapter) */
  indexErrors?: string[];
  /** refs declared in the task spec */
  taskRefs: string[];
  /** config `concordance.require_trailers` */
  requireTrailers: boolean;
  /** config `concordance.exempt_paths`: globs of changed paths that need no tracing */
  exemptPaths: string[];
  /** set when the change could not be read entirely (API caps): the gate then fails, saying why */
  incomplete?: string;
}

/** A finding the gate reports; `failure` ones fail the check, `warning` ones make it neutral. */
export type FindingLevel = "failure" | "warning";

/** One line of the check's problem list. */
export interface Problem {
  level: FindingLevel;
  text: string;
}

export interface CommitFinding {
  sha: string;
  subject: string;
  merge: boolean;
  refs: CommitRefs;
  /** what `requireTrailers` wanted and the commit lacks: "Task", "Refs/WBS" */
  missing: string[];
}

export interface UnknownIdFinding {
  sha: string;
  id: string;
  /** true when the id may exist in an index that could not be read */
  unverified: boolean;
  /** an index id with the same number (`NT-12` → `NT-0012`) */
  didYouMean?: string;
}

export interface ConcordanceAnalysis {
  commits: CommitFinding[];
  unknownIds: UnknownIdFinding[];
  /** Task trailers naming another task than the PR's */
  taskMismatches: { sha: string; task: string }[];
  /** Refs/WBS tokens that are not ids at all */
  malformed: { sha: string; token: string }[];
  /** ids named by at least one non-merge commit and known (or unverifiable) */
  tracedIds: string[];
  /** changed, non-exempt files when no commit carries a valid id */
  untraced: ChangedFile[];
  /** failure with requireTrailers, warning when the task declared refs, otherwise only informative */
  untracedLevel: FindingLevel | "info";
  exemptCount: number;
  /** declared in the task spec, named by no commit */
  uncovered: string[];
  uncoveredLevel: FindingLevel;
  indexErrors: string[];
  /** index errors fail the gate when ids had to be verified, and only warn otherwise */
  indexErrorLevel: FindingLevel;
}

export function analyzeConcordance(input: ConcordanceGateInput): ConcordanceAnalysis {
  const indexErrors = input.indexErrors ?? [];
  const unverifiable = indexErrors.length > 0;
  const taskId = input.taskId === undefined ? undefined : (normalizeTaskId(input.taskId) ?? input.taskId);
  const byNumber = new Map<string, string>();
  for (const id of input.index.ids.keys()) {
    const key = refIdKey(id);
    if (key !== undefined && !byNumber.has(key)) byNumber.set(key, id);
  }

  const commits: CommitFinding[] = [];
  const unknownIds: UnknownIdFinding[] = [];
  const taskMismatches: { sha: string; task: string }[] = [];
  const malformed: { sha: string; token: string }[] = [];
  const named = new Set<string>();
  const traced = new Set<string>();

  for (const commit of input.commits) {
    // commit messages are the agent's text and the summary quotes them (subject, trailer values):
    // a credential in one is shown as [REDACTED:<rule>]; the secrets gate reports it
    const message = redactSecrets(commit.message).text;
    const refs = commitRefs(message);
    const merge = isMergeCommitMessage(message);
    const subject = message.replace(/\r\n/g, "\n").split("\n", 1)[0] ?? "";
    const missing: string[] = [];
    commits.push({ sha: commit.sha, subject, merge, refs, missing });
    // merge commits bring in work that was traced on its own branch; their message is git's
    if (merge) continue;

    const ids = commitIds(refs);
    if (input.requireTrailers) {
      if (taskId !== undefined && refs.tasks.length === 0) missing.push("Task");
      if (ids.length === 0) missing.push("Refs/WBS");
    }
    if (taskId !== undefined) {
      for (const task of new Set(refs.tasks)) {
        if (task !== taskId) taskMismatches.push({ sha: commit.sha, task });
      }
    }
    for (const token of refs.invalid) malformed.push({ sha: commit.sha, token });
    for (const id of ids) {
      named.add(id);
      if (input.index.ids.has(id)) {
        traced.add(id);
        continue;
      }
      if (unverifiable) traced.add(id);
      const suggestion = byNumber.get(refIdKey(id) ?? "");
      unknownIds.push({
        sha: commit.sha,
        id,
        unverified: unverifiable,
        ...(suggestion !== undefined && suggestion !== id ? { didYouMean: suggestion } : {}),
      });
    }
  }

  const relevant = input.files.filter((file) => file.status !== "unchanged");
  const exempt = compilePatterns(input.exemptPaths);
  const needTracing = relevant.filter((file) => !exempt.matches(file.filename));
  // Per-commit file lists are not part of the input, so tracing is judged on the union: one
  // valid id anywhere traces every changed path; none leaves every non-exempt path untraced.
  const untraced = traced.size > 0 ? [] : needTracing;
  const taskRefs = [...new Set(input.taskRefs.map((ref) => normalizeRefId(ref) ?? ref))];
  const uncovered = taskRefs.filter((ref) => !named.has(ref));
  const verificationNeeded = named.size > 0 || taskRefs.length > 0 || input.requireTrailers;

  return {
    commits,
    unknownIds,
    taskMismatches,
    malformed,
    tracedIds: [...traced],
    untraced,
    untracedLevel: input.requireTrailers ? "failure" : taskRefs.length > 0 ? "warning" : "info",
    exemptCount: relevant.length - needTracing.length,
    uncovered,
    uncoveredLevel: input.requireTrailers ? "failure" : "warning",
    indexErrors,
    indexErrorLevel: verificationNeeded ? "failure" : "warning",
  };
}

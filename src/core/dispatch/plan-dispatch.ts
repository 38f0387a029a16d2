import type { Config } from "../../config/index.js";
import type { QueueDocument, QueueEntry } from "../queue/index.js";
import { getEntry, listEntries } from "../queue/index.js";
import { findLockConflicts, type LockConflict } from "../scope/index.js";
import type { OwnerQuestion, TaskFileFrontMatter, TaskSpec } from "../task/index.js";
import {
  fieldExamples,
  parseTaskSpec,
  renderTaskFile,
  taskBranchName,
  taskFilePath,
  taskIdFor,
} from "../task/index.js";
import { controlPaths } from "../gates/control-paths.js";
import { agentDeliverySection } from "./agent-delivery.js";
import { blockedComment, pullRequestBody, pullRequestTitle, questionsComment } from "./dispatch-texts.js";
import { hasRecordedSpec, keepRecordedSpec } from "./spec-change.js";
import { workItemProblem, type KnownWorkItems } from "./work-item-problem.js";

export interface DispatchIssue {
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  labels: string[];
}

export interface DispatchInput {
  issue: DispatchIssue;
  config: Config;
  queue: QueueDocument;
  /** Files on the default branch, for lock overlap; only read when another task is in progress. */
  repoFiles: () => readonly string[];
  /**
   * The issue's spec may replace the one the queue recorded: the event came from someone with
   * authority (their edit, label or `/dispatch`). Otherwise a recorded task keeps its spec.
   */
  respec?: boolean;
  /**
   * The work items of the plan of record, read by the caller when the spec names an item it did
   * not name before (absent: not read, not checked). A spec naming an item the plan does not have
   * is asked about, never recorded.
   */
  workItems?: KnownWorkItems;
}

/** The queue fields a dispatch writes (history is the queue's business). */
export type PlannedEntry = Omit<QueueEntry, "history">;

export type DispatchPlan =
  | { kind: "ignore"; reason: string }
  | { kind: "ask"; taskId: string; entry: PlannedEntry; questions: OwnerQuestion[]; comment: string }
  | { kind: "blocked"; taskId: string; entry: PlannedEntry; conflicts: LockConflict[]; comment: string }
  | {
      kind: "start";
      taskId: string;
      entry: PlannedEntry;
      spec: TaskSpec;
      branch: string;
      taskFilePath: string;
      taskFile: string;
      pullRequest: { title: string; body: string };
    };

/** States in which the task's branch and PR exist (or must be restored), so a dispatch only makes sure of them. */
const dispatchedStates = new Set(["in_progress", "review"]);

/** How the history words the block of a task whose branch GitHub refused (a ruleset or protection on task branches). */
export const branchRefusedReason = "GitHub refused the task branch";

/**
 * How the history words the block of a task whose draft pull request GitHub refused: drafts are
 * not available in the repository (a private one on GitHub Free or Pro).
 */
export const draftRefusedReason = "GitHub refused the task's draft pull request";

/**
 * A block the app set lifts by itself: a scope overlap, or a task branch or draft pull request GitHub
 * refused (tried again once nothing holds new tasks); a human's `/block` waits for `/unblock`.
 */
function isLockBlock(entry: QueueEntry): boolean {
  const last = entry.history.at(-1);
  return (
    last?.to === "blocked" &&
    (last.reason.startsWith("scope overlaps") ||
      last.reason.startsWith(branchRefusedReason) ||
      last.reason.startsWith(draftRefusedReason))
  );
}

function plannedEntry(
  issue: DispatchIssue,
  status: QueueEntry["status"],
  spec: TaskSpec | undefined,
  config: Config,
  branch: string | null,
  existing: QueueEntry | undefined,
): PlannedEntry {
  return {
    id: taskIdFor(issue.number),
    issue: issue.number,
    title: issue.title,
    status,
    branch: existing?.branch ?? branch,
    pr: existing?.pr ?? null,
    scope: spec?.scope ?? [],
    forbidden: spec?.forbidden ?? [],
    ...(spec?.budget ? { budget: spec.budget } : {}),
    // until the owner states it, an unknown risk is treated as the highest it could be
    risk: spec?.risk ?? config.defaults.risk ?? "critical",
    mode: spec?.mode ?? "full",
    refs: spec?.refs ?? [],
    ...(spec?.item ? { item: spec.item } : {}),
    // the criteria the review judges against: recorded here, never read back from the PR's branch
    ...(spec ? { acceptance: spec.acceptance, tests: spec.tests } : {}),
  };
}

/**
 * What dispatching an issue should do, decided from the issue as GitHub has it now, the
 * configuration and the queue: nothing (not a live task, or already finished), ask the owner
 * (incomplete spec), wait (the scope overlaps an in-progress task), or start (or make sure of) the
 * task branch, task file and draft PR. Pure: the handler applies the plan, and running it again on
 * the same state plans the same thing.
 */
export function planDispatch(input: DispatchInput): DispatchPlan {
  const { config, queue } = input;
  const taskId = taskIdFor(input.issue.number);
  const existing = getEntry(queue, taskId);
  // once recorded, the task is what the queue says, whatever the issue says now, unless someone with authority asked
  const recorded = input.respec === true ? undefined : existing;
  const issue = recorded ? { ...input.issue, title: recorded.title } : input.issue;
  if (!issue.labels.some((label) => label.toLowerCase() === config.labels.trigger.toLowerCase())) {
    return { kind: "ignore", reason: `#${issue.number} does not carry the \`${config.labels.trigger}\` label` };
  }
  if (existing?.status === "done") return { kind: "ignore", reason: `${taskId} is done` };
  if (existing?.status === "blocked" && !isLockBlock(existing)) {
    return {
      kind: "ignore",
      reason: `${taskId} is blocked (${existing.history.at(-1)?.reason ?? "no reason recorded"}); /unblock it first`,
    };
  }
  if (issue.state === "closed" && !(existing && dispatchedStates.has(existing.status))) {
    return { kind: "ignore", reason: `#${issue.number} is closed` };
  }

  const parsed = parseTaskSpec(issue.body, {
    defaults: {
      forbidden: [],
      scope: config.defaults.scope,
      ...(config.defaults.risk ? { risk: config.defaults.risk } : {}),
    },
  });
  if (recorded && !hasRecordedSpec(recorded)) {
    const completes = "an edit by someone with authority, `/answer` or `/dispatch` completes it";
    return { kind: "ignore", reason: `${taskId} waits for its spec: ${completes}` };
  }
  // a started task an owner was asked about (a merge GitHub refused, a review's question): its
  // answer moves it on; dispatching it again (a sweep, an edit) would put it back to work unasked
  if (recorded?.status === "needs_owner") {
    return {
      kind: "ignore",
      reason: `${taskId} waits for its owner's answer (${recorded.history.at(-1)?.reason ?? "asked"})`,
    };
  }
  if (!parsed.ok) {
    if (existing && (recorded || dispatchedStates.has(existing.status))) {
      // the spec was edited into something invalid after dispatch: the recorded spec (and the task file) still holds
      return {
        kind: "ignore",
        reason: `${taskId} is ${existing.status}; the edited spec is invalid and was not applied`,
      };
    }
    return {
      kind: "ask",
      taskId,
      entry: plannedEntry(issue, "needs_owner", undefined, config, null, existing),
      questions: parsed.questions,
      comment: questionsComment(parsed.questions),
    };
  }

  const spec = recorded ? keepRecordedSpec(parsed.spec, recorded) : parsed.spec;
  const itemProblem =
    input.workItems !== undefined && spec.item !== undefined && spec.item !== existing?.item
      ? workItemProblem(spec.item, input.workItems)
      : undefined;
  if (itemProblem !== undefined) {
    if (existing && dispatchedStates.has(existing.status)) {
      return { kind: "ignore", reason: `${taskId} is ${existing.status}; the edited spec ${itemProblem}; not applied` };
    }
    const example = fieldExamples.item[parsed.source === "form" ? "form" : "fenced"];
    const questions = [{ field: "item", problem: itemProblem, example }];
    return {
      kind: "ask",
      taskId,
      entry: plannedEntry(issue, "needs_owner", undefined, config, null, existing),
      questions,
      comment: questionsComment(questions),
    };
  }
  const branch = existing?.branch ?? taskBranchName(config.branch_prefix, issue.number, issue.title);
  const others = listEntries(queue)
    .filter((entry) => entry.id !== taskId && dispatchedStates.has(entry.status))
    .map((entry) => ({ taskId: entry.id, scope: entry.scope }));
  if (!(existing && dispatchedStates.has(existing.status)) && others.length > 0) {
    const conflicts = findLockConflicts(spec.scope, others, input.repoFiles());
    if (conflicts.length > 0) {
      return {
        kind: "blocked",
        taskId,
        entry: plannedEntry(issue, "blocked", spec, config, null, existing),
        conflicts,
        comment: blockedComment(taskId, conflicts),
      };
    }
  }

  const path = taskFilePath(config.task_dir, taskId);
  const frontMatter: TaskFileFrontMatter = { ...spec, id: taskId, issue: issue.number, title: issue.title, branch };
  const forbidden = [...config.defaults.forbidden, ...spec.forbidden];
  const delivery = {
    taskId,
    branch,
    refs: spec.refs,
    scope: spec.scope,
    forbidden,
    controlPaths: controlPaths(config),
  };
  return {
    kind: "start",
    taskId,
    entry: plannedEntry(
      issue,
      existing && dispatchedStates.has(existing.status) ? existing.status : "in_progress",
      spec,
      config,
      branch,
      existing,
    ),
    spec,
    branch,
    taskFilePath: path,
    // the agent reads the steps that close the loop first, then the issue's own words
    taskFile: renderTaskFile(
      frontMatter,
      [agentDeliverySection(delivery), parsed.brief].filter((part) => part !== "").join("\n\n"),
    ),
    pullRequest: {
      title: pullRequestTitle(taskId, issue.title),
      body: pullRequestBody({ taskId, issue: issue.number, spec, config, taskFile: path, branch }),
    },
  };
}

import { branchRefusedReason, draftRefusedReason } from "../../core/dispatch/index.js";
import { disarmCode, disarmInline } from "../../core/markdown/index.js";
import type { QueueEntry } from "../../core/queue/index.js";
import { GraphqlRefusal, messageOf, statusOf } from "../../github/index.js";
import { moveTask } from "../move-task.js";
import type { ConfiguredContext } from "../repo-context.js";

/** GitHub's words for a write a ruleset or branch protection refuses (REST 422/403, GraphQL UNPROCESSABLE/FORBIDDEN). */
const ruleWords =
  /rule violations|protected (?:branch|ref)|through a pull request|status checks? .*(?:expected|required)|creations? .*restricted|not authorized to push|branch is locked/i;

/**
 * GitHub's own words when it refused a task's start for good: the task branch's creation or its
 * task-file commit refused by a ruleset or branch protection on task branches. Undefined for any
 * other failure (a duplicate, a race, an outage), which the start handles or retries as before.
 */
export function startRefusedByRules(error: unknown): string | undefined {
  if (error instanceof GraphqlRefusal) {
    const refused = error.type === "UNPROCESSABLE" || error.type === "FORBIDDEN";
    return refused && ruleWords.test(error.answer) ? error.answer : undefined;
  }
  const status = statusOf(error);
  if (status !== 422 && status !== 403) return undefined;
  const message = messageOf(error);
  return ruleWords.test(message) ? message : undefined;
}

/** GitHub's words when drafts are not available in a repository (REST 422, GraphQL UNPROCESSABLE). */
const draftWords = /draft pull requests are not supported/i;

/**
 * GitHub's own words when it refused the task's draft pull request because the repository has no
 * drafts: a private repository on GitHub Free or Pro (drafts need GitHub Team or Enterprise Cloud
 * there; public repositories have them on every plan). No API tells the plan beforehand.
 */
export function draftsRefused(error: unknown): string | undefined {
  if (error instanceof GraphqlRefusal) return draftWords.test(error.answer) ? error.answer : undefined;
  if (statusOf(error) !== 422) return undefined;
  const message = messageOf(error);
  return draftWords.test(message) ? message : undefined;
}

export interface RefusedStart {
  /** the task as the start recorded it */
  entry: QueueEntry;
  branch: string;
  /** the issue's labels as the dispatch read them */
  labels: readonly string[];
}

const refusedComment = (task: RefusedStart, answer: string, prefix: string): string =>
  [
    `Autopilot has not dispatched this issue: GitHub refused to create its task branch ${disarmCode(task.branch)}: ${disarmInline(answer, 500)}.`,
    "",
    `A ruleset or branch protection covers task branches: exclude ${disarmCode(`${prefix}**`)} from it, or add the app to its bypass list (\`autopilot doctor\` names the ruleset). New tasks wait for about ten minutes after such a refusal; the next sweep then tries again, and this task is dispatched once GitHub lets its branch be made. The dashboard issue shows the readiness matrix.`,
  ].join("\n");

const draftComment = (task: RefusedStart, answer: string): string =>
  [
    `Autopilot has not dispatched this issue: GitHub refused to open the draft pull request of ${disarmCode(task.branch)}: ${disarmInline(answer, 500)}.`,
    "",
    "Autopilot opens each task's pull request as a draft while the agent works, and reviews and merges it only once it is marked ready. GitHub offers drafts in public repositories on every plan, and in private ones on GitHub Team and Enterprise Cloud only: make the repository public or move its owner to such a plan. New tasks wait for about ten minutes after such a refusal; the next sweep then tries again, and this task is dispatched once GitHub takes its draft. The dashboard issue shows the readiness matrix.",
  ].join("\n");

/**
 * A start GitHub refused for good: the task moves to `blocked` (its scope lock released) with
 * GitHub's words in its history, the issue says why and what to change (the dispatch hold's
 * comment, which says so again once the task is dispatched), and new tasks are held while the
 * refusal is fresh, so neither this task nor the next meets it again on every sweep.
 */
export async function blockRefusedStart(
  ctx: ConfiguredContext,
  task: RefusedStart,
  answer: string,
  login: string,
  refused: "branch" | "draft" = "branch",
): Promise<void> {
  const { entry } = task;
  const oneLine = answer.replace(/\s+/g, " ").trim();
  const what = refused === "draft" ? `the draft pull request of ${task.branch}` : `the task branch ${task.branch}`;
  // the hold's comment on every issue waiting meanwhile says this: the fix goes with it
  const fix = refused === "draft" ? ": drafts in a private repository need GitHub Team or Enterprise Cloud" : "";
  ctx.services.readiness.keepStartRefusal(
    `${ctx.owner}/${ctx.repo}`,
    ctx.services.now().getTime(),
    `GitHub refused to create ${what} (${oneLine})${fix}`,
  );
  ctx.log.warn({ task: entry.id, branch: task.branch, answer: oneLine }, `dispatch: GitHub refused ${what}`);
  // the queue's move and the issue's labels in one request, as every move of a task
  await moveTask(ctx, entry, {
    to: "blocked",
    actor: login,
    reason:
      refused === "draft"
        ? `${draftRefusedReason} of ${task.branch}: ${oneLine}`
        : `${branchRefusedReason} ${task.branch}: ${oneLine}`,
    note: refused === "draft" ? "draft pull request refused" : "task branch refused",
    knownLabels: new Map([[entry.issue, task.labels]]),
  });
  const body =
    refused === "draft" ? draftComment(task, oneLine) : refusedComment(task, oneLine, ctx.config.branch_prefix);
  await ctx.github.upsertSticky({ issueNumber: entry.issue, key: "dispatch-hold", author: login, body });
}

import type { ReviewRecord } from "../../core/review/index.js";
import { oneLineTitle } from "../../core/text-limits.js";
import type { Risk } from "../../core/task/index.js";
import { type CarriedMutation, joinMutations, type LeadMutations, type NewIssue } from "../../github/index.js";
import type { ConfiguredContext } from "../repo-context.js";

/** A follow-up's title as one compares them: case, spacing and punctuation aside. */
const sameTitle = (title: string): string =>
  title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/**
 * Follow-ups the review recorded (`blocking: <title>` or `later: <title>`), each title once (blocking
 * when any of its copies is), blocking ones first, in the review's order otherwise.
 */
function followupsOf(record: ReviewRecord | undefined): { title: string; blocking: boolean }[] {
  const byTitle = new Map<string, { title: string; blocking: boolean }>();
  for (const finding of record?.findings ?? []) {
    if (finding.kind !== "followup") continue;
    const blocking = finding.text.startsWith("blocking: ");
    const title = finding.text.replace(/^(blocking|later): /, "");
    const seen = byTitle.get(sameTitle(title));
    if (seen === undefined) byTitle.set(sameTitle(title), { title, blocking });
    else seen.blocking ||= blocking;
  }
  const all = [...byTitle.values()];
  return [...all.filter((item) => item.blocking), ...all.filter((item) => !item.blocking)];
}

/** What the merged task's follow-ups and closing comment are made of. */
export interface FinishedTask {
  taskId: string;
  issue: number;
  pullNumber: number;
  mergeSha: string;
  branch: string;
  /** the review record, only when its seal holds (the app wrote it as it is) */
  review: ReviewRecord | undefined;
  /** the PR's review comment holds a record whose seal does not hold: edited by someone, or older than seals */
  reviewUnsealed?: boolean;
  /** the PR's review comment holds the sealed record of this other head, not the merged one's */
  reviewOfHead?: string;
  /** the PR has no review comment of the app's: no review was made, or its comment was deleted */
  reviewMissing?: boolean;
  /** `review` is the copy the app's review run on the merged head keeps (the comment did not hold it) */
  reviewFromRun?: boolean;
  /** the task's risk, for its labels */
  risk: Risk;
  /** the repository's node id, when known: the follow-ups are opened in one GraphQL request */
  repositoryId?: string;
}

/**
 * The follow-up issues of the review of a merged task (linked back, blocking ones flagged), at
 * most `max`: a model steered by text in the change could name hundreds, and each is an issue
 * opened in the app's name and a notification to everyone watching. `left` counts the rest.
 */
export function followupIssues(task: FinishedTask, max: number): { issues: NewIssue[]; left: number } {
  const all = followupsOf(task.review);
  const issues = all.slice(0, max).map((followup) => ({
    // a model wrote the title: redacted and shortened (GitHub renders no image or mention in a title)
    title: `${followup.blocking ? "[blocking] " : ""}${oneLineTitle(followup.title)}`,
    body: `Follow-up of ${task.taskId} (#${task.issue}), raised by the review of #${task.pullNumber}${followup.blocking ? ". The reviewer marked it **blocking**: it should be done before further work builds on this." : "."}`,
  }));
  return { issues, left: all.length - issues.length };
}

/** What the closing comment says of the review and its follow-ups. */
function reviewSentence(task: FinishedTask, numbers: readonly number[], left: number): string {
  const kept = task.reviewFromRun
    ? " The review's check run on the merged head keeps Autopilot's record of it: its follow-ups and model calls were taken from there."
    : " Its follow-ups were not opened and its model calls were not recorded.";
  if (task.reviewUnsealed)
    return `The review comment on the pull request is not as Autopilot wrote it (someone edited it, or it predates sealed records).${kept}${outcome(task, numbers, left)}`;
  if (task.reviewOfHead !== undefined)
    return `The review comment on the pull request holds the review of ${task.reviewOfHead.slice(0, 7)}, not the review of the merged head (someone put an earlier record back).${kept}${outcome(task, numbers, left)}`;
  if (task.reviewMissing && task.reviewFromRun)
    return `The review comment on the pull request was deleted.${kept}${outcome(task, numbers, left)}`;
  if (task.reviewMissing && !task.review)
    return "No review record is on the pull request (no model review was made, or its comment was deleted), so no follow-ups were opened and no model calls were recorded.";
  return task.review ? outcome(task, numbers, left).trimStart() : "No model review was recorded.";
}

/** The review's decision and the follow-ups opened, when the merge acts on a record. */
function outcome(task: FinishedTask, numbers: readonly number[], left: number): string {
  if (!task.review) return "";
  const review = ` The review decided **${task.review.decision ?? task.review.status}**.`;
  const listed = numbers.length > 0 ? ` Follow-ups: ${numbers.map((number) => `#${number}`).join(", ")}.` : "";
  const more =
    left > 0
      ? ` ${left} more follow-up${left === 1 ? "" : "s"} the review named ${left === 1 ? "was" : "were"} not opened (\`review.max_followups\`)${task.reviewFromRun ? "" : `; the review comment on #${task.pullNumber} lists them`}.`
      : "";
  return `${review}${listed}${more}`;
}

/**
 * What follows the merge on GitHub: a follow-up issue per follow-up the review named (linked
 * back, blocking ones flagged; all in one request), then the task's issue commented on, closed
 * labelled done and its branch deleted (when the configuration says so) in one request.
 * `opened`: the follow-ups opened already (in the records commit's request, see `completeMerge`);
 * `carried`: a commit sent first in the finishing request (the records commit's, when there are no
 * follow-ups to carry it); `dashboard`: the dashboard's edit, sent in that request too (`rideDashboard`).
 * The caller runs it once per merge (the writer of the done commit), so a redelivery neither
 * opens a follow-up twice nor comments twice.
 */
export async function finishTask(
  ctx: ConfiguredContext,
  task: FinishedTask,
  opened?: number[],
  carried?: CarriedMutation,
  dashboard?: () => Promise<LeadMutations | undefined>,
): Promise<number[]> {
  const { github, config } = ctx;
  const followups = followupIssues(task, config.review.max_followups);
  const numbers =
    opened ??
    (followups.issues.length > 0 ? await github.createIssues(task.repositoryId, followups.issues) : []).map(
      (issue) => issue.number,
    );
  const finish: Parameters<ConfiguredContext["github"]["finishIssue"]>[0] = {
    number: task.issue,
    comment: `${task.taskId} is done: #${task.pullNumber} was merged as ${task.mergeSha}. ${reviewSentence(task, numbers, followups.left)}`,
    mirror: {
      targets: [{ number: task.issue, kind: "issue" }],
      status: "done",
      risk: task.risk,
      labels: config.labels,
    },
    ...(config.merge.delete_branch ? { deleteBranch: task.branch } : {}),
  };
  const lead = joinMutations(carried, await dashboard?.());
  await (lead === undefined ? github.finishIssue(finish) : github.finishIssue(finish, lead));
  return numbers;
}

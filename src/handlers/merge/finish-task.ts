import { redactUntrusted } from "../../core/markdown/index.js";
import type { ReviewRecord } from "../../core/review/index.js";
import type { Risk } from "../../core/task/index.js";
import { type CarriedMutation, joinMutations, type LeadMutations, type NewIssue } from "../../github/index.js";
import type { ConfiguredContext } from "../repo-context.js";

/** A model's words as an issue title: redacted, one line, at most 200 characters. */
const oneLineTitle = (text: string): string => redactUntrusted(text).text.replace(/\s+/g, " ").slice(0, 200);

/** Follow-ups the review recorded: `blocking: <title>` or `later: <title>`. */
function followupsOf(record: ReviewRecord | undefined): { title: string; blocking: boolean }[] {
  return (record?.findings ?? [])
    .filter((finding) => finding.kind === "followup")
    .map((finding) => {
      const blocking = finding.text.startsWith("blocking: ");
      return { title: finding.text.replace(/^(blocking|later): /, ""), blocking };
    });
}

/** What the merged task's follow-ups and closing comment are made of. */
export interface FinishedTask {
  taskId: string;
  issue: number;
  pullNumber: number;
  mergeSha: string;
  branch: string;
  review: ReviewRecord | undefined;
  /** the task's risk, for its labels */
  risk: Risk;
  /** the repository's node id, when known: the follow-ups are opened in one GraphQL request */
  repositoryId?: string;
}

/** The follow-up issues of the review of a merged task: linked back, blocking ones flagged. */
export function followupIssues(task: FinishedTask): NewIssue[] {
  return followupsOf(task.review).map((followup) => ({
    // a model wrote the title: redacted and shortened (GitHub renders no image or mention in a title)
    title: `${followup.blocking ? "[blocking] " : ""}${oneLineTitle(followup.title)}`,
    body: `Follow-up of ${task.taskId} (#${task.issue}), raised by the review of #${task.pullNumber}${followup.blocking ? ". The reviewer marked it **blocking**: it should be done before further work builds on this." : "."}`,
  }));
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
  const followups = opened === undefined ? followupIssues(task) : [];
  const numbers =
    opened ??
    (followups.length > 0 ? await github.createIssues(task.repositoryId, followups) : []).map((issue) => issue.number);
  const review = task.review
    ? `The review decided **${task.review.decision ?? task.review.status}**.`
    : "No model review was recorded.";
  const listed = numbers.length > 0 ? ` Follow-ups: ${numbers.map((number) => `#${number}`).join(", ")}.` : "";
  const finish: Parameters<ConfiguredContext["github"]["finishIssue"]>[0] = {
    number: task.issue,
    comment: `${task.taskId} is done: #${task.pullNumber} was merged as ${task.mergeSha}. ${review}${listed}`,
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

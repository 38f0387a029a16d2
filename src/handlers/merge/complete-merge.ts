import type { QueueEntry } from "../../core/queue/index.js";
import { type CarriedMutation, mapChangedFile } from "../../github/index.js";
import type { ConfiguredContext } from "../repo-context.js";
import { rideDashboard } from "../dashboard/ride-dashboard.js";
import { stateOnDefaultBranch } from "../state-branch.js";
import { mirrorStatus } from "../task-state.js";
import { commitAfterMerge } from "./after-merge.js";
import { type FinishedTask, finishTask, followupIssues } from "./finish-task.js";
import { mergedHeadReview } from "./merged-head-review.js";
import { otherBaseLead } from "./other-base.js";
import type { PullRead } from "./read-pull.js";

/** Records the merge and finishes the task: the post-merge commit, the issue closed, follow-ups opened. */
export async function completeMerge(
  ctx: ConfiguredContext,
  entry: QueueEntry,
  pull: PullRead,
  mergeSha: string,
  login: string,
): Promise<void> {
  const { github } = ctx;
  // the files of the head just merged (pinned), as the compare of that head showed them, else listed
  const files = (pull.changedFiles ?? (await github.listPullFiles(pull.number))).map(mapChangedFile);
  const comments = await github.findStickies(pull.number, ["review", "merge-decision"]);
  const reviewComment = comments.get("review");
  const known = await mergedHeadReview(ctx, pull, reviewComment, login);
  const { review } = known;
  // a "will not merge yet" note (an owner's approval, branch protection, another base) must not outlive the merge
  const waited = comments.get("merge-decision");
  const movedBack = waited?.body.includes(`${otherBaseLead}${entry.id} while its base is`) === true;
  if (waited?.body.includes("Autopilot will not merge") || movedBack) {
    const what = waited.body.includes("branch protection")
      ? "what the branch protection asked for was done"
      : movedBack
        ? `its base was \`${pull.baseRef}\` again`
        : "the approval it waited for was given";
    const body = `Autopilot merged ${entry.id} as ${mergeSha.slice(0, 7)} once ${what} on the head ${pull.headSha.slice(0, 7)}.`;
    await github.upsertSticky({ issueNumber: pull.number, key: "merge-decision", body, known: waited });
  } else if (waited?.body.includes(`Autopilot added ${entry.id} to the merge queue`)) {
    // the head it queued merged through the queue: the note says how it ended, not that it waits
    const body = `The merge queue of \`${pull.baseRef}\` merged ${entry.id} as ${mergeSha.slice(0, 7)} (head ${pull.headSha.slice(0, 7)}, added to the queue by Autopilot).`;
    await github.upsertSticky({ issueNumber: pull.number, key: "merge-decision", body, known: waited });
  }
  const finished: FinishedTask = {
    taskId: entry.id,
    issue: entry.issue,
    pullNumber: pull.number,
    mergeSha,
    branch: pull.headRef,
    ...known,
    risk: entry.risk,
    ...(pull.repoNodeId === undefined ? {} : { repositoryId: pull.repoNodeId }),
  };
  // The records commit's first attempt goes in a request the writer of the done commit makes anyway
  // (nothing in either depends on the other's answer): the follow-ups' when there are some (their
  // numbers are in the closing comment, so they come first), else the request finishing the issue.
  // When that request is not sent there (nothing to record, the records branch not known), the
  // follow-ups and the finish go on their own below.
  const followups = followupIssues(finished, ctx.config.review.max_followups).issues;
  const repositoryId = finished.repositoryId;
  let opened: number[] | undefined;
  let finishedIssue = false;
  let carry: ((commit: CarriedMutation) => Promise<void>) | undefined;
  // the dashboard's edit rides in the request finishing the issue, rendered from the queue the done
  // commit wrote and the head this merge made (its CI shown pending, as right after any merge of
  // the app's); on a repository whose state is on the default branch the done commit is the head
  let doneQueue: string | undefined;
  const dashboard = async () =>
    doneQueue === undefined
      ? undefined
      : rideDashboard(ctx, {
          login,
          queueText: doneQueue,
          // the instance's clock, the one the merge was noted by (the dashboard's "merged just now")
          now: ctx.services.now(),
          ...(stateOnDefaultBranch(ctx, ctx.config) ? {} : { headSha: mergeSha }),
        });
  if (followups.length === 0)
    carry = async (commit) => {
      await finishTask(ctx, finished, [], commit, dashboard);
      finishedIssue = true;
    };
  else if (repositoryId !== undefined)
    carry = async (commit) => {
      opened = (await github.createIssues(repositoryId, followups, commit)).map((issue) => issue.number);
    };
  const recorded = await commitAfterMerge(
    ctx,
    { taskId: entry.id, pullNumber: pull.number, mergeSha, headSha: pull.headSha, files, review, actor: login },
    pull.repoUrl,
    carry === undefined ? undefined : { carry },
    (queueText) => {
      doneQueue = queueText;
    },
  );
  // the writer of the done commit finishes the task, its done label in the closing request; another
  // replica recorded this merge first (or an earlier attempt did): it opened the follow-ups and
  // closed the issue, and only the label is mirrored again
  if (recorded) {
    if (!finishedIssue) await finishTask(ctx, finished, opened, undefined, dashboard);
  } else await mirrorStatus(ctx, ctx.config, { ...entry, pr: null }, "done");
}

import { disarmCode } from "../markdown/index.js";
import type { RollbackRecord } from "../queue/index.js";

/** The failing check as a link when it gave a page (the URL comes from CI: shown as a link, never as markup). */
export function failingCheckText(record: Pick<RollbackRecord, "check" | "url">): string {
  const name = disarmCode(record.check);
  return record.url !== null && /^https?:\/\/[^\s)<>]+$/.test(record.url) ? `[${name}](${record.url})` : name;
}

/** The revert pull request's title and body. */
export function revertPullText(taskId: string, record: RollbackRecord): { title: string; body: string } {
  return {
    title: `Revert ${taskId}: ${record.check} failed on ${record.merge_sha.slice(0, 7)}`,
    body: [
      `Reverts #${record.pr}, merged by Autopilot as ${record.merge_sha}: the required check ${failingCheckText(record)} failed on that commit of the default branch (reported by ${record.reported_by}).`,
      "",
      "Autopilot opened this revert but does not merge it: it is nobody's task, so no task's scope, gates and merge policy judge it. It lands as the repository allows (its branch protection, its reviewers), merged by a person.",
    ].join("\n"),
  };
}

/** What the task's issue says when it is reopened. */
export function rollbackIssueText(taskId: string, record: RollbackRecord): string {
  const revert = record.revert_pr === null ? "its revert could not be opened" : `the revert is #${record.revert_pr}`;
  return [
    `${taskId} was rolled back: the required check ${failingCheckText(record)} failed on the default branch at ${record.merge_sha}, the merge of #${record.pr} (reported by ${record.reported_by}); ${revert}.`,
    "",
    `The task is **blocked**. Merging the revert restores the default branch; redoing the work takes a new task (label a new issue \`autopilot\`).`,
  ].join("\n");
}

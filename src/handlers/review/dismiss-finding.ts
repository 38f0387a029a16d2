import { recordDismissal } from "../../core/commands/index.js";
import { inlineText } from "../../core/markdown-text.js";
import type { QueueEntry } from "../../core/queue/index.js";
import { changeFingerprint, parseReviewComment, recordSealHolds, sealedAt } from "../../core/review/index.js";
import { commitDecisions } from "../questions/decisions-file.js";
import type { ConfiguredContext } from "../repo-context.js";
import { isChangeOwnAccount, ownChangeRefusal } from "./change-own-account.js";

/**
 * An owner's `/dismiss <fingerprint> <why>` on a task's pull request: the finding of the latest
 * review is recorded as dismissed in `ops/decisions.jsonl`, with the PR's change to its file at
 * that moment, so the reviews leave it out until that code changes. Returns the reply.
 */
export async function dismissFinding(
  ctx: ConfiguredContext,
  input: { entry: QueueEntry; pr: number; fingerprint: string; reason: string; by: string; comment: number },
): Promise<string> {
  const pull = await ctx.github.getPull(input.pr);
  if (await isChangeOwnAccount(ctx, input.pr, input.by, pull)) return ownChangeRefusal(input.by, "dismiss");
  const sticky = await ctx.github.findSticky({ issueNumber: input.pr, key: "review" });
  const record = sticky ? parseReviewComment(sticky.body) : undefined;
  // the fingerprint is copied from a comment any writer may edit: the finding it names is taken
  // only from the record as the app sealed it, and the reply says which finding that is
  const sealed = sealedAt({ ...ctx, nodeId: pull.base.repo.node_id }, input.pr);
  if (record && !(await recordSealHolds(record, ctx.services.recordVerifiers, sealed))) {
    return `The review comment on #${input.pr} is not as Autopilot wrote it (someone edited it), so nothing is dismissed from it: comment \`/review\` for a fresh review, then dismiss from that one.`;
  }
  const finding = record?.findings.find((item) => item.fingerprint === input.fingerprint);
  if (!finding) {
    return `There is no open finding \`${input.fingerprint}\` in the latest review of #${input.pr}: copy the fingerprint from the review comment's list of findings.`;
  }
  let change: string | null = null;
  if (finding.file !== null) {
    const file = (await ctx.github.listPullFiles(input.pr)).find((item) => item.filename === finding.file);
    change = file
      ? (changeFingerprint([{ filename: file.filename, status: file.status, patch: file.patch ?? null }]) ?? null)
      : null;
  }
  await commitDecisions(ctx, {
    taskId: input.entry.id,
    says: `dismiss review finding ${input.fingerprint}`,
    decisions: (doc) => {
      const recorded = recordDismissal(doc, {
        task: input.entry.id,
        pr: input.pr,
        comment: input.comment,
        delivery: ctx.delivery,
        finding: { fingerprint: finding.fingerprint, text: finding.text, file: finding.file, change },
        reason: input.reason,
        by: input.by,
        at: new Date().toISOString(),
      });
      if ("error" in recorded) throw new Error(`autopilot: the dismissal could not be recorded: ${recorded.error}`);
      return recorded.created ? recorded.doc : null;
    },
  });
  const where = finding.file === null ? "" : ` unless the change to \`${inlineText(finding.file, 200)}\` changes`;
  return `Dismissed \`${input.fingerprint}\` (${inlineText(finding.text, 200)}) for ${input.entry.id}: ${inlineText(input.reason, 500)}. The next reviews leave it out${where}.`;
}

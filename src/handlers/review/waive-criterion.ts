import { recordWaiver } from "../../core/commands/index.js";
import { inlineText } from "../../core/markdown-text.js";
import type { QueueEntry } from "../../core/queue/index.js";
import { commitDecisions } from "../questions/decisions-file.js";
import type { ConfiguredContext } from "../repo-context.js";
import { isChangeOwnAccount, ownChangeRefusal } from "./change-own-account.js";

/**
 * An owner's `/waive <n> <why>` on a task's pull request: criterion `n` of the recorded spec is
 * recorded as waived in `ops/decisions.jsonl`, so a review can accept without it shown met. The
 * next review (`/review`, or the next push) applies it. Returns the reply.
 */
export async function waiveCriterion(
  ctx: ConfiguredContext,
  input: { entry: QueueEntry; pr: number; criterion: number; reason: string; by: string; comment: number },
): Promise<string> {
  if (await isChangeOwnAccount(ctx, input.pr, input.by)) return ownChangeRefusal(input.by, "waive");
  const acceptance = input.entry.acceptance ?? [];
  const text = acceptance[input.criterion - 1];
  if (text === undefined) {
    return `${input.entry.id} has ${acceptance.length === 0 ? "no acceptance criteria" : `acceptance criteria 1 to ${acceptance.length}`}: there is no criterion ${input.criterion} to waive.`;
  }
  await commitDecisions(ctx, {
    taskId: input.entry.id,
    says: `waive acceptance criterion ${input.criterion}`,
    decisions: (doc) => {
      const recorded = recordWaiver(doc, {
        task: input.entry.id,
        pr: input.pr,
        comment: input.comment,
        delivery: ctx.delivery,
        criterion: input.criterion,
        text,
        reason: input.reason,
        by: input.by,
        at: new Date().toISOString(),
      });
      if ("error" in recorded) throw new Error(`autopilot: the waiver could not be recorded: ${recorded.error}`);
      return recorded.created ? recorded.doc : null;
    },
  });
  return `Waived criterion ${input.criterion} of ${input.entry.id} (${inlineText(text, 200)}): ${inlineText(input.reason, 500)}. The next review may accept without it shown met; comment \`/review\` to review the current head again.`;
}

import { approvedSince, decidingEdit, type Decision } from "../../core/commands/index.js";
import { senderAuthority } from "../authority.js";
import { triggerLabeller } from "../dispatch/trigger-label.js";
import type { ConfiguredContext } from "../repo-context.js";

/**
 * Who edited the issue's body without authority since its owner approved it (the trigger label,
 * the spec question: `approvedSince`), when that edit still stands; undefined when nobody did.
 * The newest edit that is not the app's own decides (`decidingEdit`): an owner's edit after an
 * outsider's took the body as it read. Read only for `/answer` to a spec question: the answer
 * writes into the body and lets dispatch record all of it as the task's spec.
 */
export async function editorWithoutAuthority(
  ctx: ConfiguredContext,
  issueNumber: number,
  decision: Pick<Decision, "asked_at">,
  appLogin: string,
): Promise<string | undefined> {
  const labeller = await triggerLabeller(ctx, issueNumber);
  const since = approvedSince(decision.asked_at, labeller?.at);
  const edit = decidingEdit(await ctx.github.issueBodyEditsSince(issueNumber, since), appLogin);
  if (edit === undefined) return undefined;
  // an editor GitHub no longer names (a deleted account, shown as ghost) has no authority to weigh
  if (edit.editor !== null && (await senderAuthority(ctx, ctx.config, edit.editor)).allowed) return undefined;
  return edit.editor?.login ?? "ghost";
}

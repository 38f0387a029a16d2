import { issueSpecChange, specEditRefusedComment } from "../../core/dispatch/index.js";
import type { QueueEntry } from "../../core/queue/index.js";
import type { ConfiguredContext } from "../repo-context.js";

/**
 * An edit of a recorded task's issue by someone without authority: nothing recorded changes (the
 * dispatch keeps the recorded spec), and when the edit touched the spec the issue gets one reply
 * saying so. The reply is a sticky comment: a redelivered or a second such edit updates it in place.
 */
export async function refuseSpecEdit(
  ctx: ConfiguredContext,
  issue: { number: number; body?: string | null },
  entry: QueueEntry,
  editor: { login: string; who: string },
  appLogin: string,
): Promise<void> {
  const proposed = issueSpecChange(issue.body ?? null, ctx.config, entry);
  if (proposed !== "invalid" && proposed.length === 0) return;
  ctx.log.info({ task: entry.id, by: editor.login }, "spec edit by someone without authority: not applied");
  await ctx.github.upsertSticky({
    issueNumber: issue.number,
    key: "spec-edit-refused",
    author: appLogin,
    body: specEditRefusedComment({ taskId: entry.id, editor: editor.login, who: editor.who, proposed }),
  });
}

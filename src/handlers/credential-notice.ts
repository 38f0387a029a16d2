import { credentialNotice } from "../core/markdown/index.js";
import type { RepoContext } from "./repo-context.js";

/**
 * Tells the owner, once per thread, that a credential was pasted where Autopilot reads it and
 * must be rotated. A sticky comment: a redelivery, an edit or a second credential finds it and
 * writes nothing new.
 */
export async function noticeCredential(ctx: RepoContext, thread: number, appLogin?: string): Promise<void> {
  ctx.log.warn({ thread }, "credential found in issue or comment text: redacted, owner told to rotate it");
  await ctx.github.upsertSticky({
    issueNumber: thread,
    key: "credential-notice",
    body: credentialNotice(),
    ...(appLogin === undefined ? {} : { author: appLogin }),
  });
}

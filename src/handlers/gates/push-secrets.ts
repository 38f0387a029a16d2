import { disarmCode } from "../../core/markdown/index.js";
import { fitTitle } from "../../core/text-limits.js";
import { isZeroSha } from "../../core/zero-sha.js";
import { SECRETS_GATE_NAME } from "../../core/check-names.js";
import { runGates } from "../../core/gates/index.js";
import { mergeQueueLogin } from "../../core/merge/index.js";
import type { ConfiguredContext } from "../repo-context.js";

export interface PushedRef {
  /** `refs/heads/<branch>` */
  ref: string;
  before: string;
  after: string;
  created: boolean;
  deleted: boolean;
  /** the pusher's login (GitHub's `pusher.name`) */
  pusher: string;
}

/** GitHub's merge queue builds its merge groups there, pushing as its bot (see `merge-group-checks.ts`). */
const mergeGroupBranch = /^gh-readonly-queue\//;

/**
 * The branch a push judged by the secret gate went to; undefined for tags, deletions, the default
 * branch's creation and a merge group GitHub's merge queue pushed: the queue builds it from a PR whose
 * own gates judged the change, and the app carries their runs onto the group (`merge_group` events).
 * Anyone else's push to a branch of that name is judged like any other.
 */
export function pushedBranch(push: PushedRef, defaultBranch: string): string | undefined {
  if (push.deleted || !push.ref.startsWith("refs/heads/")) return undefined;
  const branch = push.ref.slice("refs/heads/".length);
  if (mergeGroupBranch.test(branch) && push.pusher === mergeQueueLogin) return undefined;
  return (push.created || isZeroSha(push.before)) && branch === defaultBranch ? undefined : branch;
}

/** Whether the app's own secret gate already completed on `sha` (GitHub redelivers, and sends duplicates). */
async function alreadyScanned(ctx: ConfiguredContext, sha: string): Promise<boolean> {
  const appId = await ctx.github.ownAppId();
  const own = appId === undefined ? {} : { appId };
  const [latest] = await ctx.github.listCheckRuns(sha, { checkName: SECRETS_GATE_NAME, limit: 1, ...own });
  return latest?.status === "completed";
}

/**
 * A push to a branch without an open pull request gets the secret gate alone, on the pushed
 * commits: the check fails on the head commit and an issue tells the pusher which file and line,
 * redacted, and that the credential must be rotated, not just removed (it stays in git history).
 * Pushes to pull request branches are judged by the pull request's gates instead (the caller
 * learns that from the check suite GitHub requested for the push). A head the gate already judged
 * is left alone: a redelivered or duplicated webhook adds no second check run and no second issue.
 */
export async function runPushSecrets(ctx: ConfiguredContext, push: PushedRef): Promise<void> {
  const { github, config } = ctx;
  const branch = pushedBranch(push, ctx.defaultBranch);
  if (!config.secrets.scan_pushes || branch === undefined) return;
  if (await alreadyScanned(ctx, push.after)) return;
  const base = push.created || isZeroSha(push.before) ? ctx.defaultBranch : push.before;

  const change = await github.readChange({ base, head: push.after });
  const [secrets] = runGates({
    config,
    files: change.files,
    patches: change.files,
    commits: change.commits,
    indexFiles: [],
    queueText: "",
    repoFiles: [],
    ...(change.complete ? {} : { incomplete: change.incompleteReason ?? "GitHub did not return the whole change" }),
  }).filter((result) => result.name === SECRETS_GATE_NAME);
  if (!secrets) return;
  await github.publishCheck(push.after, secrets);
  const leaks = secrets.annotations.filter((annotation) => annotation.annotation_level === "failure");
  if (leaks.length === 0) return;

  const where = leaks
    .map((leak) => `- ${disarmCode(leak.path)} line ${leak.start_line}: ${leak.title ?? "credential"}`)
    .join("\n");
  await github.createIssue({
    // a branch name may run to hundreds of characters; GitHub refuses a title past 256
    title: fitTitle("A credential was pushed to ", branch, ` (${push.after.slice(0, 7)})`),
    body: [
      `@${push.pusher}, the push to ${disarmCode(branch)} ending at ${push.after} adds ${leaks.length === 1 ? "a credential" : `${leaks.length} credentials`}:`,
      where,
      "**Rotate the credential now** (revoke it where it was issued and create a new one): removing it in a later commit does not help, because it stays in the git history and anyone who fetched the branch has it.",
      "The `autopilot/secrets` check on that commit shows each finding, redacted.",
    ].join("\n\n"),
  });
}

import { disarmInline } from "../core/markdown/index.js";
import { parsePauseRecord, serializePauseRecord } from "../core/queue/index.js";
import { isAlreadyExists } from "../github/index.js";
import { senderAuthority } from "./authority.js";
import type { ConfiguredContext } from "./repo-context.js";
import { commitState, pausePath } from "./state-branch.js";

export interface StatePush {
  before: string;
  after: string;
  sender: { login: string; type?: string | undefined };
  /** the push deleted the branch, and the app put it back at `before` */
  restored?: boolean;
}

/** The title of the issue that tells the owners someone else changed the state branch. */
export const stateTamperTitle = "Autopilot paused: its state branch was changed by someone else";

/**
 * Someone other than the app pushed to the state branch. The queue there is what judges every
 * task (scope, budget, risk), so a change the app did not make could widen an agent's scope or mark
 * work done. A push by someone with authority over tasks (an owner, or a writer when no owners are
 * listed) is taken as a repair and only noted in the log. Anyone else's (an agent's app, another
 * bot, a contributor with push access) pauses Autopilot: one commit on top of theirs writes the
 * pause, and an issue names the push and how to undo it; an owner's `/resume` continues.
 * Resolves with whether it paused.
 */
export async function guardStateBranch(ctx: ConfiguredContext, push: StatePush): Promise<boolean> {
  if (await byAuthority(ctx, push, "changed", "taken as a repair")) return false;
  await pauseForTamper(ctx, push);
  return true;
}

/** Whether the push's sender may move tasks (an owner): then it is only noted in the log. */
async function byAuthority(ctx: ConfiguredContext, push: StatePush, did: string, taken: string): Promise<boolean> {
  if (!(await senderAuthority(ctx, ctx.config, push.sender)).allowed) return false;
  ctx.log.info(
    { branch: ctx.config.state_branch, by: push.sender.login, before: push.before, after: push.after },
    `the state branch was ${did} by someone with authority: ${taken}`,
  );
  return true;
}

/** The pause written on the state branch, and the issue that names the push and what to do. */
async function pauseForTamper(ctx: ConfiguredContext, push: StatePush): Promise<void> {
  const who = disarmInline(push.sender.login);
  const reason = push.restored
    ? `the state branch was deleted by @${push.sender.login} at ${push.before.slice(0, 7)}, not by Autopilot (restored there)`
    : `the state branch was changed by @${push.sender.login} (${push.before.slice(0, 7)}..${push.after.slice(0, 7)}), not by Autopilot`;
  const result = await commitState(ctx, ctx.config, {
    message: `autopilot: pause: ${reason}`,
    update: async (read) => {
      const parsed = parsePauseRecord(await read(pausePath));
      if (parsed.ok && parsed.record?.paused === true && parsed.record.reason === reason) return null;
      return {
        [pausePath]: serializePauseRecord({ paused: true, by: "autopilot", at: new Date().toISOString(), reason }),
      };
    },
  });
  if (result.sha === undefined) return;
  const compare = `https://github.com/${ctx.owner}/${ctx.repo}/compare/${push.before}...${push.after}`;
  const steps = push.restored
    ? [
        `1. Nothing of it was lost: Autopilot put the branch back at ${push.before.slice(0, 7)}, where it was, before writing the pause.`,
        `2. Find out why ${who} deleted it.`,
      ]
    : [
        `1. Look at the change: ${compare}`,
        `2. If it should not be there, revert it on \`${ctx.config.state_branch}\` (\`git revert ${push.after.slice(0, 7)}\`, pushed by an owner).`,
      ];
  await ctx.github.createIssue({
    title: stateTamperTitle,
    body: [
      `${who} ${push.restored ? "deleted" : "pushed to"} \`${ctx.config.state_branch}\`, the branch where Autopilot keeps its queue, decisions and model log. Only the app writes there: the queue decides what each task may change, so a change it did not make could widen an agent's scope or mark work done${push.restored ? ", and without it every task in progress would be forgotten" : ""}.`,
      "",
      `Autopilot has paused this repository: nothing is dispatched or merged. Gates and reviews still run.`,
      "",
      ...steps,
      "3. Comment `/resume` on any Autopilot issue.",
      "",
      `To stop this for good, let only the app push to \`${ctx.config.state_branch}\` (a ruleset that restricts updates, with the app as the only bypass).`,
    ].join("\n"),
  });
}

/**
 * Someone deleted the state branch (a `push` with `deleted`): without it the next write would
 * start a new one from the default branch, and every task in progress, its scope lock and its
 * history would be forgotten. GitHub keeps the commits of a deleted branch, so the app puts the
 * branch back where it was (`before`) and then treats the deletion as any other push by its
 * sender: an owner's is taken as meant and nothing is restored; anyone else's pauses Autopilot
 * with an issue saying so. Resolves with whether it restored the branch.
 */
export async function restoreDeletedStateBranch(ctx: ConfiguredContext, push: StatePush): Promise<boolean> {
  if (await byAuthority(ctx, push, "deleted", "left deleted")) return false;
  try {
    await ctx.github.createBranch(ctx.config.state_branch, push.before);
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
    // back already, with what it held (a second delivery of the deletion, after the restore): nothing
    // to do, and no second pause after an owner's /resume
    if ((await ctx.github.compareBehindBy(push.before, ctx.config.state_branch)) === 0) return false;
    // created anew meanwhile without it (a write of the app's after the deletion): its head is kept,
    // and the pause below stops everything until an owner looks
    ctx.log.warn({ branch: ctx.config.state_branch }, "the deleted state branch exists again: not restored over it");
  }
  await pauseForTamper(ctx, { ...push, restored: true });
  return true;
}

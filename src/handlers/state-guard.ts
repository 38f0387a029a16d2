import { disarmInline } from "../core/markdown/index.js";
import { parsePauseRecord, serializePauseRecord } from "../core/queue/index.js";
import { senderAuthority } from "./authority.js";
import type { ConfiguredContext } from "./repo-context.js";
import { commitState, pausePath } from "./state-branch.js";

export interface StatePush {
  before: string;
  after: string;
  sender: { login: string; type?: string | undefined };
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
  const authority = await senderAuthority(ctx, ctx.config, push.sender);
  if (authority.allowed) {
    ctx.log.info(
      { branch: ctx.config.state_branch, by: push.sender.login, after: push.after },
      "the state branch was changed by someone with authority: taken as a repair",
    );
    return false;
  }
  const who = disarmInline(push.sender.login);
  const reason = `the state branch was changed by @${push.sender.login} (${push.before.slice(0, 7)}..${push.after.slice(0, 7)}), not by Autopilot`;
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
  if (result.sha === undefined) return true;
  const compare = `https://github.com/${ctx.owner}/${ctx.repo}/compare/${push.before}...${push.after}`;
  await ctx.github.createIssue({
    title: stateTamperTitle,
    body: [
      `${who} pushed to \`${ctx.config.state_branch}\`, the branch where Autopilot keeps its queue, decisions and model log. Only the app writes there: the queue decides what each task may change, so a change it did not make could widen an agent's scope or mark work done.`,
      "",
      `Autopilot has paused this repository: nothing is dispatched or merged. Gates and reviews still run.`,
      "",
      `1. Look at the change: ${compare}`,
      `2. If it should not be there, revert it on \`${ctx.config.state_branch}\` (\`git revert ${push.after.slice(0, 7)}\`, pushed by an owner).`,
      "3. Comment `/resume` on any Autopilot issue.",
      "",
      `To stop this for good, let only the app push to \`${ctx.config.state_branch}\` (a ruleset that restricts updates, with the app as the only bypass).`,
    ].join("\n"),
  });
  return true;
}

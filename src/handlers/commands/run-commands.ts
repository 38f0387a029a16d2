import {
  authorityOf,
  commentReply,
  helpText,
  oneQuestionReply,
  openCommands,
  readCommands,
  refusalReply,
  type CommandName,
  type ParsedCommand,
  type RepoPermission,
  type UnknownCommand,
} from "../../core/commands/index.js";
import { redactUntrusted } from "../../core/markdown/index.js";
import { noticeCredential } from "../credential-notice.js";
import type { ConfiguredContext } from "../repo-context.js";
import { runCommand, taskOfThread, type CommandComment, type CommandEffects } from "./run-command.js";

export type { CommandComment, CommandEffects } from "./run-command.js";

/** The reply to a comment, keyed by it: a redelivery edits the reply rather than adding one. */
const reply = (ctx: ConfiguredContext, comment: CommandComment, body: string) =>
  ctx.github.upsertSticky({ issueNumber: comment.thread.number, key: `reply-${comment.id}`, body });

/**
 * Someone who may not command (and is no bot). A comment that names no command (`/tmp is full`)
 * gets nothing. Refused commands on a thread that is no Autopilot task get a 👎 reaction, which
 * notifies nobody; on a task's thread, or with `/help`, which anyone may ask for, one reply says
 * it all. The app answers one outsider comment with at most one comment of its own.
 */
async function answerOutsider(
  ctx: ConfiguredContext,
  comment: CommandComment,
  commands: readonly ParsedCommand[],
  person: { permission: RepoPermission; who: string },
): Promise<void> {
  const named = commands.flatMap((command): CommandName[] =>
    command.kind === "unknown" ? [] : [command.kind === "invalid" ? command.name : command.kind],
  );
  if (named.length === 0) return;
  const help = named.some((name) => openCommands.has(name));
  const refused = [...new Set(named.filter((name) => !openCommands.has(name)))];
  if (!help && (await taskOfThread(ctx, comment.thread)) === undefined) {
    await ctx.github.reactToComment(comment.id, "-1");
    return;
  }
  const refusal =
    refused.length === 0
      ? []
      : [
          refusalReply({
            login: comment.author.login,
            permission: person.permission,
            who: person.who,
            commands: refused,
          }),
        ];
  await reply(ctx, comment, [...refusal, ...(help ? [helpText()] : [])].join("\n\n---\n\n"));
}

/**
 * The slash commands of one comment, in order, from an authorized person. The comment gets at
 * most one reply (each command's answer, the unknown names and `/help` gathered in it; see
 * `commentReply`), and a 👍 reaction for a command that needs no words. At most one `/ask` per
 * comment calls a model. Bots are ignored; others get `answerOutsider`.
 */
export async function runCommands(
  ctx: ConfiguredContext,
  comment: CommandComment,
  permission: RepoPermission,
  effects: CommandEffects,
): Promise<void> {
  // a command's text reaches the queue, decisions and replies: only ever redacted
  const redacted = redactUntrusted(comment.body);
  const { commands, dropped } = readCommands(redacted.text);
  if (commands.length === 0) return;
  if (redacted.redactions > 0) await noticeCredential(ctx, comment.thread.number, effects.actor);
  const { login, type } = comment.author;
  const authority = authorityOf({ login, permission, owners: ctx.config.owners, isBot: type === "Bot" });
  if (!authority.allowed) {
    if (!authority.bot) await answerOutsider(ctx, comment, commands, { permission, who: authority.who });
    return;
  }
  const replies: string[] = [];
  const unknown: UnknownCommand[] = [];
  let help = false;
  let asked = false;
  try {
    for (const command of commands) {
      if (command.kind === "unknown") {
        unknown.push({ name: command.name, ...(command.suggestion ? { suggestion: command.suggestion } : {}) });
      } else if (command.kind === "help") {
        help = true;
      } else if (command.kind === "ask" && asked) {
        replies.push(oneQuestionReply());
      } else {
        asked ||= command.kind === "ask";
        const answer = await runCommand(ctx, command, comment, effects);
        if (answer === undefined) await ctx.github.reactToComment(comment.id, "+1");
        else replies.push(answer);
      }
    }
  } finally {
    // what the commands before a failure did is still said
    const body = commentReply({ replies, unknown, help, dropped });
    if (body !== undefined) await reply(ctx, comment, body);
  }
}

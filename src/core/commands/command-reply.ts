import { inlineText } from "../markdown-text.js";
import type { CommandName } from "./command-names.js";
import { maxCommandsPerComment } from "./parse-command.js";
import type { RepoPermission } from "./repo-permission.js";

/*
 * The short comments Autopilot answers commands with. Every text a user wrote (a reason, an
 * answer) goes through `inlineText`, so a reply cannot @mention anyone or inject markdown.
 */

export { statusReply } from "./status-reply.js";
export type { CheckSummary, StatusLinks } from "./status-reply.js";

const accessText: Record<RepoPermission, string> = {
  admin: "admin access",
  maintain: "maintain access",
  write: "write access",
  triage: "triage access, which cannot push",
  read: "read access",
  none: "no access as a collaborator",
};

/** The polite no for someone who may not run a command, naming who may (`who`, from `whoMayMoveTasks`). */
export function refusalReply(input: {
  login: string;
  permission: RepoPermission;
  command?: CommandName;
  /** several commands of one comment, refused in one reply */
  commands?: readonly CommandName[];
  who?: string;
}): string {
  const named = [...new Set([...(input.command === undefined ? [] : [input.command]), ...(input.commands ?? [])])];
  const what = named.length === 0 ? "Autopilot commands" : named.map((name) => `\`/${name}\``).join(", ");
  const who = input.who ?? "users with write access to this repository (or owners listed in `.github/autopilot.yml`)";
  return [
    `Sorry @${input.login}, only ${who} can use ${what}; you have ${accessText[input.permission]} here.`,
    "Please ask one of them to run it. `/help` lists the commands.",
  ].join(" ");
}

/** A known command with a missing or malformed argument. */
export const invalidCommandReply = (name: CommandName, problem: string): string =>
  `\`/${name}\` needs more: ${problem}. Nothing was done; \`/help\` lists the commands.`;

/** Said once when a comment holds more commands than are read. */
export const tooManyCommandsReply = (dropped: number): string =>
  `Only the first ${maxCommandsPerComment} commands of a comment are read; ${dropped} more ${dropped === 1 ? "was" : "were"} ignored. Please send them in another comment.`;

/** Every `/ask` of a comment after its first: one question per comment. */
export const oneQuestionReply = (): string =>
  "Only the first `/ask` of a comment is answered: one question per comment. Please ask the others in another comment.";

/** `/pause`: `already` when the repository was paused before this command. */
export const pausedReply = (input: { by: string; already: boolean }): string =>
  input.already
    ? "Autopilot was already paused for this repository; it stays paused until someone comments `/resume`."
    : `Autopilot is paused for this repository (by @${input.by}): nothing is dispatched and nothing is merged until someone comments \`/resume\`. Gates and reviews still run.`;

/** `/resume`: `already` when the repository was not paused. */
export const resumedReply = (input: { by: string; already: boolean }): string =>
  input.already
    ? "Autopilot was not paused; nothing changed."
    : `Autopilot is running again (resumed by @${input.by}): dispatch and merge go on where they stopped.`;

/** `/resume` while `.github/autopilot.yml` itself says `paused: true`. */
export const pausedBySettingsReply = (): string =>
  "Autopilot stays paused: `.github/autopilot.yml` on the default branch says `paused: true`, and a command does not override the configuration. Set it to `false` there (through a pull request) to resume.";

/** A task command in a thread that belongs to no task. */
export const notATaskReply = (): string =>
  "This issue or pull request is not an Autopilot task. Add the `autopilot` label to an issue with a task spec to queue it.";

/** A command the task's status does not allow, with the reason the queue gave. */
export const cannotReply = (command: CommandName, taskId: string, reason: string): string =>
  `\`/${command}\` did nothing for **${taskId}**: ${inlineText(reason)}.`;

/** `/block <why>` done. */
export const blockedReply = (taskId: string, by: string, reason: string): string =>
  `**${taskId}** is blocked by @${by}: ${inlineText(reason)}. Nothing is dispatched or merged for it until \`/unblock\`.`;

/** `/unblock` done. */
export const unblockedReply = (taskId: string, status: string): string =>
  `**${taskId}** is unblocked and back to \`${status}\`.`;

/**
 * `/answer` recorded: which question (its number in the thread and its id in the file), then
 * `next`, the markdown of what the task did with it ("**T-4** started: …").
 */
export const answerRecordedReply = (input: { number: number; questionId: string; next: string }): string =>
  `Thanks, the answer to question ${input.number} is recorded (${input.questionId} in \`ops/decisions.jsonl\`). ${input.next}`;

/**
 * `/answer` that could not be recorded (no such question, already answered, …). `reason` is the
 * markdown `resolveQuestion` or `recordAnswer` gave, which already quotes what users wrote.
 */
export const answerRefusedReply = (reason: string): string => `The answer was not recorded: ${reason}`;

import { closestKey } from "../task/owner-question.js";

/** The slash commands, in the order the help lists them. */
export const commandNames = [
  "status",
  "ask",
  "answer",
  "dispatch",
  "review",
  "dismiss",
  "waive",
  "retry",
  "block",
  "unblock",
  "pause",
  "resume",
  "help",
] as const;
export type CommandName = (typeof commandNames)[number];

export const isCommandName = (name: string): name is CommandName => (commandNames as readonly string[]).includes(name);

/**
 * The command a mistyped name most likely meant: a small edit distance (`/stauts`, `/unblok`) or
 * an unambiguous prefix (`/disp`). Undefined when nothing is a fair guess.
 */
export function suggestCommand(name: string): CommandName | undefined {
  const wanted = name.toLowerCase();
  const close = closestKey(wanted, commandNames);
  if (close !== undefined) return close as CommandName;
  const prefixed = commandNames.filter((command) => wanted.length >= 3 && command.startsWith(wanted));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

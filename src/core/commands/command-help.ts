import { inlineCode } from "../task/markdown-code.js";
import type { CommandName } from "./command-names.js";

interface CommandDoc {
  usage: string;
  does: string;
}

/** One row per command, in the order of `commandNames`; README documents the same table. */
export const commandDocs: Record<CommandName, CommandDoc> = {
  status: {
    usage: "/status",
    does: "Where this task stands: status, since when, its PR, the last moves, checks and review.",
  },
  ask: {
    usage: "/ask <question>",
    does: "Answers a question about this task in the thread, from the queue, checks and reviews (in words when a model is configured). One question per comment.",
  },
  answer: {
    usage: "/answer <n> <text>",
    does: "Answers question <n> of Autopilot's questions comment in this thread and lets the task go on. With one open question, `/answer <text>` is enough.",
  },
  dispatch: { usage: "/dispatch", does: "Starts the coding agent on this queued task now (scope locks still apply)." },
  review: { usage: "/review", does: "Runs the review again on the pull request's current head." },
  waive: {
    usage: "/waive <n> <why>",
    does: "On the pull request: waives acceptance criterion <n> of the task's spec, so a review can accept without it shown met (recorded with your reason).",
  },
  dismiss: {
    usage: "/dismiss <fingerprint> <why>",
    does: "On the pull request: dismisses one finding of the latest review (its fingerprint is in the review comment); it is not raised again unless the file it points at changes.",
  },
  retry: {
    usage: "/retry",
    does: "On the pull request: runs the gates again on the current head. On the issue: reconciles the task again (branch, task file, PR, labels) and starts the coding agent again.",
  },
  block: {
    usage: "/block <why>",
    does: "Holds the task (`blocked`) with your reason; nothing is dispatched or merged for it.",
  },
  unblock: { usage: "/unblock", does: "Releases a held task back to where it can go on." },
  pause: {
    usage: "/pause",
    does: "Pauses Autopilot for the whole repository: no dispatch and no merge until `/resume`.",
  },
  resume: { usage: "/resume", does: "Ends a `/pause`." },
  help: { usage: "/help", does: "Shows this list." },
};

const escapeCell = (text: string): string => text.replace(/\|/g, "\\|");

/** A name someone wrote as a command that is none, with the command it most likely meant. */
export interface UnknownCommand {
  name: string;
  suggestion?: string;
}

/** `/x is not a command.`, the name quoted as code since it is whatever the commenter typed. */
function unknownNote(unknown: UnknownCommand): string {
  const name = inlineCode(`/${unknown.name}`, 40);
  return unknown.suggestion === undefined
    ? `${name} is not a command.`
    : `${name} is not a command. Did you mean ${inlineCode(`/${unknown.suggestion}`, 40)}?`;
}

/**
 * The markdown help Autopilot posts for `/help` and for unknown commands, which it names first:
 * one (`unknown`, `suggestion`) as a sentence, several (`unknowns`) as a list.
 */
export function helpText(
  options: { unknown?: string; suggestion?: string; unknowns?: readonly UnknownCommand[] } = {},
): string {
  const unknowns = [
    ...(options.unknown === undefined
      ? []
      : [{ name: options.unknown, ...(options.suggestion === undefined ? {} : { suggestion: options.suggestion }) }]),
    ...(options.unknowns ?? []),
  ];
  const parts: string[] = [];
  if (unknowns.length === 1 && unknowns[0]) parts.push(unknownNote(unknowns[0]));
  if (unknowns.length > 1) parts.push(unknowns.map((unknown) => `- ${unknownNote(unknown)}`).join("\n"));
  const rows = Object.values(commandDocs).map((doc) => `| \`${escapeCell(doc.usage)}\` | ${escapeCell(doc.does)} |`);
  parts.push(
    "**Autopilot commands** — write one at the start of a line in a comment on the task's issue or pull request:",
    ["| Command | What it does |", "| --- | --- |", ...rows].join("\n"),
    [
      "Who may use them: the owners listed in `.github/autopilot.yml`, or, when none are listed, users",
      "with write access to this repository (the same people may move a task by label or change its spec",
      "after dispatch); anyone may use `/help`. Commands in quotes, code blocks and HTML",
      "comments are ignored, at most 10 are read from one comment, and all of them get one reply.",
    ].join(" "),
  );
  return parts.join("\n\n");
}

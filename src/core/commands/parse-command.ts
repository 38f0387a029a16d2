import { stripHiddenContent } from "../task/strip-hidden-content.js";
import { isCommandName, suggestCommand } from "./command-names.js";
import type { CommandName } from "./command-names.js";
import { readCommentLines } from "./read-comment-lines.js";
import type { CommentLine } from "./read-comment-lines.js";

type Simple = "status" | "dispatch" | "review" | "retry" | "unblock" | "pause" | "resume" | "help";

/** A command as read from a comment; `line` is where it starts (1-based), for replies. */
export type ParsedCommand = { line: number } & (
  | { kind: Simple }
  | { kind: "block"; reason: string }
  /** `question` is the number of the owner question (Q-3 → 3) when the answer names one. */
  | { kind: "answer"; question?: number; text: string }
  | { kind: "ask"; question: string }
  /** a review finding's fingerprint (16 hex characters, as the review comment shows it) and why */
  | { kind: "dismiss"; fingerprint: string; reason: string }
  /** an acceptance criterion's number in the spec, and why it need not be shown met */
  | { kind: "waive"; criterion: number; reason: string }
  | { kind: "unknown"; name: string; suggestion?: CommandName }
  | { kind: "invalid"; name: CommandName; problem: string }
);

/** More commands in one comment are ignored: one comment should not fan out into many writes. */
export const maxCommandsPerComment = 10;

/**
 * `/name` at the start of a line, then whitespace or the end: `/src/index.ts` and `/status.` are
 * not commands. Leading spaces and tabs are allowed (indented code is excluded before this).
 */
const commandLine = /^[ \t]*\/([A-Za-z][A-Za-z0-9_-]{0,39})(?:[ \t]+(.*))?$/;
const multiLine = new Set<CommandName>(["answer", "ask"]);

/** `3`, `Q-3` or `q3` followed by the answer text. */
const numberedAnswer = /^(?:(q-?)?([1-9]\d{0,8}))(?:\s+([\s\S]*))?$/i;

const commandOn = (line: CommentLine) => (line.commandable ? commandLine.exec(stripHiddenContent(line.text)) : null);

function readAnswer(text: string, line: number): ParsedCommand {
  if (text === "") {
    return {
      line,
      kind: "invalid",
      name: "answer",
      problem: "say what the answer is, e.g. `/answer 2 use the REST API`",
    };
  }
  const match = numberedAnswer.exec(text);
  const number = match?.[2];
  if (!match || number === undefined) return { line, kind: "answer", text };
  const rest = (match[3] ?? "").trim();
  if (rest !== "") return { line, kind: "answer", question: Number(number), text: rest };
  // A bare number may be the choice of an option of the one open question: the caller decides.
  if (match[1] === undefined) return { line, kind: "answer", text };
  return { line, kind: "invalid", name: "answer", problem: `say what the answer to Q-${number} is after its number` };
}

function readCommand(name: CommandName, argument: string, line: number): ParsedCommand {
  switch (name) {
    case "block":
      return argument === ""
        ? { line, kind: "invalid", name, problem: "say why, e.g. `/block waiting for the API design`" }
        : { line, kind: "block", reason: argument };
    case "answer":
      return readAnswer(argument, line);
    case "waive": {
      const match = /^#?([1-9]\d{0,2})(?:\s+([\s\S]*))?$/.exec(argument);
      const reason = match?.[2]?.trim() ?? "";
      if (match === null || match[1] === undefined || reason === "") {
        return {
          line,
          kind: "invalid",
          name,
          problem:
            "name the criterion's number and say why, e.g. `/waive 2 the router is covered by the gateway's tests`",
        };
      }
      return { line, kind: "waive", criterion: Number(match[1]), reason };
    }
    case "dismiss": {
      const match = /^`?([0-9a-f]{16})`?(?:\s+([\s\S]*))?$/i.exec(argument);
      const reason = match?.[2]?.trim() ?? "";
      if (match === null || match[1] === undefined || reason === "") {
        return {
          line,
          kind: "invalid",
          name,
          problem:
            "name the finding's fingerprint and say why, e.g. `/dismiss 3fa2c1d09b7e4a51 the cap is enforced by the gateway`",
        };
      }
      return { line, kind: "dismiss", fingerprint: match[1].toLowerCase(), reason };
    }
    case "ask":
      return argument === ""
        ? { line, kind: "invalid", name, problem: "write the question after `/ask`, e.g. `/ask why is this blocked?`" }
        : { line, kind: "ask", question: argument };
    default:
      // Words after an argument-less command (`/pause for the weekend`) are a note to humans.
      return { line, kind: name };
  }
}

/**
 * Reads the slash commands of an issue or pull-request comment, in order, as users write them on
 * GitHub: a line starting with `/name`, outside code, quotes, HTML comments and quoted e-mail
 * (see `readCommentLines`). Names are case-insensitive. `/answer` and `/ask` take the rest of
 * their line and the following lines up to the next command; `/block` takes the rest of its line.
 * `dropped` counts the commands beyond `maxCommandsPerComment`, which are not returned.
 */
export function readCommands(commentBody: string): { commands: ParsedCommand[]; dropped: number } {
  const lines = readCommentLines(commentBody);
  const commands: ParsedCommand[] = [];
  let dropped = 0;
  for (let index = 0; index < lines.length; index += 1) {
    const current = lines[index];
    const match = current ? commandOn(current) : null;
    if (!current || !match) continue;
    if (commands.length === maxCommandsPerComment) {
      dropped += 1;
      continue;
    }
    const written = match[1] ?? "";
    const name = written.toLowerCase();
    if (!isCommandName(name)) {
      const suggestion = suggestCommand(name);
      commands.push({ line: current.line, kind: "unknown", name: written, ...(suggestion ? { suggestion } : {}) });
      continue;
    }
    const parts = [match[2] ?? ""];
    if (multiLine.has(name)) {
      for (let next = index + 1; next < lines.length; next += 1) {
        const following = lines[next];
        if (!following || commandOn(following)) break;
        parts.push(following.text);
      }
    }
    commands.push(readCommand(name, parts.join("\n").trim(), current.line));
  }
  return { commands, dropped };
}

/** The commands of a comment, at most `maxCommandsPerComment` of them. */
export const parseCommands = (commentBody: string): ParsedCommand[] => readCommands(commentBody).commands;

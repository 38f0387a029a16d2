import { describe, expect, it } from "vitest";
import { parseCommands, readCommands, readCommentLines } from "../../../src/core/commands/index.js";

const kinds = (body: string) => parseCommands(body).map((command) => command.kind);

describe("parseCommands", () => {
  it("reads commands at the start of lines, in order, with their line numbers, case-insensitively", () => {
    const body = "Thanks!\n/STATUS\n  /Pause\nsome text /review in the middle\n\t/resume";
    expect(parseCommands(body)).toEqual([
      { line: 2, kind: "status" },
      { line: 3, kind: "pause" },
      { line: 5, kind: "resume" },
    ]);
  });

  it("reads every argument-less command and ignores words after it", () => {
    const body = [
      "/status",
      "/dispatch",
      "/review",
      "/retry",
      "/unblock",
      "/pause for the weekend",
      "/resume",
      "/help",
    ].join("\n");
    expect(kinds(body)).toEqual(["status", "dispatch", "review", "retry", "unblock", "pause", "resume", "help"]);
  });

  it("does not take paths or punctuation for commands", () => {
    expect(parseCommands("/src/index.ts is broken\n/status.\n/status, please\n//status\n/ status")).toEqual([]);
  });

  it("ignores commands in fenced code blocks, backtick and tilde, until the fence closes", () => {
    const body = [
      "```sh",
      "/status",
      "``",
      "/pause",
      "```",
      "/review",
      "~~~~",
      "/retry",
      "~~~",
      "/dispatch",
      "~~~~~",
      "/help",
    ].join("\n");
    expect(parseCommands(body)).toEqual([
      { line: 6, kind: "review" },
      { line: 12, kind: "help" },
    ]);
  });

  it("treats an unclosed fence as code to the end of the comment", () => {
    expect(kinds("/status\n```\n/pause\n/resume")).toEqual(["status"]);
  });

  it("ignores indented code blocks but accepts an indented command after a text line", () => {
    expect(kinds("log:\n\n    /status was called\n    /pause\n\n/review")).toEqual(["review"]);
    expect(kinds("    /pause")).toEqual([]);
    expect(kinds("Please\n    /pause")).toEqual(["pause"]);
  });

  it("ignores quoted replies, nested ones too", () => {
    const body = "> /block someone else's reason\n>> /pause\n   > /retry\n\n/status";
    expect(parseCommands(body)).toEqual([{ line: 5, kind: "status" }]);
  });

  it("counts a line the author typed right after a quote as their own command", () => {
    expect(parseCommands("> Could you check?\n/status")).toEqual([{ line: 2, kind: "status" }]);
  });

  it("ignores commands inside HTML comments, on one line or across lines", () => {
    const body = [
      "<!-- /pause -->",
      "<!--",
      "/block hidden",
      "-->",
      "/status <!-- a note -->",
      "text <!-- starts here",
      "/retry",
      "ends here --> /dispatch",
      "<!---->/review",
    ].join("\n");
    // `/review` after a closed comment on the same line is visible, so it is a command.
    expect(parseCommands(body)).toEqual([
      { line: 5, kind: "status" },
      { line: 9, kind: "review" },
    ]);
  });

  it("hides everything after an unclosed comment at the start of a line, not one mid-line", () => {
    expect(kinds("/status\n<!-- never closed\n/pause")).toEqual(["status"]);
    expect(kinds("a <!-- is just text\n/pause")).toEqual(["pause"]);
  });

  it("does not read HTML comment markers inside a fence", () => {
    expect(kinds("```\n<!--\n```\n/status\n```\n-->\n```")).toEqual(["status"]);
  });

  it("ignores the quoted mail of an e-mail reply", () => {
    const reply = [
      "/status",
      "",
      "On Tue, May 6, 2025 at 10:00 AM Mona <notifications@github.com> wrote:",
      "/pause",
      "> /retry",
    ].join("\r\n");
    expect(kinds(reply)).toEqual(["status"]);
    const wrapped =
      "/answer 1 yes\n\nOn Tue, May 6, 2025 at 10:00 AM Mona Lisa Octocat <\nnotifications@github.com> wrote:\n/pause";
    expect(parseCommands(wrapped)).toEqual([{ line: 1, kind: "answer", question: 1, text: "yes" }]);
    expect(kinds("/review\n-----Original Message-----\n/pause")).toEqual(["review"]);
  });

  it("reads /block with its reason and refuses it without one", () => {
    expect(parseCommands("/block waiting for the API design")).toEqual([
      { line: 1, kind: "block", reason: "waiting for the API design" },
    ]);
    const [missing] = parseCommands("/block   ");
    expect(missing).toMatchObject({ kind: "invalid", name: "block" });
    expect(missing).toHaveProperty("problem", expect.stringContaining("why"));
  });

  it("reads /answer with a question number and multi-line text up to the next command", () => {
    const body = "/answer 3 Use the REST API.\nKeep v1 for now.\n\n```ts\nconst x = 1;\n```\n/status";
    expect(parseCommands(body)).toEqual([
      { line: 1, kind: "answer", question: 3, text: "Use the REST API.\nKeep v1 for now.\n\n```ts\nconst x = 1;\n```" },
      { line: 7, kind: "status" },
    ]);
  });

  it("reads the question number as 3, Q-3 or q3, on its own line before the text", () => {
    expect(parseCommands("/answer Q-3 yes")).toEqual([{ line: 1, kind: "answer", question: 3, text: "yes" }]);
    expect(parseCommands("/answer q3\nyes, merge it")).toEqual([
      { line: 1, kind: "answer", question: 3, text: "yes, merge it" },
    ]);
  });

  it("reads /answer without a number as text for the open question", () => {
    expect(parseCommands("/answer keep the old endpoint")).toEqual([
      { line: 1, kind: "answer", text: "keep the old endpoint" },
    ]);
    // A bare number is the caller's to interpret (an option of the one open question).
    expect(parseCommands("/answer 2")).toEqual([{ line: 1, kind: "answer", text: "2" }]);
  });

  it("refuses /answer without text", () => {
    expect(parseCommands("/answer")[0]).toMatchObject({ kind: "invalid", name: "answer" });
    expect(parseCommands("/answer Q-4")[0]).toMatchObject({
      kind: "invalid",
      name: "answer",
      problem: expect.stringContaining("Q-4"),
    });
  });

  it("reads /ask over several lines and refuses it without a question", () => {
    expect(parseCommands("/ask why is this\nstill blocked?\n> quoted context")).toEqual([
      { line: 1, kind: "ask", question: "why is this\nstill blocked?\n> quoted context" },
    ]);
    expect(parseCommands("/ask\n\n/status")).toEqual([
      { line: 1, kind: "invalid", name: "ask", problem: expect.stringContaining("question") },
      { line: 3, kind: "status" },
    ]);
  });

  it("names unknown commands with the closest known one", () => {
    expect(parseCommands("/stauts\n/unblok\n/disp\n/Deploy now")).toEqual([
      { line: 1, kind: "unknown", name: "stauts", suggestion: "status" },
      { line: 2, kind: "unknown", name: "unblok", suggestion: "unblock" },
      { line: 3, kind: "unknown", name: "disp", suggestion: "dispatch" },
      { line: 4, kind: "unknown", name: "Deploy" },
    ]);
  });

  it("reads at most ten commands and counts the rest", () => {
    const body = Array.from({ length: 13 }, () => "/status").join("\n");
    const { commands, dropped } = readCommands(body);
    expect(commands).toHaveLength(10);
    expect(dropped).toBe(3);
    expect(parseCommands(body)).toHaveLength(10);
  });

  it("sees a command behind invisible characters as GitHub shows it", () => {
    expect(kinds("\u200B/status")).toEqual(["status"]);
  });
});

describe("readCommentLines", () => {
  it("marks code, quotes and comment remains as lines where no command starts, and drops hidden lines", () => {
    const lines = readCommentLines("intro\n> quoted\n```\ncode\n```\n<!--\nhidden\n--> tail\nend");
    expect(lines.map((line) => [line.line, line.text, line.commandable])).toEqual([
      [1, "intro", true],
      [2, "> quoted", false],
      [3, "```", false],
      [4, "code", false],
      [5, "```", false],
      [6, "", false],
      [8, " tail", false],
      [9, "end", true],
    ]);
  });
});

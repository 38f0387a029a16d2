import { describe, expect, it } from "vitest";
import { readCommands } from "../../../src/core/commands/index.js";
import { readCommentLines } from "../../../src/core/commands/read-comment-lines.js";

/**
 * How many string searches `run` makes (`includes`, `indexOf` and regular expression tests): a
 * count of the work, the same on a busy machine as on a quiet one, where a timing is not.
 */
function searches(run: () => unknown): number {
  const { includes, indexOf } = String.prototype;
  const { test } = RegExp.prototype;
  let count = 0;
  String.prototype.includes = function (this: string, ...args: Parameters<string["includes"]>) {
    count += 1;
    return includes.apply(this, args);
  };
  String.prototype.indexOf = function (this: string, ...args: Parameters<string["indexOf"]>) {
    count += 1;
    return indexOf.apply(this, args);
  };
  RegExp.prototype.test = function (this: RegExp, value: string) {
    count += 1;
    return test.call(this, value);
  };
  try {
    run();
  } finally {
    Object.assign(String.prototype, { includes, indexOf });
    RegExp.prototype.test = test;
  }
  return count;
}

/**
 * An outsider's comment of GitHub's maximum size: one `/x`, then thousands of lines with a
 * mid-line `<!--` and no `-->` anywhere. Each such line used to scan every later line for a
 * `-->`, so the reading grew with the square of the lines (about half a second for 9,000).
 */
describe("reading a comment of many unclosed mid-line `<!--`", () => {
  const hostile = (lines: number) => `/x\n${"x <!--\n".repeat(lines)}`;

  it("does work linear in its lines: four times the lines, four times the searches", () => {
    const small = searches(() => readCommands(hostile(2_250)));
    const large = searches(() => readCommands(hostile(9_000)));
    // linear is 4x (give or take the lines around them); each line scanning the later ones was 16x
    expect(large / small).toBeGreaterThan(3.5);
    expect(large / small).toBeLessThan(4.5);
  });

  it("reads the same as before: the one command, every `x <!--` line shown literally", () => {
    const { commands, dropped } = readCommands(hostile(9_000));
    expect(commands).toEqual([{ line: 1, kind: "unknown", name: "x" }]);
    expect(dropped).toBe(0);
    const lines = readCommentLines(hostile(3));
    expect(lines.map((line) => line.text)).toEqual(["/x", "x <!--", "x <!--", "x <!--", ""]);
  });

  it("still hides what a mid-line `<!--` opens when a later line closes it, and only up to there", () => {
    const body = ["a <!-- opens", "/pause", "x <!-- again", "/block hidden", "--> closed", "/status"].join("\n");
    expect(readCommands(body).commands.map((command) => command.kind)).toEqual(["status"]);
    // a `-->` only before the opening does not close it: the line is text, what follows is read
    expect(readCommands("--> early\na <!-- never closed\n/status").commands.map((c) => c.kind)).toEqual(["status"]);
  });
});

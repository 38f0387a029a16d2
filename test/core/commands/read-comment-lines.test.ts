import { describe, expect, it } from "vitest";
import { readCommands } from "../../../src/core/commands/index.js";
import { readCommentLines } from "../../../src/core/commands/read-comment-lines.js";

/** The fastest of a few runs, in milliseconds: the least disturbed by other load on the machine. */
function fastest(run: () => unknown, runs = 7): number {
  run(); // warm-up
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    run();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/**
 * An outsider's comment of GitHub's maximum size: one `/x`, then thousands of lines with a
 * mid-line `<!--` and no `-->` anywhere. Each such line used to scan every later line for a
 * `-->`, so the reading grew with the square of the lines (about half a second for 9,000).
 */
describe("reading a comment of many unclosed mid-line `<!--`", () => {
  const hostile = (lines: number) => `/x\n${"x <!--\n".repeat(lines)}`;

  it("takes time linear in its lines: four times the lines, at most ~8 times the time", () => {
    const small = fastest(() => readCommands(hostile(2_250)));
    const large = fastest(() => readCommands(hostile(9_000)));
    // linear is 4x, quadratic 16x; a floor of 0.5 ms keeps timer noise on tiny figures out
    expect(large / Math.max(small, 0.5)).toBeLessThan(8);
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

import { describe, expect, it } from "vitest";
import { describeProcesses, leftoverProcesses, type ProcessEntry } from "./process-table.js";

const vitest = 100;

function entry(pid: number, ppid: number, command: string, extra: Partial<ProcessEntry> = {}): ProcessEntry {
  return { pid, ppid, state: "S", command, marked: false, ...extra };
}

/** A fake machine: the shell that ran `npm test`, vitest, its workers and what the tests started. */
const table: ProcessEntry[] = [
  entry(1, 0, "/sbin/init"),
  entry(50, 1, "bash"),
  entry(90, 50, "npm test"),
  entry(vitest, 90, "node /work/node_modules/vitest/vitest.mjs run"),
  entry(101, vitest, "node /work/node_modules/vitest/dist/workers/forks.js"),
  entry(102, vitest, "/work/node_modules/@esbuild/linux-x64/bin/esbuild --service=0.25.0 --ping"),
  entry(110, 101, "node /work/node_modules/tsx/dist/cli.mjs src/main.ts"),
  entry(111, 110, "git cat-file --batch"),
  entry(120, 101, "git merge-base main HEAD", { state: "Z" }),
  // a redis-server whose worker exited: it now hangs under init, found by the marker it inherited
  entry(130, 1, "redis-server --port 40123", { marked: true }),
  entry(140, 1, "sshd: someone else"),
];

describe("leftoverProcesses", () => {
  it("names what the tests started and left running, not vitest's workers, zombies or other processes", () => {
    const left = leftoverProcesses(table, vitest);
    expect(left.map((p) => p.command)).toEqual([
      "node /work/node_modules/tsx/dist/cli.mjs src/main.ts",
      "git cat-file --batch",
      "redis-server --port 40123",
    ]);
    expect(describeProcesses(left)).toContain("pid 130 (parent 1): redis-server --port 40123");
  });

  it("finds nothing once every test cleaned up after itself", () => {
    const clean = table.filter((p) => ![110, 111, 130].includes(p.pid));
    expect(leftoverProcesses(clean, vitest)).toEqual([]);
  });

  it("follows a tree however deep, and survives a cycle in a corrupt table", () => {
    const deep = [
      entry(vitest, 1, "vitest"),
      entry(201, vitest, "sh -c tsx"),
      entry(202, 201, "node tsx"),
      entry(203, 202, "node src/main.ts"),
      entry(204, 204, "loop"),
    ];
    expect(leftoverProcesses(deep, vitest).map((p) => p.pid)).toEqual([201, 202, 203]);
  });
});

import { spawn } from "node:child_process";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { killedAfterTest } from "../helpers/child-processes.js";

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("killedAfterTest", () => {
  it("kills a child the test left running once the test is over", async () => {
    const child = killedAfterTest(spawn("sleep", ["300"], { stdio: "ignore" }));
    const exited = new Promise((resolve) => child.once("exit", (_code, signal) => resolve(signal)));
    // onTestFinished runs after the afterEach hooks, where the helper kills what is left
    onTestFinished(async () => {
      expect(await exited).toBe("SIGKILL");
      expect(alive(child.pid!)).toBe(false);
    });
    expect(alive(child.pid!)).toBe(true);
  });

  it("kills a detached child's whole group: the tsx CLI and the node process it starts", async () => {
    const child = killedAfterTest(spawn("sh", ["-c", "sleep 301 & wait"], { stdio: "ignore", detached: true }), {
      group: true,
    });
    const group = child.pid!;
    onTestFinished(async () => {
      await new Promise((resolve) =>
        child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once("exit", resolve),
      );
      // no process of the group is left, the grandchild sleep included (once init has reaped it)
      for (let tries = 0; alive(-group) && tries < 100; tries += 1) await new Promise((wake) => setTimeout(wake, 50));
      expect(alive(-group)).toBe(false);
    });
    expect(alive(-group)).toBe(true);
  });
});

describe("killedAfterTest, for a child a beforeAll hook starts", () => {
  let child: ReturnType<typeof spawn>;
  beforeAll(() => {
    child = killedAfterTest(spawn("sleep", ["302"], { stdio: "ignore" }));
  });

  it("keeps it for every test of the file", () => {
    expect(alive(child.pid!)).toBe(true);
  });

  it("still keeps it for the next test", () => {
    expect(alive(child.pid!)).toBe(true);
  });
});

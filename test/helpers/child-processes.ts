import type { ChildProcess } from "node:child_process";
import { afterAll, afterEach, beforeEach } from "vitest";
import { testRunMarker } from "./process-table.js";

interface Started {
  /** spawned with `detached: true`: its whole process group is killed */
  group: boolean;
  /** started by a test (killed after it) or by a beforeAll hook (killed after the file) */
  scope: "test" | "file";
}

/** Whether a test (or its beforeEach) runs now, rather than a beforeAll hook. */
let inTest = false;

/** Child processes the tests started that have not exited yet. */
const running = new Map<ChildProcess, Started>();

/**
 * Kills `child` when the test that started it ends, passes, fails or times out (afterEach runs in every
 * case); started by a beforeAll hook for several tests, when the file's tests are done (afterAll, which
 * also runs when the hook timed out); and when the worker exits. `group`: the child was spawned with
 * `detached: true`, so its whole process group goes (a `tsx` CLI's own node child included).
 */
export function killedAfterTest<T extends ChildProcess>(child: T, options: { group?: boolean } = {}): T {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return child;
  const scope = inTest ? "test" : "file";
  running.set(child, { group: options.group ?? false, scope });
  child.once("exit", () => running.delete(child));
  return child;
}

/** The marker the suite's leftover check looks for, for a child given an environment of its own. */
export function testRunEnvironment(): Record<string, string> {
  const value = process.env[testRunMarker];
  return value === undefined ? {} : { [testRunMarker]: value };
}

function kill(child: ChildProcess, group: boolean): void {
  try {
    if (group && child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    else child.kill("SIGKILL");
  } catch {
    // exited in the meantime
  }
}

async function killAll(scopes: ReadonlyArray<Started["scope"]>): Promise<void> {
  const left = [...running].filter(([, started]) => scopes.includes(started.scope));
  await Promise.all(
    left.map(([child, { group }]) => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      kill(child, group);
      return exited;
    }),
  );
}

beforeEach(() => {
  inTest = true;
});
afterEach(async () => {
  inTest = false;
  await killAll(["test"]);
});
afterAll(() => killAll(["test", "file"]));

process.once("exit", () => {
  for (const [child, { group }] of running) kill(child, group);
});

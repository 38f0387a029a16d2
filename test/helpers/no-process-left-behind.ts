import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { describeProcesses, leftoverProcesses, readProcessTable, testRunMarker } from "./process-table.js";

/** How long a process that was just sent a signal gets to exit before it counts as left behind. */
const graceMs = 5_000;

/**
 * vitest globalSetup of the e2e project: after the whole run, fails it when a test left a child process
 * alive (a `tsx src/main.ts`, a redis-server, a git, ...), naming the commands. Every process started
 * during the run inherits a marker in its environment, so an orphan whose parent (a vitest worker)
 * already exited is found too. Needs /proc: elsewhere (macOS, Windows) the check is skipped.
 */
export default function setup(): (() => Promise<void>) | undefined {
  if (!existsSync("/proc/self/stat")) return undefined; // not Linux: nothing to read the process table from
  const markerValue = randomUUID();
  process.env[testRunMarker] = markerValue;
  return async () => {
    const deadline = Date.now() + graceMs;
    let leftovers = leftoverProcesses(readProcessTable(markerValue), process.pid);
    while (leftovers.length > 0 && Date.now() < deadline) {
      await sleep(100);
      leftovers = leftoverProcesses(readProcessTable(markerValue), process.pid);
    }
    if (leftovers.length === 0) return;
    const list = describeProcesses(leftovers);
    for (const entry of leftovers) {
      try {
        process.kill(entry.pid, "SIGKILL"); // do not leave them running after reporting them
      } catch {
        // already gone
      }
    }
    // vitest reports an error thrown here ("error during close") but still exits with 0: fail the run
    process.exitCode = 1;
    throw new Error(`Tests left ${leftovers.length} process(es) running (now killed):\n${list}`);
  };
}

import { readdirSync, readFileSync } from "node:fs";

/** One process as /proc shows it. */
export interface ProcessEntry {
  pid: number;
  ppid: number;
  /** The state letter of /proc/<pid>/stat: R, S, D, Z (zombie: exited, not yet reaped), ... */
  state: string;
  command: string;
  /** Whether the process's environment carries this test run's marker (inherited from vitest). */
  marked: boolean;
}

/** The environment variable every process started during the test run inherits. */
export const testRunMarker = "AUTOPILOT_TEST_RUN";

/** vitest's own processes: its workers (`vitest/dist/workers/...`) and vite's esbuild service. */
const ownProcess = [/[\\/]vitest[\\/]dist[\\/]/, /[\\/]esbuild(?:\.exe)?\s+--service/];

/**
 * The processes a test run left behind: every descendant of `rootPid` (the vitest process) and every
 * process that carries the run's marker (a child whose parent exited, now under init), except vitest's
 * own workers and zombies (they have exited; only their parent's bookkeeping is left).
 */
export function leftoverProcesses(table: readonly ProcessEntry[], rootPid: number): ProcessEntry[] {
  const childrenOf = new Map<number, ProcessEntry[]>();
  for (const entry of table) childrenOf.set(entry.ppid, [...(childrenOf.get(entry.ppid) ?? []), entry]);
  const inTree = new Set<number>();
  const pending = [rootPid];
  while (pending.length > 0) {
    for (const child of childrenOf.get(pending.pop()!) ?? []) {
      if (inTree.has(child.pid)) continue;
      inTree.add(child.pid);
      pending.push(child.pid);
    }
  }
  return table.filter(
    (entry) =>
      entry.pid !== rootPid &&
      (inTree.has(entry.pid) || entry.marked) &&
      entry.state !== "Z" &&
      !ownProcess.some((pattern) => pattern.test(entry.command)),
  );
}

/** "pid 123: redis-server --port 4000" lines for an error message. */
export function describeProcesses(entries: readonly ProcessEntry[]): string {
  return entries.map((entry) => `pid ${entry.pid} (parent ${entry.ppid}): ${entry.command}`).join("\n");
}

/** The machine's processes from /proc (Linux only), with `marked` for those that carry `markerValue`. */
export function readProcessTable(markerValue: string): ProcessEntry[] {
  const entries: ProcessEntry[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ")"
      const [state = "?", ppid = "0"] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const command = readFileSync(`/proc/${name}/cmdline`, "utf8").split("\0").join(" ").trim() || `[${comm}]`;
      entries.push({ pid: Number(name), ppid: Number(ppid), state, command, marked: hasMarker(name, markerValue) });
    } catch {
      // the process exited while we read it, or belongs to another user
    }
  }
  return entries;
}

function hasMarker(pid: string, markerValue: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").includes(`${testRunMarker}=${markerValue}`);
  } catch {
    return false;
  }
}

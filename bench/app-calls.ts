/**
 * Calls to GitHub (REST and GraphQL) Autopilot makes per flow, counted on the sandbox (every
 * request it answers is recorded): dispatching a labeled issue, and gating a push of 100 and of
 * 1,000 files to a task PR. The sandbox's own writes (the simulated agent's commit) go straight
 * to git and are not counted; the one ref update that announces the push is subtracted. Each
 * call is put down to the job that made it (the gates, or the merge evaluation and review that
 * the completed check runs set off), by the dedupe key its handler gives the job.
 */
import { ProbotOctokit } from "probot";
import { Sandbox } from "@autopilot/github-sandbox";
import { startAutopilotOnSandbox } from "../dev/autopilot-on-sandbox.js";
import type { RecordedRequest } from "@autopilot/github-sandbox/http";
import type { WorkQueue } from "../src/work/index.js";

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

const spec = [
  "Widget lists should come in pages.",
  "```autopilot",
  'scope: ["src/widgets/**"]',
  "risk: medium",
  "refs: [NT-0012]",
  "acceptance:",
  '  - "GET /widgets returns 50 widgets per page"',
  "```",
].join("\n");

/** The flow a job belongs to, from the dedupe key its handler gives it (`gates:<sha>`, `push:<sha>`, `merge#<n>`, …). */
export function flowOf(dedupeKey: string | undefined): string {
  // a person's label or command is never merged with another, so its job has no dedupe key
  if (dedupeKey === undefined) return "label or command";
  if (dedupeKey.startsWith("gates:") || dedupeKey.startsWith("push:")) return "gates";
  if (dedupeKey.startsWith("merge-status:") || dedupeKey.startsWith("merge-dequeued#")) return "merge";
  // the app's checks carried onto a merge queue's group
  if (dedupeKey.startsWith("merge-group:")) return "merge group";
  if (dedupeKey === "dashboard" || dedupeKey === "sweep") return dedupeKey;
  return /^(\w+)#/.exec(dedupeKey)?.[1] ?? "other";
}

export interface FlowCalls {
  /** calls GitHub counts against the rate limit: a 304 to a conditional GET does not count */
  calls: number;
  by_operation: Record<string, number>;
  /** conditional GETs answered 304 */
  not_modified: number;
}

/**
 * Puts every request the sandbox records during a job down to that job's flow. Jobs of one
 * repository run one after another, so with one repository nothing else runs meanwhile.
 * `take()` returns the tally since the last `take()` and starts a new one.
 */
export function countCallsPerFlow(
  work: WorkQueue,
  sandbox: Sandbox,
): { take(): Record<string, FlowCalls>; stop(): void } {
  const original = work.enqueue;
  let tally: Record<string, FlowCalls> = {};
  const add = (flow: string, requests: readonly RecordedRequest[]) => {
    const entry = (tally[flow] ??= { calls: 0, by_operation: {}, not_modified: 0 });
    for (const request of requests) {
      const operation = request.operationId ?? "?";
      if (request.status === 304) {
        entry.not_modified += 1;
        continue;
      }
      entry.calls += 1;
      entry.by_operation[operation] = (entry.by_operation[operation] ?? 0) + 1;
    }
  };
  const enqueue = work.enqueue.bind(work);
  work.enqueue = (key, job, options = {}) =>
    enqueue(
      key,
      async () => {
        const ids = new Set(sandbox.requests().map((request) => request.requestId));
        try {
          await job();
        } finally {
          add(
            flowOf(options.dedupeKey),
            sandbox.requests().filter((request) => !ids.has(request.requestId)),
          );
        }
      },
      options,
    );
  return {
    take: () => {
      const taken = tally;
      tally = {};
      return taken;
    },
    /** puts the work queue's own `enqueue` back */
    stop: () => {
      work.enqueue = original;
    },
  };
}

export async function runAppCallsBench(): Promise<object> {
  const sandbox = await Sandbox.start({ installApp: false });
  const autopilot = await startAutopilotOnSandbox(sandbox);
  sandbox.installApp();
  const user = new ProbotOctokit({
    baseUrl: sandbox.apiUrl,
    auth: { token: sandbox.userToken() },
    log: silent,
    retry: { enabled: false },
    throttle: { enabled: false },
  });
  const repo = { owner: "acme", repo: "widgets" };
  const flows = countCallsPerFlow(autopilot.work, sandbox);
  try {
    await autopilot.settle();
    const measure = async (userCalls: number, act: () => Promise<void>) => {
      sandbox.server.clearRequests();
      flows.take();
      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      await act();
      await autopilot.settle();
      const requests = sandbox.requests();
      const byOperation: Record<string, number> = {};
      for (const request of requests.slice(userCalls))
        byOperation[request.operationId ?? "?"] = (byOperation[request.operationId ?? "?"] ?? 0) + 1;
      const { gates, ...followers } = flows.take();
      const cpu = process.cpuUsage(cpuBefore);
      return {
        app_calls: requests.length - userCalls,
        ms: Math.round(performance.now() - started),
        // user + system CPU of this process: Autopilot and the sandbox (git, HTTP) together
        cpu_ms_app_and_sandbox: Math.round((cpu.user + cpu.system) / 1000),
        by_operation: byOperation,
        gates: gates ?? { calls: 0, by_operation: {}, not_modified: 0 },
        other_flows: followers,
      };
    };

    const issue = (await user.rest.issues.create({ ...repo, title: "Paginate widget lists", body: spec })).data.number;
    const dispatch = await measure(1, async () => {
      await user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
    });
    const branch = `autopilot/T-${issue}-paginate-widget-lists`;

    const pushFiles = (count: number, round: number, linesPerFile: number) =>
      measure(1, async () => {
        const git = sandbox.repo.git;
        const head = await git.getRef(`refs/heads/${branch}`);
        const parent = await git.getCommit(head ?? "");
        const entries = Array.from({ length: count }, (_, index) => ({
          path: `src/widgets/generated/r${round}/file-${index}.ts`,
          mode: "100644" as const,
          type: "blob" as const,
          content: Array.from(
            { length: linesPerFile },
            (_, line) => `export const value${index}_${line} = ${index * linesPerFile + line};\n`,
          ).join(""),
        }));
        const tree = await git.createTree(entries, parent?.tree);
        const commit = await git.createCommit({
          message: `Add ${count} files\n\nTask: T-${issue}\nRefs: NT-0012\n`,
          tree: tree.sha,
          parents: [head ?? ""],
        });
        await user.rest.git.updateRef({ ...repo, ref: `heads/${branch}`, sha: commit.sha });
      });
    const gates100 = await pushFiles(100, 1, 1);
    // the PR then holds 1,000 files and 100 + 900 × 55 = 49,600 added lines
    const gates1000 = { ...(await pushFiles(900, 2, 55)), pr_files: 1000, pr_added_lines: 100 + 900 * 55 };
    return {
      dispatch,
      gates_100_files: gates100,
      gates_1000_files: gates1000,
      target:
        "gates on ≤ 100 files: at most 5 calls, REST and GraphQL together (issue 4); dispatch: as few as the idempotent steps allow",
    };
  } finally {
    await autopilot.stop();
    await sandbox.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${JSON.stringify(await runAppCallsBench(), null, 2)}\n`);
}

/**
 * Contention: two Autopilot instances (each with its own installation client and work queue, as
 * two replicas behind a load balancer) commit 100 queue transitions to one repository at once,
 * through the app's own `commitQueueChange` (compare-and-swap on the state branch: GraphQL
 * `createCommitOnBranch` with `expectedHeadOid`, refused with STALE_DATA when another writer moved
 * the branch, and the writer re-reads, re-applies and tries again). Counted: lost updates (a
 * transition reported committed but missing from `ops/queue.jsonl`: must be 0), transitions that
 * gave up, CAS retries (the commits GitHub refused), and the time for all 100.
 */
import { defaultConfig } from "../src/config/index.js";
import { addTask, listEntries, parseQueue } from "../src/core/queue/index.js";
import { commitQueueChange } from "../src/handlers/queue-commit.js";
import type { RepoContext } from "../src/handlers/repo-context.js";
import { Sandbox } from "@autopilot/github-sandbox";
import { WorkQueue } from "../src/work/index.js";
import { installationContext } from "../test/e2e/app-harness.js";
import { roundMs, silent } from "./support/clients.js";

const transitions = 100;
const quietLog = { ...silent, child: () => quietLog };

interface Replica {
  ctx: RepoContext;
  work: WorkQueue;
}

function replica(sandbox: Sandbox): Replica {
  return { work: new WorkQueue({ concurrency: 4, log: quietLog }), ctx: installationContext(sandbox) };
}

export async function runContentionBench(): Promise<object> {
  const sandbox = await Sandbox.start();
  try {
    const config = defaultConfig();
    const replicas = [replica(sandbox), replica(sandbox)];
    sandbox.server.clearRequests();
    const committed = new Set<string>();
    const failures: string[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: transitions }, (_, index) => {
        const issue = index + 1;
        const taskId = `T-${issue}`;
        const { ctx, work } = replicas[index % replicas.length]!;
        return work.enqueue("acme/widgets", async () => {
          try {
            await commitQueueChange(ctx, config, {
              taskId,
              apply: (doc) =>
                addTask(
                  doc,
                  {
                    id: taskId,
                    issue,
                    title: `Task ${issue}`,
                    status: "needs_owner",
                    branch: null,
                    pr: null,
                    scope: [],
                    forbidden: [],
                    risk: "critical",
                    mode: "full",
                    refs: [],
                  },
                  {
                    actor: "autopilot[bot]",
                    reason: "spec incomplete",
                    delivery: `delivery-${issue}`,
                    at: new Date().toISOString(),
                  },
                ),
            });
            committed.add(taskId);
          } catch (error) {
            failures.push(`${taskId}: ${error instanceof Error ? error.message : String(error)}`);
          }
        });
      }),
    );
    const ms = performance.now() - started;

    const text =
      (await sandbox.repo.git.readFile(config.state_branch, config.queue_file))?.content.toString("utf8") ?? "";
    const { doc, errors } = parseQueue(text);
    const present = new Set(listEntries(doc).map((entry) => entry.id));
    // every GraphQL request here is a createCommitOnBranch: the ones beyond the committed transitions were refused
    const mutations = sandbox.requests().filter((request) => request.operationId === "graphql").length;
    return {
      scope: `2 instances (own client and work queue each) × ${transitions / 2} queue transitions on acme/widgets at once, via commitQueueChange (CAS on the state branch)`,
      transitions,
      committed: committed.size,
      gave_up: failures.length,
      ...(failures.length ? { first_failure: failures[0] } : {}),
      lost_updates: [...committed].filter((id) => !present.has(id)).length,
      queue_parse_errors: errors.length,
      commit_mutations: mutations,
      cas_retries_stale: mutations - committed.size,
      ms: roundMs(ms),
      // the sandbox's own cost per call (real git underneath) bounds the rate; it rises with machine load
      sandbox_requests: sandbox.requests().length,
      sandbox_ms_per_request: roundMs(
        sandbox.requests().reduce((sum, request) => sum + request.durationMs, 0) /
          Math.max(1, sandbox.requests().length),
      ),
      transitions_per_s: Math.round((transitions / ms) * 1000),
      target: "lost updates = 0",
    };
  } finally {
    await sandbox.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${JSON.stringify(await runContentionBench(), null, 2)}\n`);
}

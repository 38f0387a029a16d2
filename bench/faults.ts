/**
 * Faults: the sandbox answers a share of REST calls with 5xx and with GitHub's secondary rate
 * limit, and drops a share of webhooks, while owners label 10 tasks and the coding agent pushes
 * to each task once it has been started. Then the periodic reconcile runs (still under faults),
 * the faults stop, and one more reconcile runs. Each task is compared with a control task run
 * before the faults: queue entry, branch, PR, agent start, labels, the app's comments, gate
 * conclusions. Reported: the share of tasks in the control's state (target 100%) and anything
 * that exists twice (must be 0). The faults are drawn from seeded generators.
 */
import { Sandbox } from "@autopilot/github-sandbox";
import { mulberry32 } from "../test/helpers/random-tokens.js";
import type { FaultRule } from "@autopilot/github-sandbox/http";
import { countBy, roundMs, userClient } from "./support/clients.js";
import { startFastRetryApp, type FastRetryApp } from "./support/fast-retry-app.js";
import { agentMessage, pushCommit, repoRef, taskSpec } from "./support/task-flow.js";
import { differences, duplicatesIn, taskShape, type TaskShape } from "./support/task-shape.js";

export interface FaultsBenchOptions {
  tasks?: number;
  seed?: number;
  serverErrorRate?: number;
  secondaryRateLimitRate?: number;
  webhookDropRate?: number;
}

export async function runFaultsBench(options: FaultsBenchOptions = {}): Promise<object> {
  const {
    tasks = 10,
    seed = 7,
    serverErrorRate = 0.05,
    secondaryRateLimitRate = 0.03,
    webhookDropRate = 0.1,
  } = options;
  const rules: FaultRule[] = [
    { kind: "5xx", status: 502, rate: serverErrorRate },
    { kind: "secondary_rate_limit", retryAfterSeconds: 1, rate: secondaryRateLimitRate },
  ];
  const sandbox = await Sandbox.start({ installApp: false });
  const app: FastRetryApp = await startFastRetryApp(sandbox, { retryBaseMs: 10 });
  sandbox.installApp();
  // the people retry what the faults break, so only the app's resilience is measured
  const { octokit } = userClient(sandbox, { attempts: 50 });
  const pushed = new Set<number>();
  const openTask = async (index: number) => {
    const body = taskSpec(`src/widgets/t${index}/**`);
    const issue = (await octokit.rest.issues.create({ ...repoRef, title: `Widget task ${index}`, body })).data.number;
    await octokit.rest.issues.addLabels({ ...repoRef, issue_number: issue, labels: ["autopilot"] });
    return { issue, index };
  };
  // the agent pushes once the app has started it (workflow_dispatch), to the branch it was given
  const pushStartedTasks = async (opened: readonly { issue: number; index: number }[]) => {
    for (const { issue, index } of opened) {
      const start = sandbox.repo.workflowDispatches.find((dispatch) => dispatch.inputs.task === `T-${issue}`);
      if (pushed.has(issue) || !start) continue;
      await pushCommit(octokit, String(start.inputs.branch), agentMessage(issue, "Page by 50"), {
        [`src/widgets/t${index}/page.ts`]: "export const pageSize = 50;\n",
      });
      pushed.add(issue);
    }
    await app.settle();
  };
  const shapes = async (opened: readonly { issue: number }[]) =>
    Promise.all(opened.map(({ issue }) => taskShape(sandbox, octokit, issue, pushed.has(issue))));
  const correct = (found: TaskShape[], expected: TaskShape) =>
    found.filter((shape) => differences(shape, expected).length === 0).length;
  const realRandom = Math.random;
  try {
    await app.settle();
    const control = await openTask(0);
    await app.settle();
    await pushStartedTasks([control]);
    const expected = await taskShape(sandbox, octokit, control.issue, true);
    if (expected.status !== "in_progress" || expected.pulls !== 1 || !pushed.has(control.issue)) {
      throw new Error(
        `fault bench: the control task did not reach its state without faults: ${JSON.stringify(expected)}`,
      );
    }

    const started = performance.now();
    const phases: Record<string, { ms: number; requests: number }> = {};
    let mark = { at: started, requests: 0 };
    const lap = (name: string) => {
      const now = { at: performance.now(), requests: sandbox.requests().length };
      phases[name] = { ms: roundMs(now.at - mark.at), requests: now.requests - mark.requests };
      mark = now;
    };
    sandbox.server.clearRequests();
    // the sandbox's REST fault injector draws from Math.random (Sandbox.start takes no random source)
    Math.random = mulberry32(seed);
    sandbox.server.setFaults(rules);
    sandbox.deliveries.setFaults({ dropRate: webhookDropRate, random: mulberry32(seed + 1) });
    const opened: { issue: number; index: number }[] = [];
    for (let index = 1; index <= tasks; index += 1) opened.push(await openTask(index));
    await app.settle();
    lap("label_and_settle");
    await pushStartedTasks(opened);
    lap("agent_pushes_and_gates");
    const failedJobs = app.failedJobs();
    sandbox.server.setFaults([]);
    const beforeReconcile = correct(await shapes(opened), expected);
    sandbox.server.setFaults(rules);
    lap("inspect_tasks");

    // a sweep's per-repository job that throws is logged by the work queue, like any job
    const faultedSweep = await app.sweep().then(
      () => "ran",
      (error: unknown) => `failed to start: ${error instanceof Error ? error.message : String(error)}`,
    );
    await app.settle();
    const sweepJobsFailed = app.failedJobs() - failedJobs;
    await pushStartedTasks(opened);
    lap("reconcile_under_faults");
    const injected = countBy(
      sandbox.requests().filter((request) => request.fault),
      (request) => request.fault ?? "",
    );
    const appCallsUnderFaults = sandbox.requests().length;

    sandbox.server.setFaults([]);
    sandbox.deliveries.setFaults({});
    Math.random = realRandom;
    await app.sweep();
    await app.settle();
    await pushStartedTasks(opened);
    lap("faults_off_and_reconcile");
    const ms = performance.now() - started;

    const final = await shapes(opened);
    const wrong = final.flatMap((shape, at) =>
      differences(shape, expected).length
        ? [{ task: `T-${opened[at]?.issue}`, differs_in: differences(shape, expected) }]
        : [],
    );
    const dropped = allDeliveries(sandbox).filter((delivery) => delivery.status === "dropped").length;
    return {
      scope: `${tasks} tasks labeled (distinct scopes), agent pushes once started; faults: ${serverErrorRate * 100}% 5xx, ${secondaryRateLimitRate * 100}% secondary rate limits, ${webhookDropRate * 100}% dropped webhooks; reconcile under faults, faults off, reconcile again`,
      seed,
      app_retries:
        "Octokit retries 5xx 3 times (waits scaled 1 s → 10 ms); throttling off, so a secondary rate limit fails the job",
      injected: { ...injected, webhooks_dropped: dropped, requests_while_faulted: appCallsUnderFaults },
      jobs_failed_before_reconcile: failedJobs,
      correct_before_reconcile: `${beforeReconcile}/${tasks}`,
      reconcile_under_faults: { sweep: faultedSweep, jobs_failed: sweepJobsFailed },
      correct_after_reconcile: `${correct(final, expected)}/${tasks}`,
      correct_share: Math.round((correct(final, expected) / tasks) * 1000) / 10,
      duplicates: final.reduce((sum, shape) => sum + duplicatesIn(shape, expected), 0),
      duplicate_check_runs: final.reduce((sum, shape) => sum + shape.extraCheckRuns, 0),
      ...(wrong.length ? { not_correct: wrong } : {}),
      expected_state: {
        status: expected.status,
        checks: expected.checks,
        issue_comments: expected.issueComments,
        pull_comments: expected.pullComments,
      },
      ms: roundMs(ms),
      phases,
      target: "100% correct after the reconcile, 0 duplicates (queue entries, branches, PRs, agent starts, comments)",
    };
  } finally {
    Math.random = realRandom;
    await app.stop();
    await sandbox.stop();
  }
}

/** Every delivery the sandbox recorded, following its cursor pages. */
function allDeliveries(sandbox: Sandbox) {
  const all = [];
  let cursor: string | undefined;
  do {
    const page = sandbox.deliveries.list({ per_page: 100, ...(cursor ? { cursor } : {}) });
    all.push(...page.deliveries);
    cursor = page.next;
  } while (cursor);
  return all;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${JSON.stringify(await runFaultsBench(), null, 2)}\n`);
}

/**
 * One low-risk task from label to merge on the sandbox, Autopilot running as in production (its
 * own webhook endpoint, its work queue, Octokit retries on): an owner labels a complete spec, the
 * app dispatches (branch, draft PR, queue entry); a coding agent pushes, the gates judge; the
 * author marks the PR ready, the scripted reviewers accept; CI reports success and the app merges
 * and records the task as done in one commit to the default branch. Per phase: wall time and the
 * app's REST calls by operation (the people's own calls are recorded by their client and left
 * out). Target (issue 7): at most 30 app calls for the whole lifecycle.
 */
import { getEntry, parseQueue } from "../src/core/queue/index.js";
import { commitConfig } from "../dev/demo/actors.js";
import { countCallsPerFlow } from "./app-calls.js";
import { mergeQueueRuleset, Sandbox } from "@autopilot/github-sandbox";
import { startAutopilotOnSandbox, type AutopilotOnSandbox } from "../dev/autopilot-on-sandbox.js";
import { gitProcessesStarted } from "@autopilot/github-sandbox/git";
import type { RecordedRequest } from "@autopilot/github-sandbox/http";
import {
  countBy,
  roundMs,
  userClient,
  withoutUserRequests,
  type BenchOctokit,
  type UserClient,
} from "./support/clients.js";
import { agentMessage, markReady, pushCommit, repoRef, scriptedReviewers, taskSpec } from "./support/task-flow.js";

const targetCalls = 30;
const findings = {
  risks: [],
  missing_deliverables: [],
  test_gaps: [],
  followups: [{ title: "Document the page size", body: "In the README.", blocking: false }],
};
const accept = {
  decision: "accept",
  recommended_status: "done",
  next_actions: [],
  summary: "Meets the spec.",
  reasons: ["pages by 50"],
};
const config = ["merge:", "  required_checks: [ci/test]", "owners: [octocat]", "dispatch:", "  target: none", ""].join(
  "\n",
);

interface Phase {
  ms: number | null;
  app_calls: number;
  not_modified: number;
  by_operation: Record<string, number>;
}

/** Runs `act`, waits until the app has finished what it set off, and returns the app's calls meanwhile. */
async function measure(
  sandbox: Sandbox,
  autopilot: AutopilotOnSandbox,
  people: UserClient[],
  act: () => Promise<void>,
) {
  sandbox.server.clearRequests();
  for (const person of people) person.sent.length = 0;
  const started = performance.now();
  await act();
  await autopilot.settle();
  const ms = performance.now() - started;
  return {
    ms,
    calls: withoutUserRequests(
      sandbox.requests(),
      people.flatMap((person) => person.sent),
    ),
  };
}

/**
 * git processes the sandbox started for one lifecycle (start included), counted the same way
 * (strace of `tsx bench/lifecycle.ts`) on 20f6018, when every object read started its own
 * `git cat-file` and every tree listing its own `git ls-tree`.
 */
const gitProcessesBeforePersistentReader = 1009;

interface LifecycleActors {
  sandbox: Sandbox;
  autopilot: AutopilotOnSandbox;
  people: UserClient[];
  octokit: BenchOctokit;
  ci: UserClient;
}

/** Requests GitHub counts against the installation's rate limit: a 304 to a conditional request does not count. */
const counted = (calls: readonly RecordedRequest[]): RecordedRequest[] => calls.filter((call) => call.status !== 304);

const operationOf = (call: RecordedRequest): string => call.operationId ?? `${call.method} ${call.path}`;

const phaseOf = (ms: number | null, calls: readonly RecordedRequest[]): Phase => ({
  ms: ms === null ? null : roundMs(ms),
  app_calls: counted(calls).length,
  not_modified: calls.length - counted(calls).length,
  by_operation: countBy(counted(calls), operationOf),
});

/** One task from label to merge (label, agent push, ready, CI): the app's calls per phase and per route (job). */
async function runTask(
  { sandbox, autopilot, people, octokit, ci }: LifecycleActors,
  title: string,
  mergeQueue = false,
) {
  const routes = countCallsPerFlow(autopilot.work, sandbox);
  const issue = (await octokit.rest.issues.create({ ...repoRef, title, body: taskSpec("src/widgets/**", "low") })).data
    .number;
  await autopilot.settle();

  const dispatch = await measure(sandbox, autopilot, people, async () => {
    await octokit.rest.issues.addLabels({ ...repoRef, issue_number: issue, labels: ["autopilot"] });
  });
  const pull = (await octokit.rest.pulls.list({ ...repoRef, state: "open" })).data.find((item) =>
    item.title.startsWith(`[T-${issue}]`),
  );
  if (!pull) throw new Error(`lifecycle bench: no draft PR for T-${issue} after dispatch`);

  const gates = await measure(sandbox, autopilot, people, async () => {
    await pushCommit(octokit, pull.head.ref, agentMessage(issue, "Page by 50"), {
      [`src/widgets/list-widgets-${issue}.ts`]: "export const pageSize = 50;\n",
    });
  });
  const review = await measure(sandbox, autopilot, people, () => markReady(octokit, pull.node_id));
  // CI reports on every new head: when the app updates the branch with its base, CI runs again
  const ciGreen = async (sha: string) => {
    await ci.octokit.rest.repos.createCommitStatus({ ...repoRef, sha, state: "success", context: "ci/test" });
    await autopilot.settle();
  };
  const ciAndMerge = await measure(sandbox, autopilot, people, async () => {
    for (let round = 0; round < 3; round += 1) {
      const { head, merged } = (await octokit.rest.pulls.get({ ...repoRef, pull_number: pull.number })).data;
      if (merged) return;
      await ciGreen(head.sha);
      if (mergeQueue) {
        // the queue's merge group: CI runs again on its commit (the base and the PR), as a queue requires
        const prefix = `heads/gh-readonly-queue/main/pr-${pull.number}-`;
        const [group] = (await octokit.rest.git.listMatchingRefs({ ...repoRef, ref: prefix })).data;
        if (group) await ciGreen(group.object.sha);
      }
      if ((await octokit.rest.pulls.get({ ...repoRef, pull_number: pull.number })).data.head.sha === head.sha) return;
    }
  });
  // the app's merge; under a merge queue GitHub merges, so the phase is not split there
  const mergeAt = mergeQueue ? -1 : ciAndMerge.calls.findIndex((call) => call.operationId === "pulls/merge");
  const merge = mergeAt < 0 ? ciAndMerge.calls : ciAndMerge.calls.slice(0, mergeAt + 1);
  const afterMerge = mergeAt < 0 ? [] : ciAndMerge.calls.slice(mergeAt + 1);

  const byRoute = routes.take();
  routes.stop();
  const merged = (await octokit.rest.pulls.get({ ...repoRef, pull_number: pull.number })).data.merged;
  const queue = (await sandbox.repo.git.readFile("autopilot/state", "ops/queue.jsonl"))?.content.toString("utf8") ?? "";
  const all = [...dispatch.calls, ...gates.calls, ...review.calls, ...ciAndMerge.calls];
  const total = counted(all).length;
  return {
    merged,
    final_status: getEntry(parseQueue(queue).doc, `T-${issue}`)?.status ?? null,
    phases: {
      dispatch: phaseOf(dispatch.ms, dispatch.calls),
      agent_push_and_gates: phaseOf(gates.ms, gates.calls),
      ready_and_review: phaseOf(review.ms, review.calls),
      ci_and_merge: {
        ...phaseOf(ciAndMerge.ms, merge),
        note: mergeQueue
          ? "every call from CI on the PR head to the task's records: the enqueue, the merge group's checks, the queue's merge and after"
          : "calls up to and including the merge (PUT /pulls/{n}/merge)",
      },
      after_merge: {
        ...phaseOf(null, afterMerge),
        note: "calls after the merge: the done commit, issue, follow-up, records PR, branch (time included in ci_and_merge)",
      },
    },
    total: {
      ms: roundMs(dispatch.ms + gates.ms + review.ms + ciAndMerge.ms),
      app_calls: total,
      requests: all.length,
      not_modified: all.length - total,
      by_operation: countBy(counted(all), operationOf),
      // the largest share: which files the app reads again and again
      content_reads_by_path: countBy(
        all.filter((call) => call.operationId === "repos/get-content"),
        (call) => decodeURIComponent(call.path.replace(/^\/repos\/acme\/widgets\/contents\//, "")),
      ),
    },
    by_route: Object.fromEntries(
      Object.entries(byRoute)
        .sort(([, a], [, b]) => b.calls - a.calls)
        .map(([route, tally]) => [route, tally.calls]),
    ),
    meets_target: merged && total <= targetCalls,
    calls: all,
  };
}

/** A ruleset putting the default branch under a merge queue that requires `ci/test` on each merge group. */
async function requireMergeQueue(octokit: BenchOctokit): Promise<void> {
  await octokit.rest.repos.createRepoRuleset({
    ...repoRef,
    ...mergeQueueRuleset({ name: "main merge queue", checks: [{ context: "ci/test" }] }),
  });
}

export async function runLifecycleBench(
  options: {
    trace?: boolean;
    /**
     * After how long the gates show their runs in progress (the app's default: 2 s). The gates
     * take far less on a quiet machine; a test on a loaded one sets it out of reach, so the count
     * is the lifecycle's and not the machine's (runs shown in progress are two more writes)
     */
    gatesShowRunningAfterMs?: number;
    /**
     * The default branch under a merge queue (a ruleset requiring it and `ci/test`): the app puts each
     * task PR in the queue, CI reports on the merge group too, and the queue merges it
     */
    mergeQueue?: boolean;
  } = {},
): Promise<object> {
  const mergeQueue = options.mergeQueue === true;
  const gitAtStart = gitProcessesStarted();
  const sandbox = await Sandbox.start({ installApp: false });
  const autopilot = await startAutopilotOnSandbox(sandbox, {
    reviewPorts: scriptedReviewers(
      () => ({ output: findings }),
      () => ({ output: accept }),
    ),
    ...(options.gatesShowRunningAfterMs === undefined
      ? {}
      : { gatesShowRunningAfterMs: options.gatesShowRunningAfterMs }),
  });
  sandbox.installApp();
  // CI reports with its own account: a status posted by the account that pushed the change never counts
  sandbox.state.setPermission(sandbox.repo, "acme-ci", "write");
  const user = userClient(sandbox);
  const ci = userClient(sandbox, { login: "acme-ci" });
  const actors = { sandbox, autopilot, people: [user, ci], octokit: user.octokit, ci };
  const shown = ({ calls, ...task }: Awaited<ReturnType<typeof runTask>>) =>
    options.trace === true
      ? { ...task, calls: calls.map((call) => `${call.status} ${call.method} ${call.operationId ?? ""} ${call.path}`) }
      : task;
  try {
    await commitConfig(user.octokit, config, "Configure Autopilot");
    if (mergeQueue) await requireMergeQueue(user.octokit);
    await autopilot.settle();
    // the first task also sets the repository up (state branch, labels, dashboard issue)
    const first = await runTask(actors, "Paginate widget lists", mergeQueue);
    // the second task still finds some of what changed read by the first one's records PR (main's
    // new head): the third is the steady state, where each task pays for what the one before changed
    const second = await runTask(actors, "Filter widget lists", mergeQueue);
    const steady = await runTask(actors, "Sort widget lists", mergeQueue);
    return {
      scope:
        "label → dispatch (branch, draft PR, queue) → agent push → gates → ready → scripted review → CI status → merge → records (queue done, records PR, follow-up issue)",
      steady_task: shown(steady),
      first_task: {
        ...shown(first),
        note: "the repository's first task: also creates the state branch, the label vocabulary and the dashboard issue",
      },
      second_task: {
        merged: second.merged,
        app_calls: second.total.app_calls,
        not_modified: second.total.not_modified,
        note: "the repository's second task: the steady task is the third, which pays for what the second changed",
      },
      ...(mergeQueue
        ? {
            merge_queue:
              "main under a merge queue requiring ci/test: each task PR is enqueued, CI reports on its merge group too, GitHub merges it",
          }
        : { meets_target: steady.meets_target }),
      sandbox_git: {
        git_processes: gitProcessesStarted() - gitAtStart,
        git_processes_before_persistent_reader: gitProcessesBeforePersistentReader,
        note: "processes the sandbox's git store started for these three lifecycles, sandbox start included",
      },
      target: mergeQueue
        ? `none (measured): the target of <= ${targetCalls} is for the lifecycle without a merge queue`
        : `<= ${targetCalls} app calls (REST and GraphQL, counted against the rate limit as GitHub counts) per steady-state task lifecycle`,
    };
  } finally {
    await autopilot.stop();
    await sandbox.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(
    `${JSON.stringify(
      await runLifecycleBench({
        trace: process.argv.includes("--trace"),
        mergeQueue: process.argv.includes("--merge-queue"),
      }),
      null,
      2,
    )}\n`,
  );
}

/**
 * What a dispatched (and gated) task looks like on GitHub, read through the REST API: its queue
 * entry, branch, pull request, agent start, labels, the app's comments and check runs. A fault
 * bench compares each task's shape with a task run without faults, and counts what exists twice.
 */
import type { Sandbox } from "@autopilot/github-sandbox";
import type { BenchOctokit } from "./clients.js";
import { repoRef } from "./task-flow.js";

export interface TaskShape {
  status: string | null;
  /** `ops/queue.jsonl` lines for the task (1 when all is well). */
  queueLines: number;
  prLinked: boolean;
  branches: number;
  pulls: number;
  agentStarts: number;
  issueLabels: string[];
  pullLabels: string[];
  /** The app's comments on the issue and on the PR. */
  issueComments: number;
  pullComments: number;
  /** Latest conclusion of each of the app's check runs on the PR head (null: not completed). */
  checks: Record<string, string | null>;
  /** Check runs of one name beyond the first on the PR head. */
  extraCheckRuns: number;
}

function queueLinesOf(text: string, taskId: string): { lines: number; status: string | null; pr: number | null } {
  let lines = 0;
  let found: { status: string | null; pr: number | null } = { status: null, pr: null };
  for (const line of text.split("\n")) {
    if (!line.trim().startsWith("{")) continue;
    const entry = JSON.parse(line) as { id?: string; status?: string; pr?: number | null };
    if (entry.id !== taskId) continue;
    lines += 1;
    found = { status: entry.status ?? null, pr: entry.pr ?? null };
  }
  return { lines, ...found };
}

export async function taskShape(
  sandbox: Sandbox,
  octokit: BenchOctokit,
  issue: number,
  pushed: boolean,
): Promise<TaskShape> {
  const taskId = `T-${issue}`;
  // the app keeps its queue on its state branch (the default `state_branch`)
  const queueText =
    (await sandbox.repo.git.readFile("autopilot/state", "ops/queue.jsonl"))?.content.toString("utf8") ?? "";
  const queue = queueLinesOf(queueText, taskId);
  const pulls = (await octokit.paginate(octokit.rest.pulls.list, { ...repoRef, state: "all", per_page: 100 })).filter(
    (pull) => pull.title.startsWith(`[${taskId}]`),
  );
  const branches = (await octokit.rest.git.listMatchingRefs({ ...repoRef, ref: `heads/autopilot/${taskId}-` })).data
    .length;
  const issueData = (await octokit.rest.issues.get({ ...repoRef, issue_number: issue })).data;
  const botComments = async (number: number) =>
    (
      await octokit.paginate(octokit.rest.issues.listComments, { ...repoRef, issue_number: number, per_page: 100 })
    ).filter((comment) => comment.user?.type === "Bot").length;
  const pull = pulls[0];
  const checks: Record<string, string | null> = {};
  let extraCheckRuns = 0;
  if (pull && pushed) {
    const runs = (await octokit.rest.checks.listForRef({ ...repoRef, ref: pull.head.sha, per_page: 100 })).data
      .check_runs;
    for (const run of runs.sort((a, b) => a.id - b.id)) {
      if (run.name in checks) extraCheckRuns += 1;
      checks[run.name] = run.conclusion;
    }
  }
  const labelNames = (labels: readonly (string | { name?: string })[]) =>
    labels.map((label) => (typeof label === "string" ? label : (label.name ?? ""))).sort();
  return {
    status: queue.status,
    queueLines: queue.lines,
    prLinked: pull !== undefined && queue.pr === pull.number,
    branches,
    pulls: pulls.length,
    agentStarts: sandbox.repo.workflowDispatches.filter((dispatch) => dispatch.inputs.task === taskId).length,
    issueLabels: labelNames(issueData.labels),
    pullLabels: pull ? labelNames(pull.labels) : [],
    issueComments: await botComments(issue),
    pullComments: pull ? await botComments(pull.number) : 0,
    checks: Object.fromEntries(Object.entries(checks).sort(([a], [b]) => a.localeCompare(b))),
    extraCheckRuns,
  };
}

/** Copies beyond the first of what must exist once: queue entries, branches, PRs, agent starts, the app's comments. */
export function duplicatesIn(shape: TaskShape, expected: TaskShape): number {
  const beyond = (count: number, allowed: number) => Math.max(0, count - allowed);
  return (
    beyond(shape.queueLines, 1) +
    beyond(shape.branches, 1) +
    beyond(shape.pulls, 1) +
    beyond(shape.agentStarts, 1) +
    beyond(shape.issueComments, expected.issueComments) +
    beyond(shape.pullComments, expected.pullComments)
  );
}

/** The fields in which a task differs from the expected shape (check-run copies are counted apart). */
export function differences(shape: TaskShape, expected: TaskShape): string[] {
  const { extraCheckRuns: _a, ...actual } = shape;
  const { extraCheckRuns: _b, ...wanted } = expected;
  return Object.keys(wanted).filter(
    (key) => JSON.stringify(actual[key as keyof typeof actual]) !== JSON.stringify(wanted[key as keyof typeof wanted]),
  );
}

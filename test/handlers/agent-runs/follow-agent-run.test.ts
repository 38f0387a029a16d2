import { describe, expect, it } from "vitest";
import { defaultConfig, type Config } from "../../../src/config/index.js";
import type { AgentRunView } from "../../../src/core/agent-runs/index.js";
import { getEntry, parseQueue } from "../../../src/core/queue/index.js";
import type { GitHubPort, Issue, Pull } from "../../../src/github/index.js";
import { followConfiguredRun as followAgentRun } from "../../../src/handlers/agent-runs/follow-agent-run.js";
import { recordDispatchedRun } from "../../../src/handlers/agent-runs/record-agent-run.js";
import { sweepAgentRuns } from "../../../src/handlers/agent-runs/sweep-agent-runs.js";
import { entryFor, fileOf } from "../../core/queue/queue-fixtures.js";
import { contextOn, fakeGitHubPort } from "../../helpers/fake-github-port.js";
import { testServices } from "../../helpers/test-services.js";

const failedAt = new Date("2026-12-05T12:00:00Z");
const minutes = (count: number) => new Date(failedAt.getTime() + count * 60_000);
const url = "https://github.com/acme/widgets/actions/runs/9";

const config = (): Config => ({
  ...defaultConfig(),
  dispatch: {
    target: "workflow_dispatch",
    workflow: "agent.yml",
    retries: { attempts: 2, backoff: "10m" },
    stale_after: "6h",
  },
});

/** T-4 in progress whose recorded run 9 GitHub shows as `run` says; re-runs counted. */
function repository(run: AgentRunView) {
  const entry = entryFor(4, ["queued", "in_progress"], {
    agent_run: { id: 9, url, attempt: 1, conclusion: null },
  } as never);
  const reruns: number[] = [];
  const recent = { updated_at: failedAt.toISOString() };
  const stubs: Partial<GitHubPort> = {
    getWorkflowRun: async () => run,
    failedJobLog: async () => ({ job: "agent", log: "Error: npm test failed\n" }),
    rerunWorkflowRun: async (id) => void reruns.push(id),
    getIssue: async () => recent as Issue,
    getPull: async () => recent as Pull,
    branchCommitDate: async () => failedAt.toISOString(),
  };
  const github = fakeGitHubPort(
    { branches: { "autopilot/state": { "ops/queue.jsonl": fileOf(JSON.stringify(entry)) } } },
    stubs,
  );
  const recorded = () =>
    (
      getEntry(
        parseQueue(github.state.branches.get("autopilot/state")!.get("ops/queue.jsonl")!).doc,
        "T-4",
      ) as never as {
        agent_run: { attempt: number; retry_at?: string };
      }
    ).agent_run;
  return { github, reruns, recorded };
}

const failedRun = (attempt = 1): AgentRunView => ({
  id: 9,
  path: ".github/workflows/agent.yml",
  event: "workflow_dispatch",
  actor: "autopilot[bot]",
  status: "completed",
  conclusion: "failure",
  attempt,
  url,
  created_at: failedAt.toISOString(),
});

describe("following the agent's run with a backoff", () => {
  it("records the re-run with its due time and leaves it to the sweep once the backoff has passed, once", async () => {
    const run = failedRun();
    const { github, reruns, recorded } = repository(run);
    const at = (now: Date) => contextOn(github, config(), testServices({ now: () => now }));

    await followAgentRun(at(failedAt), 9);
    expect(reruns).toEqual([]);
    expect(recorded()).toMatchObject({ attempt: 2, retry_at: "2026-12-05T12:10:00.000Z" });
    const report = github.state.comments.find((comment) => comment.key === "agent-run-failed-9-1");
    expect(report?.body).toContain("re-runs it at 2026-12-05 12:10");
    expect(report?.body).toContain("Error: npm test failed");

    // a redelivery changes nothing; the sweep before the due time re-runs nothing
    await followAgentRun(at(minutes(1)), 9);
    await sweepAgentRuns(at(minutes(5)), "autopilot[bot]", minutes(5));
    expect(reruns).toEqual([]);
    expect(github.state.comments.filter((comment) => comment.key.startsWith("agent-run-failed"))).toHaveLength(1);

    await sweepAgentRuns(at(minutes(11)), "autopilot[bot]", minutes(11));
    expect(reruns).toEqual([9]);
    // GitHub now shows attempt 2 queued: the next sweep does not re-run it again
    Object.assign(run, { attempt: 2, status: "queued", conclusion: null });
    await sweepAgentRuns(at(minutes(12)), "autopilot[bot]", minutes(12));
    expect(reruns).toEqual([9]);
  });

  it("ignores a completed run that is not the recorded one's workflow or not the app's dispatch", async () => {
    for (const foreign of [
      { ...failedRun(), path: ".github/workflows/evil.yml" },
      { ...failedRun(), actor: "mallory" },
      { ...failedRun(), event: "pull_request" },
    ]) {
      const { github, reruns, recorded } = repository(foreign);
      await followAgentRun(contextOn(github, config(), testServices({ now: () => failedAt })), 9);
      expect(reruns).toEqual([]);
      expect(recorded()).toMatchObject({ attempt: 1 });
      expect(github.state.comments).toEqual([]);
    }
  });
});

describe("paused", () => {
  it("records the re-run but makes none while Autopilot is paused; the sweep after /resume does", async () => {
    const { github, reruns, recorded } = repository(failedRun());
    const paused = { ...config(), paused: true } as Config;
    const immediate = { ...paused, dispatch: { ...(paused.dispatch as object), retries: { attempts: 1 } } } as Config;
    await followAgentRun(contextOn(github, immediate, testServices({ now: () => failedAt })), 9);
    expect(recorded()).toMatchObject({ attempt: 2, retry_at: failedAt.toISOString() });
    await sweepAgentRuns(contextOn(github, immediate), "autopilot[bot]", minutes(1));
    expect(reruns).toEqual([]);
    const resumed = { ...immediate, paused: false } as Config;
    await sweepAgentRuns(contextOn(github, resumed), "autopilot[bot]", minutes(2));
    expect(reruns).toEqual([9]);
  });
});

describe("recording the dispatched run", () => {
  it("finds the run on a GitHub that answers the dispatch with 204: the newest the app dispatched since, unclaimed", async () => {
    const entry = entryFor(5, ["queued", "in_progress"]);
    const claimed = entryFor(6, ["queued", "in_progress"], {
      agent_run: { id: 31, url, attempt: 1, conclusion: null },
    } as never);
    const run = (id: number, created: Date): AgentRunView => ({
      ...failedRun(),
      id,
      status: "queued",
      conclusion: null,
      url: `${url}${id}`,
      created_at: created.toISOString(),
    });
    const listed: string[] = [];
    const github = fakeGitHubPort(
      {
        branches: { "autopilot/state": { "ops/queue.jsonl": fileOf(JSON.stringify(entry), JSON.stringify(claimed)) } },
      },
      {
        listDispatchedRuns: async (workflow, actor) => {
          listed.push(`${workflow} by ${actor}`);
          // newest first, as GitHub lists them: one claimed by T-6, one from before this start
          return [run(31, minutes(1)), run(30, minutes(0)), run(12, minutes(-30))];
        },
      },
    );
    await recordDispatchedRun(
      contextOn(github, config()),
      { taskId: "T-5", pr: 105, startedAt: failedAt.toISOString() },
      undefined,
    );
    expect(listed).toEqual(["agent.yml by autopilot[bot]"]);
    const queue = parseQueue(github.state.branches.get("autopilot/state")!.get("ops/queue.jsonl")!).doc;
    expect((getEntry(queue, "T-5") as never as { agent_run: unknown }).agent_run).toMatchObject({ id: 30, attempt: 1 });
    expect(github.state.comments.find((comment) => comment.key === "agent-run")?.body).toContain(`${url}30`);
  });

  it("lets the sweep record a run the start could not record (a 5xx after the dispatch), and link it once", async () => {
    // dispatched at failedAt, but the job failed before the run was recorded: no agent_run, no link on the PR
    const entry = entryFor(7, ["queued", "in_progress"], { dispatched_at: failedAt.toISOString() } as never);
    const refused = entryFor(8, ["queued", "in_progress"], {
      dispatched_at: failedAt.toISOString(),
      start_refused: { status: 404, at: failedAt.toISOString(), fix: "add the workflow" },
    } as never);
    const started = { ...failedRun(), id: 44, status: "in_progress", conclusion: null, url: `${url}44` };
    const github = fakeGitHubPort(
      {
        branches: { "autopilot/state": { "ops/queue.jsonl": fileOf(JSON.stringify(entry), JSON.stringify(refused)) } },
      },
      {
        listDispatchedRuns: async () => [{ ...started, created_at: minutes(0).toISOString() }],
        getIssue: async () => ({ updated_at: failedAt.toISOString() }) as Issue,
        getPull: async () => ({ updated_at: failedAt.toISOString() }) as Pull,
        branchCommitDate: async () => failedAt.toISOString(),
      },
    );
    const ctx = contextOn(github, config(), testServices({ now: () => minutes(10) }));
    await sweepAgentRuns(ctx, "autopilot[bot]", minutes(10));
    const queue = () => parseQueue(github.state.branches.get("autopilot/state")!.get("ops/queue.jsonl")!).doc;
    expect((getEntry(queue(), "T-7") as never as { agent_run: unknown }).agent_run).toMatchObject({ id: 44 });
    // a start GitHub refused has no run to look for
    expect((getEntry(queue(), "T-8") as never as { agent_run?: unknown }).agent_run).toBeUndefined();
    const links = () => github.state.comments.filter((comment) => comment.key === "agent-run");
    expect(links().map((comment) => comment.issueNumber)).toEqual([107]);

    // the link lost on its own (the record landed, the comment did not): the next sweep posts it, once
    github.state.comments.splice(0, github.state.comments.length);
    await sweepAgentRuns(ctx, "autopilot[bot]", minutes(11));
    await sweepAgentRuns(ctx, "autopilot[bot]", minutes(12));
    expect(links()).toHaveLength(1);
    expect(links()[0]?.body).toContain(`${url}44`);
  });
});

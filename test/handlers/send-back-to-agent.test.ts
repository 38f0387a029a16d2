import { describe, expect, it } from "vitest";
import { defaultConfig, type Config } from "../../src/config/index.js";
import { getEntry, parseQueue, type QueueStatus } from "../../src/core/queue/index.js";
import type { CompleteReview } from "../../src/core/review/index.js";
import type { Pull } from "../../src/github/index.js";
import { rejectionKey, sendBackToAgent } from "../../src/handlers/merge/send-back-to-agent.js";
import { entryFor, fileOf } from "../core/queue/queue-fixtures.js";
import { contextOn, fakeGitHubPort } from "../helpers/fake-github-port.js";

const head = "c".repeat(40);
const branch = "autopilot/T-4-widgets";

const rejected: CompleteReview = {
  status: "complete",
  decision: "reject",
  decidedBy: "manager",
  criteria: [],
  recommended_status: "in_progress",
  summary: "The pagination ignores the page size.",
  reasons: ["GET /widgets returns every widget whatever `per_page` says"],
  next_actions: ["honour per_page and add a test for it"],
  unresolvedRiskIds: [],
  mayMerge: false,
  coverage: "full",
  gatesGreen: true,
};

const pull = (overrides: Partial<Pull> = {}): Pull => ({
  number: 7,
  node_id: "PR_7",
  title: "[T-4] Paginate widgets",
  body: "Closes #4",
  state: "open",
  draft: false,
  merged: false,
  mergeable: true,
  mergeable_state: "clean",
  merge_commit_sha: null,
  updated_at: "2025-05-01T10:00:00Z",
  user: { login: "agent[bot]", type: "Bot" },
  head: { ref: branch, sha: head },
  base: { ref: "main", sha: "a".repeat(40), repo: { html_url: "https://github.com/acme/widgets" } },
  ...overrides,
});

const agentWorkflow = (): Config => ({
  ...defaultConfig(),
  dispatch: {
    target: "workflow_dispatch",
    workflow: "agent.yml",
    inputs: { task: "{{task_id}}", branch: "{{branch}}" },
    retries: { attempts: 1 },
    stale_after: "6h",
  },
});

/** A repository whose queue has T-4 (issue 4, PR 7) at `status`, and PR 7 as given. */
function repositoryWith(status: QueueStatus[], pr: Pull) {
  const queue = fileOf(JSON.stringify(entryFor(4, status, { pr: 7, branch })));
  return fakeGitHubPort({
    branches: { "autopilot/state": { "ops/queue.jsonl": queue } },
    pulls: [pr],
    labels: { 4: ["autopilot:review"], 7: ["autopilot:review"] },
  });
}

const statusOf = (github: ReturnType<typeof repositoryWith>) =>
  getEntry(parseQueue(github.state.branches.get("autopilot/state")!.get("ops/queue.jsonl")!).doc, "T-4")?.status;

/** A rejected review sends the task back to its agent: draft, in progress, a notice, a new start, once per head. */
describe("sendBackToAgent", () => {
  it("puts the PR back to draft, moves the task to in progress and starts the agent's workflow with a notice of what to fix", async () => {
    const github = repositoryWith(["queued", "in_progress", "review"], pull());

    const sent = await sendBackToAgent(
      contextOn(github, agentWorkflow()),
      { number: 7, headSha: head },
      rejected,
      undefined,
    );

    expect(sent).toEqual({ sent: true, redispatch: "workflow agent.yml dispatched again" });
    expect((await github.getPull(7)).draft).toBe(true);
    expect(statusOf(github)).toBe("in_progress");
    expect([...github.state.labels.get(4)!]).toContain("autopilot:in-progress");
    expect([...github.state.labels.get(7)!]).not.toContain("autopilot:review");
    const notice = github.state.comments.find((comment) => comment.key === rejectionKey(head));
    expect(notice?.issueNumber).toBe(7);
    expect(notice?.body).toContain("The pagination ignores the page size.");
    expect(github.state.workflowsDispatched).toEqual([
      { workflow: "agent.yml", ref: "main", inputs: { task: "T-4", branch } },
    ]);
  });

  it("sends nothing twice for the same head (a redelivered review)", async () => {
    const github = repositoryWith(["queued", "in_progress", "review"], pull());
    const ctx = contextOn(github, agentWorkflow());

    await sendBackToAgent(ctx, { number: 7, headSha: head }, rejected, undefined);
    const again = await sendBackToAgent(ctx, { number: 7, headSha: head }, rejected, undefined);

    expect(again).toEqual({ sent: false, reason: `the agent was already sent back for ${head.slice(0, 7)}` });
    expect(github.state.workflowsDispatched).toHaveLength(1);
    expect(github.state.comments.filter((comment) => comment.key === rejectionKey(head))).toHaveLength(1);
  });

  it("mentions the agent in the notice when it is dispatched by mention, and starts no workflow", async () => {
    const github = repositoryWith(["queued", "in_progress", "review"], pull());
    const config: Config = { ...defaultConfig(), dispatch: { target: "mention", handle: "@coder" } };

    const sent = await sendBackToAgent(contextOn(github, config), { number: 7, headSha: head }, rejected, undefined);

    expect(sent).toEqual({ sent: true, redispatch: "@coder mentioned" });
    expect(github.state.comments.find((comment) => comment.key === rejectionKey(head))?.body).toContain("@coder");
    expect(github.state.workflowsDispatched).toEqual([]);
  });

  it("leaves a closed PR and its task alone", async () => {
    const github = repositoryWith(["queued", "in_progress", "review"], pull({ state: "closed" }));

    const sent = await sendBackToAgent(
      contextOn(github, agentWorkflow()),
      { number: 7, headSha: head },
      rejected,
      undefined,
    );

    expect(sent).toEqual({ sent: false, reason: "the pull request is closed" });
    expect(statusOf(github)).toBe("review");
    expect(github.state.comments).toEqual([]);
    expect(github.callsTo("convertToDraft")).toEqual([]);
  });

  it("does not send back a task that is already done", async () => {
    const github = repositoryWith(["queued", "in_progress", "review", "done"], pull());

    const sent = await sendBackToAgent(
      contextOn(github, agentWorkflow()),
      { number: 7, headSha: head },
      rejected,
      undefined,
    );

    expect(sent).toEqual({ sent: false, reason: "task is done" });
    expect(github.calls.map((call) => call.op)).toEqual(["readFile"]);
  });
});

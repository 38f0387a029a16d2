import { describe, expect, it } from "vitest";
import { defaultConfig, type Config } from "../../src/config/index.js";
import { gateNames, reviewCheckName } from "../../src/core/check-names.js";
import { decideMerge } from "../../src/core/merge/index.js";
import type { QueueEntry } from "../../src/core/queue/index.js";
import type {
  CheckRun,
  CommitStatus,
  GithubDiffEntry,
  IssueEvent,
  PullCommit,
  PullReview,
} from "../../src/github/index.js";
import { gatherMergeInput, type MergePullFacts } from "../../src/handlers/merge/gather-merge-input.js";
import { readPull } from "../../src/handlers/merge/read-pull.js";
import { evaluateMerge } from "../../src/handlers/merge/evaluate-merge.js";
import { contextOn, fakeGitHubPort } from "../helpers/fake-github-port.js";

const head = "c".repeat(40);
const bot = "autopilot[bot]";

const green = (name: string, id: number): CheckRun => ({
  id,
  name,
  status: "completed",
  conclusion: "success",
  head_sha: head,
  check_suite: { id: 1 },
  app: { id: 1, slug: "autopilot" },
  output: { title: null, summary: null },
});
const ownRuns = [...gateNames, reviewCheckName].map((name, index) => green(name, index + 1));

const entry = (risk: QueueEntry["risk"], mode: QueueEntry["mode"] = "full"): QueueEntry =>
  ({ id: "T-5", issue: 5, risk, mode, status: "review", pr: 7, history: [] }) as unknown as QueueEntry;

const pullFacts = (overrides: Partial<MergePullFacts> = {}): MergePullFacts => ({
  number: 7,
  draft: false,
  state: "open",
  merged: false,
  headSha: head,
  headRef: "autopilot/T-5-x",
  baseRef: "main",
  mergeable: true,
  mergeableState: "clean",
  behindBase: false,
  author: { login: bot, type: "Bot" },
  ...overrides,
});

function setup(
  options: { statuses?: CommitStatus[]; commits?: PullCommit[]; reviews?: PullReview[]; events?: IssueEvent[] } = {},
) {
  const github = fakeGitHubPort(
    // alice and bob, the owners some cases list, have write access: a listed owner needs it
    { checkRuns: ownRuns, permissions: { alice: "write", bob: "write" } },
    {
      listCommitStatuses: async () => options.statuses ?? [],
      listPullCommits: async () => options.commits ?? [],
      ...(options.reviews === undefined ? {} : { listReviews: async () => options.reviews ?? [] }),
      ...(options.events === undefined ? {} : { listIssueEvents: async () => options.events ?? [] }),
    },
  );
  const config: Config = defaultConfig();
  config.merge.required_checks = ["ci/test"];
  return { github, ctx: contextOn(github, config) };
}

describe("the merge evaluation reads only what its decision rests on", () => {
  it("decides a draft on its check runs alone: no statuses, no reviews, no commits", async () => {
    const { github, ctx } = setup();
    const { input } = await gatherMergeInput(ctx, entry("high"), pullFacts({ draft: true }), bot);
    expect(decideMerge(input)).toEqual({ action: "mark_ready" });
    expect(github.callsTo("listCheckRuns")).toHaveLength(1);
    expect(github.callsTo("listCommitStatuses")).toHaveLength(0);
    expect(github.callsTo("listReviews")).toHaveLength(0);
    expect(github.callsTo("listPullCommits")).toHaveLength(0);
  });

  it("reads reviews where the policy merges on its own only once all else would merge; at once where an approval is asked", async () => {
    const ci = { context: "ci/test", state: "success", creator: { login: "acme-ci" } };
    // CI not reported yet: the decision waits on it, and no review is read
    const pending = setup();
    const waiting = await gatherMergeInput(pending.ctx, entry("low"), pullFacts(), bot);
    expect(decideMerge(waiting.input).action).toBe("wait");
    expect(pending.github.callsTo("listReviews")).toHaveLength(0);

    // everything green: one read of the reviews (an owner's request for changes would hold it), nothing more
    const auto = setup({ statuses: [ci] });
    const low = await gatherMergeInput(auto.ctx, entry("low"), pullFacts(), bot);
    expect(decideMerge(low.input).action).toBe("merge");
    expect(auto.github.callsTo("listReviews")).toHaveLength(1);
    expect(auto.github.callsTo("permissionOf")).toHaveLength(0);

    const asked = setup({ statuses: [ci] });
    const high = await gatherMergeInput(asked.ctx, entry("low", "review_only"), pullFacts(), bot);
    expect(decideMerge(high.input)).toMatchObject({ action: "wait", waitingFor: ["approvals"] });
    expect(asked.github.callsTo("listReviews")).toHaveLength(1);
  });

  it("holds a merge the policy makes on its own while an owner asks for changes, never for the change's own accounts", async () => {
    const ci = { context: "ci/test", state: "success", creator: { login: "acme-ci" } };
    const review = (login: string, state: string): PullReview => ({
      id: 1,
      node_id: "PRR_1",
      user: { login },
      state,
      commit_id: head,
      submitted_at: "2026-01-01T00:00:00Z",
      body: "",
    });
    const objected = setup({
      statuses: [ci],
      reviews: [review("alice", "CHANGES_REQUESTED"), review("agent-dev", "CHANGES_REQUESTED")],
    });
    objected.ctx.config.owners = ["alice", "agent-dev"];
    objected.ctx.config.agent_accounts = ["agent-dev"];
    const { input } = await gatherMergeInput(
      objected.ctx,
      entry("low"),
      pullFacts({ commitAccounts: ["agent-dev"] }),
      bot,
    );
    expect(decideMerge(input)).toMatchObject({
      action: "wait",
      reason: expect.stringContaining("alice requested changes"),
    });
    expect(decideMerge(input)).not.toMatchObject({ reason: expect.stringContaining("agent-dev") });

    // a commit's author is only what its e-mail claims: naming the owner there lifts nothing
    const { input: claimed } = await gatherMergeInput(
      objected.ctx,
      entry("low"),
      pullFacts({ commitAccounts: ["agent-dev", "alice"] }),
      bot,
    );
    expect(decideMerge(claimed)).toMatchObject({
      action: "wait",
      reason: expect.stringContaining("alice requested changes"),
    });
  });

  it("still holds for an owner's request for changes that the agent's account dismissed, not one an owner dismissed", async () => {
    const ci = { context: "ci/test", state: "success", creator: { login: "acme-ci" } };
    const dismissed: PullReview = {
      id: 41,
      node_id: "PRR_41",
      user: { login: "alice" },
      state: "DISMISSED",
      commit_id: head,
      submitted_at: "2026-01-01T00:00:00Z",
      body: "no: this leaks the token",
    };
    const dismissedBy = (login: string): IssueEvent => ({
      id: 9,
      event: "review_dismissed",
      actor: { login },
      created_at: "2026-01-01T01:00:00Z",
      dismissed_review: { state: "changes_requested", review_id: 41, dismissal_message: "fixed" },
    });
    const decide = async (dismisser: string) => {
      const run = setup({ statuses: [ci], reviews: [dismissed], events: [dismissedBy(dismisser)] });
      run.ctx.config.owners = ["alice", "bob"];
      const pull = pullFacts({ commitAccounts: ["agent-dev"] });
      const { input } = await gatherMergeInput(run.ctx, entry("low"), pull, bot);
      return { decision: decideMerge(input), github: run.github };
    };
    const byAgent = await decide("agent-dev");
    expect(byAgent.decision).toMatchObject({
      action: "wait",
      reason: expect.stringContaining("alice requested changes"),
    });
    expect(byAgent.decision).toMatchObject({
      reason: expect.stringContaining("agent-dev's dismissal of alice's review does not count"),
    });
    expect(byAgent.github.callsTo("listIssueEvents")).toHaveLength(1);
    expect((await decide("mallory")).decision).toMatchObject({ action: "wait" });
    expect((await decide("bob")).decision).toMatchObject({ action: "merge" });
    // no dismissed review: the events are not read
    const plain = setup({ statuses: [ci] });
    await gatherMergeInput(plain.ctx, entry("low"), pullFacts(), bot);
    expect(plain.github.callsTo("listIssueEvents")).toHaveLength(0);
  });

  it("takes the commits' accounts from the compare of this head, and still refuses their statuses", async () => {
    // the agent's own account posted the required status: it must not count, whichever read named the account
    const byAgent = { context: "ci/test", state: "success", creator: { login: "agent-dev" } };
    const { github, ctx } = setup({ statuses: [byAgent] });
    const { input } = await gatherMergeInput(ctx, entry("low"), pullFacts({ commitAccounts: ["agent-dev"] }), bot);
    expect(decideMerge(input).action).toBe("wait");
    expect(github.callsTo("listPullCommits")).toHaveLength(0);
  });

  it("lists the PR's commits when the compare did not show them all", async () => {
    const byAgent = { context: "ci/test", state: "success", creator: { login: "agent-dev" } };
    const { github, ctx } = setup({
      statuses: [byAgent],
      commits: [{ author: { login: "agent-dev" }, committer: { login: "web-flow" } }],
    });
    const { input } = await gatherMergeInput(ctx, entry("low"), pullFacts(), bot);
    expect(decideMerge(input).action).toBe("wait");
    expect(github.callsTo("listPullCommits")).toHaveLength(1);
  });
});

describe("readPull's compare with the base", () => {
  const pull = {
    number: 7,
    node_id: "PR_7",
    draft: false,
    state: "open",
    merged: false,
    mergeable: true,
    mergeable_state: "clean",
    merge_commit_sha: null,
    head: { sha: head, ref: "autopilot/T-5-x", repo: { full_name: "acme/widgets", fork: false } },
    base: { ref: "main", repo: { full_name: "acme/widgets", html_url: "https://github.com/acme/widgets" } },
    user: { login: bot, type: "Bot" },
  };
  const commit = (login: string): PullCommit => ({ author: { login }, committer: { login: "web-flow" } });
  const file = (filename: string) =>
    ({ filename, status: "added", additions: 1, deletions: 0, changes: 1, sha: "f".repeat(40) }) as GithubDiffEntry;

  it("names every commit's accounts when the compare listed all of them", async () => {
    const github = fakeGitHubPort(
      {},
      {
        getPull: async () => pull as never,
        compareWithBase: async () => ({
          behindBy: 0,
          totalCommits: 2,
          commits: [commit("a"), commit("b")],
          files: [file("src/a.ts")],
        }),
      },
    );
    const read = await readPull(contextOn(github), 7);
    expect(read.behindBase).toBe(false);
    expect(read.commitAccounts).toEqual(["a", "web-flow", "b", "web-flow"]);
    expect(read.changedFiles?.map((entry) => entry.filename)).toEqual(["src/a.ts"]);
  });

  it("names none when the compare showed only some commits or files (the caller lists them)", async () => {
    const github = fakeGitHubPort(
      {},
      {
        getPull: async () => pull as never,
        compareWithBase: async () => ({
          behindBy: 3,
          totalCommits: 101,
          commits: [commit("a")],
          files: Array.from({ length: 300 }, (_, index) => file(`src/f${index}.ts`)),
        }),
      },
    );
    const read = await readPull(contextOn(github), 7);
    expect(read.behindBase).toBe(true);
    expect(read.commitAccounts).toBeUndefined();
    // 300 files is GitHub's cap on a compare: there may be more
    expect(read.changedFiles).toBeUndefined();
  });
});

describe("a draft's evaluation", () => {
  const queueLine = JSON.stringify({
    id: "T-5",
    issue: 5,
    title: "Task",
    status: "in_progress",
    branch: "autopilot/T-5-x",
    pr: 7,
    scope: ["src/**"],
    forbidden: [],
    risk: "low",
    mode: "full",
    refs: [],
    history: [],
  });
  const draft = {
    number: 7,
    node_id: "PR_7",
    title: "[T-5] Task",
    body: "",
    draft: true,
    state: "open",
    merged: false,
    mergeable: null,
    mergeable_state: "draft",
    merge_commit_sha: null,
    updated_at: "2026-01-01T00:00:00Z",
    head: { sha: head, ref: "autopilot/T-5-x", repo: { full_name: "acme/widgets" } },
    base: {
      ref: "main",
      sha: "b".repeat(40),
      repo: { full_name: "acme/widgets", html_url: "https://github.com/acme/widgets" },
    },
    user: { login: bot, type: "Bot", id: 1 },
    labels: [],
  };
  const evaluate = async (review: boolean) => {
    const github = fakeGitHubPort(
      {
        branches: { main: {}, "autopilot/state": { "ops/queue.jsonl": `${queueLine}\n` } },
        pulls: [draft as never],
        checkRuns: ownRuns,
      },
      { markReadyForReview: async () => undefined },
    );
    const config: Config = defaultConfig();
    config.review.enabled = review;
    const outcome = await evaluateMerge(contextOn(github, config), 7, bot);
    return { github, outcome };
  };

  it("stops before reading any check when the review is disabled: nothing can mark the draft ready", async () => {
    const { github, outcome } = await evaluate(false);
    expect(outcome).toMatchObject({ action: "wait", waitingFor: ["ready_for_review"] });
    expect(github.callsTo("listCheckRuns")).toHaveLength(0);
    expect(github.callsTo("listCommitStatuses")).toHaveLength(0);
  });

  it("reads its check runs when the review may let the app mark it ready, and marks it ready", async () => {
    const { github, outcome } = await evaluate(true);
    expect(outcome).toEqual({ action: "mark_ready" });
    expect(github.callsTo("listCheckRuns")).toHaveLength(1);
    expect(github.callsTo("markReadyForReview")).toEqual([["PR_7"]]);
  });
});

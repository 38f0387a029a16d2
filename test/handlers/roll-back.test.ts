import { describe, expect, it } from "vitest";
import { defaultConfig, type Config } from "../../src/config/index.js";
import { getEntry, parseQueue } from "../../src/core/queue/index.js";
import type { CiFailure } from "../../src/core/rollback/index.js";
import type { Pull } from "../../src/github/index.js";
import { rollBack } from "../../src/handlers/rollback/roll-back.js";
import { entryFor, fileOf } from "../core/queue/queue-fixtures.js";
import { contextOn, fakeGitHubPort } from "../helpers/fake-github-port.js";

const mergeSha = "d".repeat(40);
const bot = "autopilot[bot]";

const config = (): Config => ({
  ...defaultConfig(),
  merge: { ...defaultConfig().merge, required_checks: ["ci/test"] },
});

const mergedPull: Pull = {
  number: 7,
  node_id: "PR_7",
  title: "[T-4] Paginate widgets",
  body: "Closes #4",
  state: "closed",
  draft: false,
  merged: true,
  merged_by: { login: bot },
  mergeable: null,
  mergeable_state: "unknown",
  merge_commit_sha: mergeSha,
  updated_at: "2025-05-01T10:00:00Z",
  user: { login: bot, type: "Bot" },
  head: { ref: "autopilot/T-4-widgets", sha: "c".repeat(40) },
  base: { ref: "main", sha: "a".repeat(40), repo: { html_url: "https://github.com/acme/widgets" } },
};

const failure: CiFailure = {
  name: "ci/test",
  sha: mergeSha,
  outcome: "failure",
  source: { kind: "status", creator: "acme-ci" },
  url: null,
};

/** T-4 done as `mergeSha` (PR 7), and GitHub answering the revert with `revertPull`. */
function repository(revertPull: () => Promise<{ number: number; url: string }>) {
  const done = entryFor(4, ["queued", "in_progress", "review", "done"], {
    pr: 7,
    branch: "autopilot/T-4-widgets",
    merge_sha: mergeSha,
  });
  const comments: Array<{ number: number; body: string }> = [];
  const github = fakeGitHubPort(
    {
      branches: { main: {}, "autopilot/state": { "ops/queue.jsonl": fileOf(JSON.stringify(done)) } },
      pulls: [mergedPull],
      labels: { 4: ["autopilot", "autopilot:done", "risk:low"] },
    },
    {
      loadConfig: async () => ({ ok: true, config: config() }),
      listPullCommits: async () => [],
      comment: async (number, body) => void comments.push({ number, body }),
      revertPull,
    },
  );
  const entry = () =>
    getEntry(parseQueue(github.state.branches.get("autopilot/state")!.get("ops/queue.jsonl")!).doc, "T-4");
  return { github, comments, entry };
}

describe("rollBack", () => {
  it("when GitHub will not revert (a conflict), still blocks the task once and says why on the issue", async () => {
    const conflict = "Sorry, this pull request couldn't be reverted automatically.";
    const { github, comments, entry } = repository(async () => {
      throw new Error(conflict);
    });
    const ctx = contextOn(github, config());
    await rollBack(ctx, failure);
    expect(entry()).toMatchObject({ status: "blocked", rollback: { revert_pr: null, check: "ci/test" } });
    const told = comments.find((comment) => comment.number === 4)?.body;
    expect(told).toContain("its revert could not be opened");
    expect(told).toContain("couldn't be reverted automatically");
    expect(github.state.issueUpdates).toEqual([{ number: 4, update: { state: "open", state_reason: "reopened" } }]);
    expect([...github.state.labels.get(4)!]).toContain("autopilot:blocked");
    // the same failure again, another delivery: nothing is tried twice
    await rollBack(ctx, failure);
    expect(github.callsTo("revertPull")).toHaveLength(1);
    expect(comments.filter((comment) => comment.number === 4)).toHaveLength(1);
  });

  it("reads no pull request for a red check on a commit no task was merged as, nor for a check not required", async () => {
    const { github, entry } = repository(async () => ({ number: 9, url: "https://github.com/acme/widgets/pull/9" }));
    await rollBack(contextOn(github, config()), { ...failure, sha: "e".repeat(40) });
    await rollBack(contextOn(github, config()), { ...failure, name: "ci/lint" });
    expect(github.callsTo("getPull")).toEqual([]);
    expect(github.callsTo("revertPull")).toEqual([]);
    expect(entry()?.status).toBe("done");
  });

  it("records the revert it opened on the task", async () => {
    const { github, entry } = repository(async () => ({ number: 9, url: "https://github.com/acme/widgets/pull/9" }));
    await rollBack(contextOn(github, config()), failure);
    expect(entry()?.rollback).toMatchObject({ revert_pr: 9, merge_sha: mergeSha, reported_by: "acme-ci" });
    expect(github.callsTo("revertPull")).toEqual([
      ["PR_7", expect.objectContaining({ title: "Revert T-4: ci/test failed on ddddddd" })],
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { defaultConfig, type Config } from "../../src/config/index.js";
import type { Pull } from "../../src/github/index.js";
import { runReview } from "../../src/handlers/review/review-jobs.js";
import { entryFor, fileOf } from "../core/queue/queue-fixtures.js";
import { contextOn, fakeGitHubPort } from "../helpers/fake-github-port.js";
import { testServices } from "../helpers/test-services.js";
import { MergeEvaluations } from "../../src/handlers/scheduling/merge-evaluations.js";

const withConfig = (config: Config = defaultConfig()) => ({
  loadConfig: async () => ({ ok: true as const, config }),
});

const noPorts = () => ({ assistantManager: undefined, manager: undefined });

const pull = (number: number, ref: string): Pull =>
  ({
    number,
    state: "open",
    draft: false,
    title: "A change",
    body: "",
    head: { sha: "c".repeat(40), ref, repo: { id: 1, full_name: "acme/widgets" } },
    base: { sha: "b".repeat(40), ref: "main", repo: { id: 1, full_name: "acme/widgets" } },
    labels: [],
  }) as unknown as Pull;

/** The review set off by green gates on a PR, as `startReviewAfterGates` asks for it. */
const afterGates = (number: number, headRef: string) => ({
  explicit: false,
  identity: { number, headRef, fromFork: false },
});

describe("the review after green gates", () => {
  it("reads nothing of a PR that is no task's and that the configuration does not review unasked", async () => {
    const github = fakeGitHubPort({ pulls: [pull(4, "autopilot/records")] }, withConfig());
    await runReview(contextOn(github), 4, afterGates(4, "autopilot/records"), noPorts, "autopilot");
    expect(github.callsTo("getPull")).toEqual([]);
    expect(github.callsTo("findSticky")).toEqual([]);
  });

  it("reads a task's PR and goes on to review it", async () => {
    const branch = "autopilot/T-6-sort";
    const queue = fileOf(JSON.stringify(entryFor(6, ["queued", "in_progress"], { pr: 7, branch })));
    const github = fakeGitHubPort(
      {
        branches: { "autopilot/state": { "ops/queue.jsonl": queue } },
        pulls: [pull(7, branch)],
      },
      withConfig(),
    );
    // the move to review queues the PR's evaluation: recorded here, not run
    const merges = Object.assign(new MergeEvaluations(), { request: () => undefined });
    await runReview(
      contextOn(github, defaultConfig(), testServices({ merges })),
      7,
      afterGates(7, branch),
      noPorts,
      "autopilot",
    );
    expect(github.callsTo("getPull")).toEqual([[7]]);
    expect(github.callsTo("findSticky").length).toBe(1);
  });

  it("moves an in-progress task to review with the PR's own labels, and leaves the evaluation to a job of its own", async () => {
    const branch = "autopilot/T-6-sort";
    const queue = fileOf(JSON.stringify(entryFor(6, ["queued", "in_progress"], { pr: 7, branch })));
    const github = fakeGitHubPort(
      { branches: { "autopilot/state": { "ops/queue.jsonl": queue } }, pulls: [pull(7, branch)] },
      withConfig(),
    );
    const requested: number[] = [];
    const merges = Object.assign(new MergeEvaluations(), {
      request: (_ctx: unknown, pr: number) => void requested.push(pr),
    });
    const services = testServices({ merges });
    await runReview(contextOn(github, defaultConfig(), services), 7, afterGates(7, branch), noPorts, "autopilot");
    const recorded = github.state.branches.get("autopilot/state")?.get("ops/queue.jsonl") ?? "";
    expect(JSON.parse(recorded.trim().split("\n").at(-1)!).status).toBe("review");
    expect(github.state.labels.get(7)).toContain("autopilot:review");
    expect(requested).toEqual([7]);
    // the labels came with the PR: it was read once
    expect(github.callsTo("getPull")).toEqual([[7]]);
  });

  it("still reads a non-task PR when the configuration reviews every PR", async () => {
    const config = defaultConfig();
    const always = { ...config, review: { ...config.review, on_non_task_prs: "always" as const } };
    const github = fakeGitHubPort({ pulls: [pull(4, "feature/x")] }, withConfig(always));
    await runReview(contextOn(github, always), 4, afterGates(4, "feature/x"), noPorts, "autopilot");
    expect(github.callsTo("getPull")).toEqual([[4]]);
  });
});

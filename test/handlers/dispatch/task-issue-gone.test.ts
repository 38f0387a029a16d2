import { describe, expect, it } from "vitest";
import { getEntry, parseQueue } from "../../../src/core/queue/index.js";
import type { GitHubPort, Issue } from "../../../src/github/index.js";
import { stopTaskOfGoneIssue } from "../../../src/handlers/dispatch/task-issue-gone.js";
import { contextOn, fakeGitHubPort, githubError } from "../../helpers/fake-github-port.js";
import { bot, queueLine } from "../merge/merge-queue-fixture.js";

const issue = (over: Partial<Issue> = {}): Issue => ({
  number: 5,
  node_id: "I_5",
  title: "Task",
  state: "open",
  updated_at: "2026-01-01T00:00:00Z",
  html_url: "https://github.com/acme/widgets/issues/5",
  repository_url: "https://api.github.com/repos/acme/widgets",
  user: null,
  labels: [],
  ...over,
});

/** A task in review on PR #7 whose issue #5 GitHub answers for with `getIssue`. */
function taskWithIssue(getIssue: GitHubPort["getIssue"]) {
  const github = fakeGitHubPort(
    { branches: { main: {}, "autopilot/state": { "ops/queue.jsonl": `${queueLine()}\n` } } },
    { getIssue },
  );
  const status = () =>
    getEntry(parseQueue(github.state.branches.get("autopilot/state")?.get("ops/queue.jsonl") ?? "").doc, "T-5")?.status;
  return { github, ctx: contextOn(github), status };
}

describe("a task whose issue left the repository", () => {
  it("goes on when GitHub still has the issue here, whatever a delivery said", async () => {
    const { ctx, github, status } = taskWithIssue(async () => issue());
    await stopTaskOfGoneIssue(ctx, 5, "mallory", bot);
    expect(status()).toBe("review");
    expect(github.state.comments).toEqual([]);
  });

  it("stops when GitHub answers for the number from another repository (a transfer's 301, followed)", async () => {
    const moved = issue({
      number: 3,
      html_url: "https://github.com/acme/gadgets/issues/3",
      repository_url: "https://api.github.com/repos/acme/gadgets",
    });
    const { ctx, github, status } = taskWithIssue(async () => moved);
    await stopTaskOfGoneIssue(ctx, 5, "widget-agent", bot);
    expect(status()).toBe("blocked");
    const said = github.state.comments.map((comment) => comment.body).join("\n");
    expect(said).toContain("its issue #5 was transferred to https://github.com/acme/gadgets/issues/3");
    // the issue is not labelled: it is not here any more
    expect(
      github
        .callsTo("mirrorStateLabels")
        .flatMap(([mirror]) => (mirror as { targets: { number: number }[] }).targets.map((target) => target.number)),
    ).toEqual([7]);
  });

  it("stops on GitHub's 410 (deleted) and its 404 (moved where the app cannot read)", async () => {
    for (const [status, words] of [
      [410, "was deleted"],
      [404, "is gone from it"],
    ] as const) {
      const repo = taskWithIssue(async () => {
        throw githubError(status, status === 410 ? "This issue was deleted" : "Not Found");
      });
      await stopTaskOfGoneIssue(repo.ctx, 5, "octocat", bot);
      expect(repo.status()).toBe("blocked");
      expect(repo.github.state.comments.map((comment) => comment.body).join("\n")).toContain(`#5 ${words}`);
    }
  });

  it("rethrows any other answer, so the job is retried rather than the task stopped", async () => {
    const { ctx, status } = taskWithIssue(async () => {
      throw githubError(502, "Server Error");
    });
    await expect(stopTaskOfGoneIssue(ctx, 5, "octocat", bot)).rejects.toThrow();
    expect(status()).toBe("review");
  });
});

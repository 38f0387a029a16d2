import { afterEach, describe, expect, it } from "vitest";
import type { OutboundRequest } from "../../src/llm/index.js";
import { pushCommit, scriptedReviewers, setRepoConfig, startAppHarness, type AppHarness } from "../e2e/app-harness.js";
import { accept, findings } from "../e2e/task-lifecycle.js";
import { personWith } from "./security-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/**
 * `review.max_reviews_per_task` capped a task's pull request alone. Any other PR the app reviews
 * (every ready PR under `on_non_task_prs: always`, an outsider's fork PR among them; or a scratch
 * PR a writer asks `/review` of after each push while `owners: []` lets any writer command) had
 * two paid models per head, without end. The cap now counts the app's review runs on any PR.
 */
describe("attack: paid reviews of a pull request that is not a task", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const start = async (config: string[]) => {
    const sent: OutboundRequest[] = [];
    h = await startAppHarness({
      reviewPorts: scriptedReviewers(
        (request) => (sent.push(request), { output: findings }),
        (request) => (sent.push(request), { output: accept }),
      ),
    });
    await setRepoConfig(h, [...config, "dispatch:", "  target: none", ""].join("\n"));
    const writer = await personWith(h, "widget-dev", "write");
    const main = (await writer.rest.repos.getBranch({ ...repo, branch: "main" })).data.commit.sha;
    await writer.rest.git.createRef({ ...repo, ref: "refs/heads/tweak", sha: main });
    await pushCommit(writer, "tweak", "Tweak the docs", { "docs/tweak.md": "A tweak.\n" });
    const { data: pull } = await writer.rest.pulls.create({ ...repo, head: "tweak", base: "main", title: "Tweak" });
    await h.settle();
    return { h, sent, writer, pull };
  };
  const reviewRun = async (h: AppHarness, sha: string) =>
    (await h.user.rest.checks.listForRef({ ...repo, ref: sha, check_name: "autopilot/review" })).data.check_runs[0];

  it("reviews at most max_reviews_per_task heads of a PR under on_non_task_prs: always", async () => {
    const { h, sent, writer } = await start([
      "owners: [octocat]",
      "review:",
      "  on_non_task_prs: always",
      "  max_reviews_per_task: 2",
    ]);
    let head = "";
    for (const round of [1, 2, 3, 4]) {
      head = await pushCommit(writer, "tweak", `Tweak ${round}`, { "docs/tweak.md": `A tweak, take ${round}.\n` });
      await h.settle();
    }
    // two reviews of two calls each (red team, manager), then none
    expect(sent).toHaveLength(4);
    const run = await reviewRun(h, head);
    expect(run).toMatchObject({ conclusion: "neutral" });
    expect(run?.output.title).toBe("No review: this pull request has had its 2 reviews");
  });

  it("refuses a writer's /review of their own PR past the cap while any writer may command", async () => {
    const { h, sent, writer, pull } = await start(["review:", "  max_reviews_per_task: 2"]);
    for (const round of [1, 2, 3]) {
      await pushCommit(writer, "tweak", `Tweak ${round}`, { "docs/tweak.md": `A tweak, take ${round}.\n` });
      await h.settle();
      await writer.rest.issues.createComment({ ...repo, issue_number: pull.number, body: "/review" });
      await h.settle();
    }
    expect(sent).toHaveLength(4);
  });
});

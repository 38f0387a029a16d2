import { afterEach, describe, expect, it } from "vitest";
import type { OutboundRequest } from "../../src/llm/index.js";
import {
  markReady,
  pushCommit,
  scriptedReviewers,
  setRepoConfig,
  startAppHarness,
  startTask,
  type AppHarness,
} from "../e2e/app-harness.js";
import { accept, findings, lifecycleConfig } from "../e2e/task-lifecycle.js";
import { personWith } from "./security-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/**
 * Every new head of a ready task PR is reviewed by two paid models. A coding agent in a loop (or
 * steered to push over and over) would spend without end: `review.max_reviews_per_task` caps the
 * model reviews of one task, counted from the app's own review runs on the PR's commits (nobody
 * else writes them, and deleting the review comment resets nothing). Past it only an owner's
 * `/review` sends a head to the models.
 */
describe("attack: an agent pushing again and again to a ready task PR", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("gets review.max_reviews_per_task model reviews, then none until an owner's /review", async () => {
    const sent: OutboundRequest[] = [];
    h = await startAppHarness({
      reviewPorts: scriptedReviewers(
        (request) => (sent.push(request), { output: findings }),
        (request) => (sent.push(request), { output: accept }),
      ),
    });
    // the agent's account listed as an owner too (a team's shortcut): it may command, yet not lift the cap
    const config = lifecycleConfig.replace("owners: [octocat]", "owners: [octocat, widget-agent]");
    await setRepoConfig(h, `${config}review:\n  max_reviews_per_task: 2\n`);
    const agent = await personWith(h, "widget-agent", "write");
    const { issue, pull, branch } = await startTask(h, "Paginate widget lists", "src/widgets/**", "low");
    const push = (n: number) =>
      pushCommit(agent, branch, `Page ${n}\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
        "src/widgets/list.ts": `export const pageSize = ${n};\n`,
      });
    await push(1);
    await markReady(h, pull.node_id);
    await push(2);
    await h.settle();
    expect(sent).toHaveLength(4); // two reviews, two models each
    // the agent deletes the app's review comment, hoping to reset the count
    const comments = (await h.user.rest.issues.listComments({ ...repo, issue_number: pull.number })).data;
    for (const comment of comments.filter((item) => item.body?.includes("autopilot:review-json")))
      await h.user.rest.issues.deleteComment({ ...repo, comment_id: comment.id });
    const third = await push(3);
    await h.settle();
    expect(sent).toHaveLength(4);
    const runs = (await h.user.rest.checks.listForRef({ ...repo, ref: third, check_name: "autopilot/review" })).data
      .check_runs;
    expect(runs.map((run) => [run.conclusion, run.output.title])).toEqual([
      ["neutral", "No review: this task has had its 2 reviews"],
    ]);

    // the agent's own /review does not lift it: it wrote the change; an owner who did not does
    await agent.rest.issues.createComment({ ...repo, issue_number: pull.number, body: "/review" });
    await h.settle();
    expect(sent).toHaveLength(4);
    await h.user.rest.issues.createComment({ ...repo, issue_number: pull.number, body: "/review" });
    await h.settle();
    expect(sent).toHaveLength(6);
  });
});

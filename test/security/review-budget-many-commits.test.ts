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
  type TestOctokit,
} from "../e2e/app-harness.js";
import { accept, findings, lifecycleConfig } from "../e2e/task-lifecycle.js";
import { personWith } from "./security-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/**
 * `count` commits on `branch` in one push, as `git push` sends a long history: each a commit of
 * the same new tree on the one before (the first changes `files`, the others change nothing), and
 * the ref moved once, so only the last is a new head the app sees.
 */
async function pushMany(
  octokit: TestOctokit,
  branch: string,
  count: number,
  message: (n: number) => string,
  files: Record<string, string>,
): Promise<string> {
  const head = (await octokit.rest.repos.getBranch({ ...repo, branch })).data.commit;
  const tree = await octokit.rest.git.createTree({
    ...repo,
    base_tree: head.commit.tree.sha,
    tree: Object.entries(files).map(([path, content]) => ({
      path,
      mode: "100644" as const,
      type: "blob" as const,
      content,
    })),
  });
  let sha = head.sha;
  for (let n = 1; n <= count; n++)
    sha = (await octokit.rest.git.createCommit({ ...repo, message: message(n), tree: tree.data.sha, parents: [sha] }))
      .data.sha;
  await octokit.rest.git.updateRef({ ...repo, ref: `heads/${branch}`, sha });
  return sha;
}

/**
 * The cap on a task's model reviews counts the app's review runs on the PR's commits. GitHub's
 * GraphQL gives at most 100 commits a page: an agent that pushes more than 100 commits at once
 * would push its reviewed heads out of the newest 100, and with them the reviews it has had.
 */
/** The review runs on `head`, by conclusion and title. */
const reviewRunsOn = async (h: AppHarness, head: string) =>
  (await h.user.rest.checks.listForRef({ ...repo, ref: head, check_name: "autopilot/review" })).data.check_runs.map(
    (run) => [run.conclusion, run.output.title],
  );

describe("attack: an agent pushing over 100 commits to forget its reviews", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  /**
   * A task under `review.max_reviews_per_task: 2` whose agent had two heads reviewed (four model
   * calls, in `sent`); `start` is the task branch's head before the agent's first push.
   */
  async function reviewedTwice() {
    const sent: OutboundRequest[] = [];
    const harness = await startAppHarness({
      reviewPorts: scriptedReviewers(
        (request) => (sent.push(request), { output: findings }),
        (request) => (sent.push(request), { output: accept }),
      ),
    });
    h = harness;
    await setRepoConfig(harness, `${lifecycleConfig}review:\n  max_reviews_per_task: 2\n`);
    const agent = await personWith(harness, "widget-agent", "write");
    const { issue, pull, branch } = await startTask(harness, "Paginate widget lists", "src/widgets/**", "low");
    const trailers = `\n\nTask: T-${issue}\nRefs: NT-0012\n`;
    const push = (n: number) =>
      pushCommit(agent, branch, `Page ${n}${trailers}`, { "src/widgets/list.ts": `export const pageSize = ${n};\n` });
    const start = (await agent.rest.repos.getBranch({ ...repo, branch })).data.commit;
    const reviewed = [await push(1)];
    await markReady(harness, pull.node_id);
    reviewed.push(await push(2));
    await harness.settle();
    expect(sent).toHaveLength(4); // two reviews, two models each
    return { h: harness, sent, agent, pull, branch, trailers, start, reviewed };
  }

  it("still finds its reviews on the older commits: the spent budget holds", async () => {
    const { h, sent, agent, pull, branch, trailers } = await reviewedTwice();

    // 105 commits in one push: the two reviewed heads are no longer among the newest 100
    const head = await pushMany(agent, branch, 105, (n) => `Step ${n}${trailers}`, {
      "src/widgets/list.ts": "export const pageSize = 3;\n",
    });
    await h.settle();
    const commits = await h.user.graphql<{ repository: { pullRequest: { commits: { totalCount: number } } } }>(
      `query ($number: Int!) { repository(owner: "acme", name: "widgets") { pullRequest(number: $number) { commits(first: 1) { totalCount } } } }`,
      { number: pull.number },
    );
    expect(commits.repository.pullRequest.commits.totalCount).toBeGreaterThan(105);
    expect(sent).toHaveLength(4);
    const runs = (await h.user.rest.checks.listForRef({ ...repo, ref: head, check_name: "autopilot/review" })).data
      .check_runs;
    expect(runs.map((run) => [run.conclusion, run.output.title])).toEqual([
      ["neutral", "No review: this task has had its 2 reviews"],
    ]);
  });

  it("a force push that drops every reviewed commit forgets none of its reviews", async () => {
    const { h, sent, agent, pull, branch, trailers, start, reviewed } = await reviewedTwice();

    // the branch rewritten from where the task started: one new commit, neither reviewed head in the PR any more
    const tree = await agent.rest.git.createTree({
      ...repo,
      base_tree: start.commit.tree.sha,
      tree: [{ path: "src/widgets/list.ts", mode: "100644", type: "blob", content: "export const pageSize = 3;\n" }],
    });
    const { data: rewritten } = await agent.rest.git.createCommit({
      ...repo,
      message: `Page 3${trailers}`,
      tree: tree.data.sha,
      parents: [start.sha],
    });
    await agent.rest.git.updateRef({ ...repo, ref: `heads/${branch}`, sha: rewritten.sha, force: true });
    await h.settle();
    const commits = (await h.user.rest.pulls.listCommits({ ...repo, pull_number: pull.number })).data;
    expect(commits.map((commit) => commit.sha)).toContain(rewritten.sha);
    for (const head of reviewed) expect(commits.map((commit) => commit.sha)).not.toContain(head);
    expect(sent).toHaveLength(4);
    expect(await reviewRunsOn(h, rewritten.sha)).toEqual([["neutral", "No review: this task has had its 2 reviews"]]);
  });
});

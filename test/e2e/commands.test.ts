import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getEntry, parseQueue } from "../../src/core/queue/index.js";
import {
  scriptedReviewers,
  setRepoConfig,
  startAppHarness,
  taskSpec,
  type AppHarness,
  type TestOctokit,
} from "./app-harness.js";
import { findings } from "./task-lifecycle.js";

const repo = { owner: "acme", repo: "widgets" };
const accept = {
  decision: "accept",
  recommended_status: "done",
  next_actions: [],
  summary: "Meets the spec.",
  reasons: ["pages by 50"],
};

/**
 * Slash commands as owners and strangers type them in issue and PR threads. Each test gets a fresh
 * sandbox with one task in progress, so no test sees what another one's commands did.
 */
describe("slash commands", () => {
  let h: AppHarness;
  let issue: number;
  let mallory: TestOctokit;
  beforeEach(async () => {
    h = await startAppHarness({
      reviewPorts: scriptedReviewers(
        () => ({ output: findings }),
        () => ({ output: accept }),
      ),
    });
    await setRepoConfig(h, ["merge:", "  required_checks: [ci/test]", "dispatch:", "  target: none", ""].join("\n"));
    issue = (
      await h.user.rest.issues.create({ ...repo, title: "Paginate widget lists", body: taskSpec("src/widgets/**") })
    ).data.number;
    await h.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
    await h.settle();
    mallory = h.as("mallory");
  });
  afterEach(() => h.close());

  const comments = async (number: number) =>
    (await h.user.rest.issues.listComments({ ...repo, issue_number: number })).data.map(
      (comment) => comment.body ?? "",
    );
  const statusOf = async () =>
    getEntry(
      parseQueue(
        (await h.sandbox.repo.git.readFile("autopilot/state", "ops/queue.jsonl"))?.content.toString("utf8") ?? "",
      ).doc,
      `T-${issue}`,
    )?.status;
  /** The delivery of the comment with this body (the newest such). */
  const deliveryOf = (body: string) =>
    h.sandbox.deliveries
      .list({ per_page: 100 })
      .deliveries.find(
        (item) =>
          item.event === "issue_comment" &&
          (h.sandbox.deliveries.get(item.id)?.request.payload as { comment?: { body?: string } }).comment?.body ===
            body,
      )!;
  const say = async (octokit: TestOctokit, number: number, body: string) => {
    const { data } = await octokit.rest.issues.createComment({ ...repo, issue_number: number, body });
    await h.settle();
    return data.id;
  };

  it("/status answers with the task's state, once even when redelivered", async () => {
    await say(h.user, issue, "/status");
    const replies = (await comments(issue)).filter(
      (body) => body.includes(`T-${issue}`) && body.includes("in_progress"),
    );
    expect(replies).toHaveLength(1);
    h.sandbox.deliveries.redeliver(deliveryOf("/status").id);
    await h.settle();
    expect(
      (await comments(issue)).filter((body) => body.includes(`T-${issue}`) && body.includes("in_progress")),
    ).toHaveLength(1);
  });

  it("refuses a stranger politely and changes nothing", async () => {
    await say(mallory, issue, "/block not today");
    expect(await statusOf()).toBe("in_progress");
    expect((await comments(issue)).some((body) => body.includes("@mallory"))).toBe(true);
    await say(mallory, issue, "/answer 1 src/**");
    expect(await statusOf()).toBe("in_progress");
  });

  it("/block and /unblock move the task and its labels; a redelivered /block acts once", async () => {
    await say(h.user, issue, "/block waiting for the API design");
    expect(await statusOf()).toBe("blocked");
    const labels = (await h.user.rest.issues.listLabelsOnIssue({ ...repo, issue_number: issue })).data.map(
      (label) => label.name,
    );
    expect(labels).toContain("autopilot:blocked");
    const commits = (await h.user.rest.repos.listCommits({ ...repo, sha: "main", per_page: 100 })).data.length;
    h.sandbox.deliveries.redeliver(deliveryOf("/block waiting for the API design").id);
    await h.settle();
    expect((await h.user.rest.repos.listCommits({ ...repo, sha: "main", per_page: 100 })).data).toHaveLength(commits);
    await say(h.user, issue, "/unblock");
    expect(await statusOf()).toBe("in_progress");
  });

  it("answers an unknown command with the help and a suggestion", async () => {
    await say(h.user, issue, "/stauts");
    expect(
      (await comments(issue)).some((body) => body.includes("`/stauts` is not a command") && body.includes("/status")),
    ).toBe(true);
  });

  it("/pause stops a merge that would otherwise happen", async () => {
    const pull = (await h.user.rest.pulls.list({ ...repo })).data[0]!;
    const head = (await h.user.rest.repos.getBranch({ ...repo, branch: pull.head.ref })).data.commit;
    const tree = await h.user.rest.git.createTree({
      ...repo,
      base_tree: head.commit.tree.sha,
      tree: [
        { path: "src/widgets/list-widgets.ts", mode: "100644", type: "blob", content: "export const pageSize = 50;\n" },
      ],
    });
    const commit = await h.user.rest.git.createCommit({
      ...repo,
      message: `Page\n\nTask: T-${issue}\nRefs: NT-0012\n`,
      tree: tree.data.sha,
      parents: [head.sha],
    });
    await h.user.rest.git.updateRef({ ...repo, ref: `heads/${pull.head.ref}`, sha: commit.data.sha });
    await h.settle();
    await say(h.user, issue, "/pause");
    expect(
      JSON.parse(
        (await h.sandbox.repo.git.readFile("autopilot/state", "ops/pause.json"))?.content.toString("utf8") ?? "{}",
      ),
    ).toMatchObject({ paused: true, by: "octocat" });
    await h.user.graphql(
      "mutation($id: ID!) { markPullRequestReadyForReview(input: { pullRequestId: $id }) { pullRequest { isDraft } } }",
      { id: pull.node_id },
    );
    await h.settle();
    for (let round = 0; round < 3; round += 1) {
      const sha = (await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data.head.sha;
      await h.ci.rest.repos.createCommitStatus({ ...repo, sha, state: "success", context: "ci/test" });
      await h.settle();
    }
    expect((await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data.merged).toBe(false);

    // /resume judges the open task PRs at once: the pause lived on the state branch, so main did
    // not move, the PR is up to date with CI green on its head, and it merges without another event
    const pausedHead = (await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data.head.sha;
    await say(h.user, issue, "/resume");
    expect((await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data.head.sha).toBe(pausedHead);
    expect((await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data.merged).toBe(true);
  });
});

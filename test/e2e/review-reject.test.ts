import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEntry, parseQueue } from "../../src/core/queue/index.js";
import {
  markReady,
  pushCommit,
  scriptedReviewers,
  setRepoConfig,
  startAppHarness,
  startTask,
  type AppHarness,
} from "./app-harness.js";

const repo = { owner: "acme", repo: "widgets" };
const findings = {
  risks: [
    {
      id: "R1",
      severity: "high",
      description: "Page size is read from the query without a bound.",
      evidence: [{ file: "src/widgets/list.ts", line: 1 }],
    },
  ],
  missing_deliverables: [
    { criterion: "GET /widgets returns 50 widgets per page", why: "No pagination in the handler." },
  ],
  test_gaps: [{ description: "No test for the last page.", file: "test/widgets/list.test.ts" }],
  followups: [],
};
const reject = {
  decision: "reject",
  recommended_status: "in_progress",
  next_actions: ["Bound the page size to 100.", "Add a test for the last page."],
  summary: "The change does not paginate.",
  reasons: ["The handler returns every widget."],
};

/** What the agent sees when the review rejects its work: where it reads, what it must fix, and that it is called back once. */
describe("a rejected review sends the task back to the agent", () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness({
      reviewPorts: scriptedReviewers(
        () => ({ output: findings }),
        () => ({ output: reject }),
      ),
    });
  });
  afterAll(() => h.close());

  const taskStatus = async (issue: number) => {
    const text =
      (await h.sandbox.repo.git.readFile("autopilot/state", "ops/queue.jsonl"))?.content.toString("utf8") ?? "";
    return getEntry(parseQueue(text).doc, `T-${issue}`)?.status;
  };
  const labelsOf = async (number: number) =>
    (await h.user.rest.issues.listLabelsOnIssue({ ...repo, issue_number: number })).data.map((label) => label.name);
  const notices = async (number: number) =>
    (await h.user.rest.issues.listComments({ ...repo, issue_number: number, per_page: 100 })).data.filter((comment) =>
      comment.body?.includes("The review **rejected**"),
    );
  /** The review configuration changes, so the same head is reviewed (and rejected) a second time. */
  const reviewAgainOnSameHead = async (dispatch: string[], cost: number) => {
    await setRepoConfig(h, [...dispatch, "owners: [octocat]", "review:", `  max_cost_usd: ${cost}`, ""].join("\n"));
  };

  it("mentions the agent in a PR comment with the reasons, puts the PR back to draft and the task back in progress, once per head", async () => {
    const mention = ["dispatch:", "  target: mention", '  handle: "@coder"'];
    await setRepoConfig(h, [...mention, "owners: [octocat]", ""].join("\n"));
    const { issue, pull, branch } = await startTask(h, "Paginate widget lists", "src/widgets/**");
    const head = await pushCommit(h.user, branch, `List widgets\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      "src/widgets/list.ts": "export const list = () => [];\n",
    });
    await markReady(h, pull.node_id);

    const current = (await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data;
    expect(current.draft).toBe(true);
    expect(await taskStatus(issue)).toBe("in_progress");
    expect(await labelsOf(pull.number)).toContain("autopilot:in-progress");
    expect(await labelsOf(issue)).toContain("autopilot:in-progress");
    expect(await labelsOf(issue)).not.toContain("autopilot:review");

    const [notice, ...more] = await notices(pull.number);
    expect(more).toEqual([]);
    expect(notice?.body).toMatch(
      new RegExp(`@coder The review \\*\\*rejected\\*\\* T-${issue} at ${head.slice(0, 7)}`),
    );
    for (const text of [
      "The handler returns every widget.",
      "Page size is read from the query without a bound.",
      "`src/widgets/list.ts:1`",
      "No pagination in the handler.",
      "No test for the last page.",
      "Bound the page size to 100.",
      "mark the pull request ready for review",
    ]) {
      expect(notice?.body).toContain(text);
    }
    const review = (await h.user.rest.checks.listForRef({ ...repo, ref: head, check_name: "autopilot/review" })).data
      .check_runs[0];
    expect(review?.conclusion).toBe("failure");

    // reviewed again on the same head (another review configuration): no second call to the agent
    await reviewAgainOnSameHead(mention, 4);
    await h.user.rest.issues.createComment({ ...repo, issue_number: pull.number, body: "/review" });
    await h.settle();
    const reviews = (
      await h.user.rest.checks.listForRef({ ...repo, ref: head, check_name: "autopilot/review", filter: "all" })
    ).data.check_runs;
    expect(reviews.map((run) => run.conclusion)).toEqual(["failure", "failure"]);
    expect(await notices(pull.number)).toHaveLength(1);
    expect((await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data.merged).toBe(false);
  });

  it("dispatches the agent's workflow again with the task's inputs, once per rejected head", async () => {
    const workflow = [
      "dispatch:",
      "  target: workflow_dispatch",
      "  workflow: agent.yml",
      "  inputs:",
      '    task: "{{task_id}}"',
      '    branch: "{{branch}}"',
      '    brief: "{{task_file}}"',
    ];
    await setRepoConfig(h, [...workflow, "owners: [octocat]", ""].join("\n"));
    const { issue, pull, branch } = await startTask(h, "Sort widget lists", "src/sorting/**");
    const dispatches = () => h.sandbox.repo.workflowDispatches.filter((item) => item.inputs?.task === `T-${issue}`);
    expect(dispatches()).toHaveLength(1); // the first dispatch
    await pushCommit(h.user, branch, `Sort\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      "src/sorting/sort.ts": "export const sort = 1;\n",
    });
    await markReady(h, pull.node_id);

    expect(dispatches().map((item) => item.inputs)).toEqual(
      [1, 2].map(() => ({ task: `T-${issue}`, branch, brief: `ops/tasks/T-${issue}.md` })),
    );
    const [notice] = await notices(pull.number);
    expect(notice?.body).not.toContain("@coder");
    expect(notice?.body).toContain("workflow agent.yml dispatched again");
    expect(await taskStatus(issue)).toBe("in_progress");

    await reviewAgainOnSameHead(workflow, 3);
    await h.user.rest.issues.createComment({ ...repo, issue_number: pull.number, body: "/review" });
    await h.settle();
    expect(dispatches()).toHaveLength(2);

    // the agent fixes it and marks the PR ready: the new head is reviewed, and rejected again, so it is called once more
    await pushCommit(h.user, branch, `Sort, fixed\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      "src/sorting/sort.ts": "export const sort = 2;\n",
    });
    await markReady(h, pull.node_id);
    expect(dispatches()).toHaveLength(3);
    expect(await notices(pull.number)).toHaveLength(2);
  });
});

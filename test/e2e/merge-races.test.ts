import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEntry, parseQueue } from "../../src/core/queue/index.js";
import type { RecordedRequest } from "@autopilot/github-sandbox/http";
import {
  markReady,
  pushCommit,
  scriptedReviewers,
  setRepoConfig,
  startAppHarness,
  startTask,
  type AppHarness,
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
 * What happens when the repository changes between the merge decision and the merge itself. The
 * merge request is held for a moment (latency injected into the sandbox), and the change is
 * pushed once the evaluation that will merge has read the PR's reviews, its last read.
 */
describe("merge races", () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness({
      reviewPorts: scriptedReviewers(
        () => ({ output: findings }),
        () => ({ output: accept }),
      ),
    });
    await setRepoConfig(
      h,
      ["merge:", "  required_checks: [ci/test, ci/lint]", "owners: [octocat]", "dispatch:", "  target: none", ""].join(
        "\n",
      ),
    );
  });
  afterAll(() => h.close());

  const pullOf = async (number: number) => (await h.user.rest.pulls.get({ ...repo, pull_number: number })).data;
  const ciSuccess = async (sha: string, context = "ci/test") =>
    h.ci.rest.repos.createCommitStatus({ ...repo, sha, state: "success", context });
  const mergeCalls = (number: number): RecordedRequest[] =>
    h.sandbox
      .requests()
      .filter((request) => request.operationId === "pulls/merge" && request.path.endsWith(`/pulls/${number}/merge`));

  /**
   * A ready task PR, up to date with its base (the app's queue commits go to its state branch),
   * with gates, the review and `ci/test` green on its head: only `ci/lint` is missing.
   */
  async function readyTask(title: string, path: string) {
    const { issue, pull, branch } = await startTask(h, title, `${path.split("/").slice(0, 2).join("/")}/**`, "low");
    await pushCommit(h.user, branch, `${title}\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      [path]: "export const version = 1;\n",
    });
    await markReady(h, pull.node_id);
    await h.settle();
    const current = await pullOf(pull.number);
    expect(current.mergeable_state).not.toBe("behind");
    await ciSuccess(current.head.sha);
    await h.settle();
    return { issue, number: pull.number, branch };
  }

  /** CI goes green on the head; `change` runs while the merge that follows is in flight. */
  async function duringTheMerge(number: number, change: () => Promise<unknown>): Promise<void> {
    h.sandbox.server.setFaults([{ kind: "latency", ms: 3_000, times: 1, match: { operationId: "pulls/merge" } }]);
    const since = h.sandbox.requests().length;
    const head = (await pullOf(number)).head.sha;
    await ciSuccess(head, "ci/lint");
    // the evaluation's last read before it merges: the head's commit statuses (a low-risk task reads no reviews)
    const lastRead = (request: RecordedRequest) =>
      request.operationId === "repos/list-commit-statuses-for-ref" &&
      request.path.endsWith(`/commits/${head}/statuses`);
    for (let tries = 0; !h.sandbox.requests().slice(since).some(lastRead); tries += 1) {
      if (tries > 4_000) throw new Error("the merge evaluation never read the statuses");
      await sleep(5);
    }
    await change();
    await h.settle();
    h.sandbox.server.setFaults([]);
  }

  it("does not merge a head that moved during the merge; it merges the new head once it is green", async () => {
    const { issue, number, branch } = await readyTask("Paginate widget lists", "src/widgets/list.ts");
    const judged = (await pullOf(number)).head.sha;
    let pushed = "";
    await duringTheMerge(number, async () => {
      pushed = await pushCommit(h.user, branch, `Fix the page size\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
        "src/widgets/list.ts": "export const version = 2;\n",
      });
    });

    expect(mergeCalls(number).map((call) => call.status)).toEqual([409]); // the pinned sha refused the stale head
    expect((await pullOf(number)).merged).toBe(false);
    expect(await h.sandbox.repo.git.readFile("main", "src/widgets/list.ts")).toBeUndefined();
    expect(judged).not.toBe(pushed);

    await ciSuccess(pushed);
    await ciSuccess(pushed, "ci/lint");
    await h.settle();
    const merged = await pullOf(number);
    expect(merged.merged).toBe(true);
    expect((await h.sandbox.repo.git.readFile("main", "src/widgets/list.ts"))?.content.toString("utf8")).toBe(
      "export const version = 2;\n",
    );
  });

  it("asks the owner on the PR when the merge finds a conflict with the base", async () => {
    const { issue, number } = await readyTask("Sort widget lists", "src/sorting/sort.ts");
    await duringTheMerge(number, () =>
      pushCommit(h.user, "main", "Someone else's sort", { "src/sorting/sort.ts": "export const sort = 'theirs';\n" }),
    );

    expect(mergeCalls(number).map((call) => call.status)).toEqual([405]);
    expect((await pullOf(number)).merged).toBe(false);
    const queue = parseQueue(
      (await h.sandbox.repo.git.readFile("autopilot/state", "ops/queue.jsonl"))?.content.toString("utf8") ?? "",
    ).doc;
    // the task waits for the owner's decision (a merge question), not for an `/unblock`
    expect(getEntry(queue, `T-${issue}`)?.status).toBe("needs_owner");
    const labels = (await h.user.rest.issues.listLabelsOnIssue({ ...repo, issue_number: number })).data.map(
      (label) => label.name,
    );
    expect(labels).toContain("autopilot:needs-owner");
    const comments = (await h.user.rest.issues.listComments({ ...repo, issue_number: number })).data.map(
      (comment) => comment.body ?? "",
    );
    const questions = comments.filter((body) => body.includes("autopilot:owner-questions-merge"));
    expect(questions).toHaveLength(1);
    expect(questions[0]).toContain("it conflicts with `main`");
  });
});

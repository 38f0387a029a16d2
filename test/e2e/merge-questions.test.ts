import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyTransition, parseQueue, serializeQueue } from "../../src/core/queue/index.js";
import {
  commentBodies,
  labelNames,
  markReady,
  pushCommit,
  scriptedReviewers,
  setRepoConfig,
  startAppHarness,
  startTask,
  taskDecisions,
  taskStatus,
  type AppHarness,
  stateFile,
} from "./app-harness.js";
import { findings } from "./task-lifecycle.js";

const repo = { owner: "acme", repo: "widgets" };
const accept = {
  decision: "accept",
  recommended_status: "done",
  next_actions: [],
  summary: "Meets the spec.",
  reasons: ["sorted"],
};
const marker = "autopilot:owner-questions-merge";

/** Merges Autopilot cannot make become owner questions on the PR, answered with `/answer`. */
describe("merge questions", () => {
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
      ["merge:", "  required_checks: [ci/test]", "owners: [octocat]", "dispatch:", "  target: none", ""].join("\n"),
    );
  });
  afterAll(() => h.close());

  const pullOf = async (number: number) => (await h.user.rest.pulls.get({ ...repo, pull_number: number })).data;
  const ciSuccess = async (sha: string) => {
    await h.ci.rest.repos.createCommitStatus({ ...repo, sha, state: "success", context: "ci/test" });
    await h.settle();
  };
  const say = async (login: string, number: number, body: string) => {
    await h.as(login).rest.issues.createComment({ ...repo, issue_number: number, body });
    await h.settle();
  };

  /** A ready task PR whose file someone else changed on `main` meanwhile: gates, review and CI green, but it conflicts. */
  async function conflictingTask(title: string, path: string) {
    const { issue, pull, branch } = await startTask(h, title, `${path.split("/").slice(0, 2).join("/")}/**`, "low");
    await pushCommit(h.user, branch, `${title}\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      [path]: "export const order = 'mine';\n",
    });
    await pushCommit(h.user, "main", "Someone else's change", { [path]: "export const order = 'theirs';\n" });
    await markReady(h, pull.node_id);
    const head = (await pullOf(pull.number)).head.sha;
    await ciSuccess(head);
    return { issue, number: pull.number, branch, head, task: `T-${issue}` };
  }

  it("asks once on the PR when it conflicts with its base; /answer 2 sends the task back to the agent", async () => {
    const { issue, number, head, task } = await conflictingTask("Sort widgets", "src/sorting/sort.ts");
    expect((await pullOf(number)).merged).toBe(false);
    const asked = (await commentBodies(h, number)).filter((body) => body.includes(marker));
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain(
      `**Question 1** — Autopilot cannot merge #${number} at \`${head.slice(0, 7)}\`: it conflicts with \`main\``,
    );
    expect(asked[0]).toContain("2. send it back to the agent");
    expect(await taskStatus(h, task)).toBe("needs_owner");
    expect(await labelNames(h, number)).toContain("autopilot:needs-owner");
    expect(await labelNames(h, issue)).toContain("autopilot:needs-owner");
    expect(
      (await taskDecisions(h, task)).map((decision) => [decision.kind, decision.asked_in.pr, decision.number]),
    ).toEqual([["merge", number, 1]]);

    // the same status delivered again, and a re-evaluation of the task moved back to review by hand: still one question
    const status = h.sandbox.deliveries
      .list({ per_page: 100 })
      .deliveries.find((delivery) => delivery.event === "status")!;
    h.sandbox.deliveries.redeliver(status.id);
    await h.settle();
    const queue = parseQueue(await stateFile(h, "ops/queue.jsonl")).doc;
    const back = applyTransition(queue, {
      taskId: task,
      to: "review",
      actor: "octocat",
      reason: "by hand",
      delivery: null,
      at: new Date().toISOString(),
    });
    if (!back.ok) throw new Error(back.reason);
    await pushCommit(h.user, "main", "Back to review", { "ops/queue.jsonl": serializeQueue(back.doc) });
    await h.user.rest.issues.addLabels({ ...repo, issue_number: number, labels: ["look-again"] });
    await h.settle();
    expect(await taskStatus(h, task)).toBe("needs_owner");
    expect((await taskDecisions(h, task)).map((decision) => decision.id)).toHaveLength(1);
    expect((await commentBodies(h, number)).filter((body) => body.includes(marker))).toHaveLength(1);

    await say("mallory", number, "/answer 2 merge main");
    expect((await taskDecisions(h, task))[0]?.answer).toBeUndefined();
    expect(await taskStatus(h, task)).toBe("needs_owner");
    expect((await commentBodies(h, number)).some((body) => body.includes("Sorry @mallory"))).toBe(true);

    await say("octocat", number, "/answer 2 keep both orders");
    expect(await taskStatus(h, task)).toBe("in_progress");
    expect((await taskDecisions(h, task))[0]?.answer).toMatchObject({ text: "2 keep both orders", by: "octocat" });
    expect((await pullOf(number)).draft).toBe(true);
    expect(await labelNames(h, number)).toContain("autopilot:in-progress");
    expect(await labelNames(h, number)).not.toContain("autopilot:needs-owner");
    const notices = (await commentBodies(h, number)).filter(
      (body) => body.includes("sent T-") && body.includes("back to the agent"),
    );
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain("it conflicts with `main`");
    expect(notices[0]).toContain("> keep both orders");
    expect(
      (await commentBodies(h, number)).some(
        (body) => body.includes("goes back to `in_progress`") && body.includes("For the agent: keep both orders"),
      ),
    ).toBe(true);
    expect((await commentBodies(h, number)).find((body) => body.includes(marker))).toContain("answered by @octocat");

    // the answer delivered again does nothing twice
    const commits = (await h.user.rest.repos.listCommits({ ...repo, sha: "main", per_page: 100 })).data.length;
    const answer = h.sandbox.deliveries
      .list({ per_page: 100 })
      .deliveries.find(
        (item) =>
          item.event === "issue_comment" &&
          (h.sandbox.deliveries.get(item.id)?.request.payload as { comment?: { body?: string } }).comment?.body ===
            "/answer 2 keep both orders",
      )!;
    h.sandbox.deliveries.redeliver(answer.id);
    await h.settle();
    expect((await h.user.rest.repos.listCommits({ ...repo, sha: "main", per_page: 100 })).data).toHaveLength(commits);
    expect(
      (await commentBodies(h, number)).filter((body) => body.includes("sent T-") && body.includes("back to the agent")),
    ).toHaveLength(1);
    expect(await taskStatus(h, task)).toBe("in_progress");
  });

  it("/answer 1 after the owner resolved the conflict judges the PR again and merges it", async () => {
    const { number, task } = await conflictingTask("Rank widgets", "src/ranking/rank.ts");
    expect(await taskStatus(h, task)).toBe("needs_owner");
    // the owner settles it on main: their own version goes, so the task's applies (and is still the PR's change to review)
    await pushCommit(h.user, "main", "Make way for the task's order", { "src/ranking/rank.ts": null });
    await say("octocat", number, "/answer fixed");
    // the PR was behind its base: brought up to date, then merged once CI is green on the new head
    const updated = await pullOf(number);
    expect(updated.merged).toBe(false);
    await ciSuccess(updated.head.sha);
    expect((await pullOf(number)).merged).toBe(true);
    expect(await taskStatus(h, task)).toBe("done");
    expect((await taskDecisions(h, task)).map((decision) => [decision.answer?.text, decision.withdrawn])).toEqual([
      ["fixed", undefined],
    ]);
    expect(
      (await commentBodies(h, number)).some(
        (body) => body.includes("judged #") && body.includes("up to date with its base"),
      ),
    ).toBe(true);
  });

  it("withdraws the open question when the PR was merged by hand", async () => {
    const { number, task } = await conflictingTask("Group widgets", "src/grouping/group.ts");
    await pushCommit(h.user, "main", "Take the task's grouping", {
      "src/grouping/group.ts": "export const order = 'mine';\n",
    });
    await h.user.rest.pulls.merge({ ...repo, pull_number: number });
    await h.user.rest.issues.addLabels({ ...repo, issue_number: number, labels: ["merged-by-hand"] });
    await h.settle();
    expect(await taskStatus(h, task)).toBe("done");
    expect((await taskDecisions(h, task))[0]?.withdrawn?.reason).toMatch(
      new RegExp(`^#${number} was merged as [0-9a-f]{7}$`),
    );
    expect((await commentBodies(h, number)).find((body) => body.includes(marker))).toContain(
      "No merge question is open any more",
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseReviewComment } from "../../src/core/review/index.js";
import type { OutboundRequest, ScriptedAnswer } from "../../src/llm/index.js";
import {
  markReady,
  noMergeConfig,
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
  recommended_status: "review",
  next_actions: [],
  summary: "Fine.",
  reasons: ["meets the spec"],
};

/**
 * Two claims of the review and the health, end to end: a head is reviewed again when the review
 * configuration changed (and only then), and reviews that keep erroring turn the dashboard red.
 */
describe("review configuration and review health", () => {
  let h: AppHarness;
  const sent: OutboundRequest[] = [];
  const script: { manager: () => ScriptedAnswer } = { manager: () => ({ output: accept }) };
  beforeAll(async () => {
    h = await startAppHarness({
      reviewPorts: scriptedReviewers(
        (request) => (sent.push(request), { output: findings }),
        (request) => (sent.push(request), script.manager()),
      ),
    });
    await setRepoConfig(h, noMergeConfig);
  });
  afterAll(() => h?.close());

  const reviewRecord = async (number: number) => {
    const comment = (await h.user.rest.issues.listComments({ ...repo, issue_number: number })).data.find((item) =>
      item.body?.includes("autopilot:review-json"),
    );
    return comment ? parseReviewComment(comment.body!) : undefined;
  };
  const readyTask = async (title: string, scope: string) => {
    const task = await startTask(h, title, scope);
    await pushCommit(h.user, task.branch, `Work\n\nTask: T-${task.issue}\nRefs: NT-0012\n`, {
      [scope.replace("**", "work.ts")]: "export const done = true;\n",
    });
    await h.settle();
    await markReady(h, task.pull.node_id);
    return task;
  };

  it("reviews the same head again only when the review configuration changed", async () => {
    const { pull } = await readyTask("Config change", "src/config-change/**");
    const first = await reviewRecord(pull.number);
    expect(first?.decision).toBe("accept");
    const calls = sent.length;

    await h.user.rest.issues.createComment({ ...repo, issue_number: pull.number, body: "/review" });
    await h.settle();
    expect(sent).toHaveLength(calls); // same head, same configuration: not again

    await setRepoConfig(h, `${noMergeConfig}review:\n  max_cost_usd: 3\n`);
    await h.user.rest.issues.createComment({ ...repo, issue_number: pull.number, body: "/review" });
    await h.settle();
    expect(sent).toHaveLength(calls + 2);
    const second = await reviewRecord(pull.number);
    expect(second?.head_sha).toBe(first?.head_sha);
    expect(second?.config_hash).not.toBe(first?.config_hash);
  });

  it("turns the dashboard red after three reviews in a row ended in errors", async () => {
    script.manager = () => ({ failure: { status: 503, message: "overloaded" } });
    for (const name of ["one", "two", "three"]) {
      const { pull } = await readyTask(`Errored review ${name}`, `src/errored-${name}/**`);
      expect((await reviewRecord(pull.number))?.status).toBe("incomplete");
    }
    await h.settle();
    const dashboard = (await h.user.rest.issues.listForRepo({ ...repo, state: "open" })).data.find(
      (item) => item.title === "Autopilot dashboard",
    );
    expect(dashboard?.body).toContain("🔴 **Health: red**");
    expect(dashboard?.body).toContain("the last 3 reviews ended in errors");
  });
});

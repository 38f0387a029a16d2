import { afterEach, describe, expect, it } from "vitest";
import { type ReviewRecord, serializeReviewRecord } from "../../src/core/review/index.js";
import { stickyMarker } from "../../src/github/index.js";
import {
  markReady,
  noMergeConfig,
  pushCommit,
  setRepoConfig,
  startAppHarness,
  startTask,
  type AppHarness,
} from "../e2e/app-harness.js";
import { acceptingReviewers, asActions, personWith } from "./security-harness.js";

const repo = { owner: "acme", repo: "widgets" };
const appLogin = "autopilot[bot]";

/** A review record as the app writes one when the models' provider failed, for `head`. */
const erroredRecord = (head: string): ReviewRecord => ({
  version: 1,
  head_sha: head,
  config_hash: "0".repeat(64),
  status: "incomplete",
  decision: null,
  decided_by: null,
  recommended_status: null,
  reason: "the review provider answered 503",
  conclusion: "neutral",
  may_merge: false,
  coverage: "full",
  gates_green: true,
  findings: [],
  resolved: [],
  omitted: [],
  omitted_count: 0,
  calls: [],
});

const dashboardBody = async (h: AppHarness) =>
  (await h.user.rest.issues.listForRepo({ ...repo, state: "open" })).data.find(
    (item) => item.title === "Autopilot dashboard",
  )?.body;

/**
 * The dashboard's health turns red after three reviews in a row ended in errors (a provider down,
 * keys revoked), and red health stops every new task. The health reads those reviews from the
 * review comments on the latest task PRs. Two actors can write such a comment without being the
 * app: any other app or Actions job with `issues: write` (the coding agent's own workflow, with its
 * `GITHUB_TOKEN`) can post a comment carrying the app's marker, and any writer (the agent's
 * account) can edit the app's own comment. Either could fake three errored reviews and so stop the
 * repository's work, or post the marker first so the app's later review lands in their comment.
 * Only the app's own comment counts, and of it only a record whose seal holds.
 */
describe("review comments the app did not write", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("another app's imitations of errored reviews neither turn the health red nor hold new tasks", async () => {
    h = await startAppHarness();
    await setRepoConfig(h, noMergeConfig);
    const actions = asActions(h, { issues: "write", pull_requests: "write" });
    for (const name of ["one", "two", "three"]) {
      const { pull } = await startTask(h, `Forged errors ${name}`, `src/forged-${name}/**`);
      await actions.rest.issues.createComment({
        ...repo,
        issue_number: pull.number,
        body: `${stickyMarker("review")}\n## Autopilot review\n\nThe review could not finish.\n\n${serializeReviewRecord(erroredRecord(pull.head.sha))}`,
      });
    }
    await h.settle();

    // a new task still starts (startTask throws when no draft PR was opened for it)
    const fourth = await startTask(h, "Work after the forgeries", "src/after/**");
    expect(fourth.pull.draft).toBe(true);
    const body = await dashboardBody(h);
    expect(body).toBeDefined();
    expect(body).not.toContain("Health: red");
    expect(body).not.toContain("reviews ended in errors");
  });

  it("a writer's edits of the app's review records to say errored count for nothing", async () => {
    h = await startAppHarness({ reviewPorts: acceptingReviewers() });
    await setRepoConfig(h, noMergeConfig);
    const agent = await personWith(h, "widget-agent", "write");
    for (const name of ["one", "two", "three"]) {
      const task = await startTask(h, `Reviewed ${name}`, `src/reviewed-${name}/**`);
      await pushCommit(agent, task.branch, `Work\n\nTask: T-${task.issue}\nRefs: NT-0012\n`, {
        [`src/reviewed-${name}/work.ts`]: "export const done = true;\n",
      });
      await h.settle();
      await markReady(h, task.pull.node_id);
      const comments = (await agent.rest.issues.listComments({ ...repo, issue_number: task.pull.number })).data;
      const review = comments.find((comment) => comment.body?.includes("autopilot:review-json"));
      expect(review?.user?.login).toBe(appLogin);
      expect(review?.body).toContain('"status":"complete"');
      await agent.rest.issues.updateComment({
        ...repo,
        comment_id: review!.id,
        body: review!.body!.replace('"status":"complete"', '"status":"incomplete"'),
      });
    }
    await h.settle();

    const fourth = await startTask(h, "Work after the edits", "src/after/**");
    expect(fourth.pull.draft).toBe(true);
    expect(await dashboardBody(h)).not.toContain("reviews ended in errors");
  });

  it("another app's comment carrying the review marker first does not receive the app's review", async () => {
    h = await startAppHarness({ reviewPorts: acceptingReviewers() });
    await setRepoConfig(h, noMergeConfig);
    const actions = asActions(h, { issues: "write", pull_requests: "write" });
    const agent = await personWith(h, "widget-agent", "write");
    const task = await startTask(h, "Squatted review", "src/squatted/**");
    const squat = `${stickyMarker("review")}\nReviewed by the agent: all good.`;
    const { data: planted } = await actions.rest.issues.createComment({
      ...repo,
      issue_number: task.pull.number,
      body: squat,
    });
    await pushCommit(agent, task.branch, `Work\n\nTask: T-${task.issue}\nRefs: NT-0012\n`, {
      "src/squatted/work.ts": "export const done = true;\n",
    });
    await h.settle();
    await markReady(h, task.pull.node_id);

    const comments = (await agent.rest.issues.listComments({ ...repo, issue_number: task.pull.number })).data;
    expect(comments.find((comment) => comment.id === planted.id)?.body).toBe(squat);
    const reviews = comments.filter((comment) => comment.body?.includes("autopilot:review-json"));
    expect(reviews.map((comment) => comment.user?.login)).toEqual([appLogin]);
  });
});

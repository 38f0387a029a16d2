import { afterEach, describe, expect, it } from "vitest";
import { personWith } from "../security/security-harness.js";
import {
  markReady,
  pushCommit,
  scriptedReviewers,
  setRepoConfig,
  startAppHarness,
  startTask,
  taskStatus,
  type AppHarness,
} from "./app-harness.js";
import { accept, findings } from "./task-lifecycle.js";

const repo = { owner: "acme", repo: "widgets" };
const config = ["merge:", "  required_checks: [ci/test]", "owners: [octocat]", "dispatch:", "  target: none", ""].join(
  "\n",
);

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The app with reviewers that accept, on a repository whose policy merges low-risk tasks on their own. */
async function start(): Promise<AppHarness> {
  const harness = await startAppHarness({
    reviewPorts: scriptedReviewers(
      () => ({ output: findings }),
      () => ({ output: accept }),
    ),
  });
  await setRepoConfig(harness, config);
  return harness;
}

/** A low-risk task (the policy merges it on its own) green but for CI, which reports last. */
async function greenButCi(harness: AppHarness) {
  const { issue, pull, branch } = await startTask(harness, "Paginate widget lists", "src/widgets/**", "low");
  await pushCommit(harness.user, branch, `Page by 50\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
    "src/widgets/list.ts": "export const pageSize = 50;\n",
  });
  await markReady(harness, pull.node_id);
  const head = (await harness.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data.head.sha;
  return { issue, number: pull.number, head };
}
const ci = async (harness: AppHarness, sha: string) => {
  await harness.ci.rest.repos.createCommitStatus({ ...repo, sha, state: "success", context: "ci/test" });
  await harness.settle();
};
const merged = async (harness: AppHarness, number: number) =>
  (await harness.user.rest.pulls.get({ ...repo, pull_number: number })).data.merged;

/**
 * The policy lets a low-risk task merge on its own, but not over a person's objection: an owner's
 * "Request changes" holds it until that owner approves (or the review is dismissed). The change's
 * own accounts and anyone outside `owners` cannot hold it, nor steer it, that way.
 */
describe("a request for changes on a task PR the policy would merge on its own", () => {
  it("from an owner holds the merge until the owner approves", async () => {
    h = await start();
    const task = await greenButCi(h);
    const owner = await personWith(h, "octocat", "admin");
    await owner.rest.pulls.createReview({
      ...repo,
      pull_number: task.number,
      event: "REQUEST_CHANGES",
      body: "Page size must come from the settings.",
    });
    await h.settle();
    await ci(h, task.head);
    expect(await merged(h, task.number)).toBe(false);
    expect(await taskStatus(h, `T-${task.issue}`)).toBe("review");

    await owner.rest.pulls.createReview({ ...repo, pull_number: task.number, event: "APPROVE" });
    await h.settle();
    expect(await merged(h, task.number)).toBe(true);
  });

  it("from a writer outside `owners` holds nothing", async () => {
    h = await start();
    const task = await greenButCi(h);
    const writer = await personWith(h, "mallory", "write");
    await writer.rest.pulls.createReview({ ...repo, pull_number: task.number, event: "REQUEST_CHANGES", body: "No." });
    await h.settle();
    await ci(h, task.head);
    expect(await merged(h, task.number)).toBe(true);
  });
});

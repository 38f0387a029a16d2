import { afterEach, describe, expect, it } from "vitest";
import {
  commentBodies,
  scriptedReviewers,
  setRepoConfig,
  startAppHarness,
  taskStatus,
  type AppHarness,
} from "./app-harness.js";
import { greenTask, pullOf, repo } from "./merge-queue-setup.js";
import { findings } from "./task-lifecycle.js";

const accept = {
  decision: "accept",
  recommended_status: "done",
  next_actions: [],
  summary: "Meets the spec.",
  reasons: ["pages by 50"],
};

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A repository whose settings turn squash merges off (Settings → General → Pull requests), and the app's config. */
async function squashOff(method?: string): Promise<AppHarness> {
  const harness = await startAppHarness({
    reviewPorts: scriptedReviewers(
      () => ({ output: findings }),
      () => ({ output: accept }),
    ),
  });
  await harness.user.rest.repos.update({ ...repo, allow_squash_merge: false });
  const merge = ["merge:", "  required_checks: [ci/test]", ...(method === undefined ? [] : [`  method: ${method}`])];
  await setRepoConfig(harness, [...merge, "dispatch:", "  target: none", ""].join("\n"));
  return harness;
}

describe("a repository whose settings allow no squash merge", () => {
  it("merges the task by merge commit when merge.method is unset", async () => {
    h = await squashOff();
    const task = await greenTask(h, "Paginate widget lists", "src/widgets", "list.ts");
    const pull = await pullOf(h, task.number);
    expect(pull.merged).toBe(true);
    // a merge commit: two parents, the base's tip and the judged head
    const commit = (await h.user.rest.git.getCommit({ ...repo, commit_sha: pull.merge_commit_sha! })).data;
    expect(commit.parents.map((parent) => parent.sha)).toContain(task.head);
    expect(commit.parents).toHaveLength(2);
    expect(await taskStatus(h, `T-${task.issue}`)).toBe("done");
    // the squash GitHub refused, then the merge: no third try
    const merges = h.sandbox.requests().filter((request) => request.operationId === "pulls/merge");
    expect(merges.map((request) => request.status)).toEqual([405, 200]);
  });

  it("asks the owner and does not merge when merge.method: squash is configured", async () => {
    h = await squashOff("squash");
    const task = await greenTask(h, "Paginate widget lists", "src/widgets", "list.ts");
    expect((await pullOf(h, task.number)).merged).toBe(false);
    expect(await taskStatus(h, `T-${task.issue}`)).toBe("needs_owner");
    const said = (await commentBodies(h, task.number)).join("\n");
    expect(said).toContain("merge.method is squash, which the repository does not allow");
    expect(said).toContain("change or remove merge.method");
    const merges = h.sandbox.requests().filter((request) => request.operationId === "pulls/merge");
    expect(merges.map((request) => request.status)).toEqual([405]);
  });
});

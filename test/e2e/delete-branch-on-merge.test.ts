import { afterEach, describe, expect, it } from "vitest";
import { scriptedReviewers, setRepoConfig, startAppHarness, type AppHarness } from "./app-harness.js";
import { accept, expectConverged, findings, lifecycle, lifecycleConfig } from "./task-lifecycle.js";

const repo = { owner: "acme", repo: "widgets" };

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/**
 * Many repositories have "Automatically delete head branches" on: GitHub deletes the task branch
 * the moment the app's merge lands, before the app's own finish (which deletes it too, with
 * `merge.delete_branch`). The task must finish exactly as it does elsewhere.
 */
describe("a repository that deletes head branches on merge", () => {
  it("finishes the task as anywhere else, with the branch gone", async () => {
    h = await startAppHarness({
      reviewPorts: scriptedReviewers(
        () => ({ output: findings }),
        () => ({ output: accept }),
      ),
    });
    await setRepoConfig(h, lifecycleConfig);
    await h.user.rest.repos.update({ ...repo, delete_branch_on_merge: true });
    const { issue, pull, branch } = await lifecycle(h);
    await expectConverged(h, issue, pull.number);
    const branches = (await h.user.rest.repos.listBranches({ ...repo, per_page: 100 })).data.map((item) => item.name);
    expect(branches).not.toContain(branch);
  });
});

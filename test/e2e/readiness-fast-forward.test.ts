import { afterEach, describe, expect, it } from "vitest";
import { pushCommit, setRepoConfig, startAppHarness, taskSpec, type AppHarness } from "./app-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/**
 * A task held because the default branch's required check is not green is released when the
 * default branch moves to a green head. A common way it moves: the fix is pushed to a branch, its
 * CI goes green there, and the default branch is fast-forwarded to that very commit. GitHub sends
 * an app one check suite per commit SHA, so the fast-forward brings none, and the fix's statuses
 * named its own branch, not the default one: only the `push` event tells of the move.
 */
describe("the default branch fast-forwarded to a commit pushed elsewhere first", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("releases the held task at once, without waiting for the sweep", async () => {
    h = await startAppHarness();
    await setRepoConfig(
      h,
      ["owners: [octocat]", "dispatch:", "  target: none", "readiness:", "  required_checks: [ci/test]", ""].join("\n"),
    );
    const issue = (await h.user.rest.issues.create({ ...repo, title: "Sort widgets", body: taskSpec("src/sort/**") }))
      .data.number;
    await h.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
    await h.settle();
    const pullFor = async () =>
      (await h!.user.rest.pulls.list({ ...repo, state: "open" })).data.find((pull) =>
        pull.title.startsWith(`[T-${issue}]`),
      );
    expect(await pullFor()).toBeUndefined();

    // the fix on its own branch, green there; then main moved to that commit
    const main = (await h.user.rest.repos.getBranch({ ...repo, branch: "main" })).data.commit.sha;
    await h.user.rest.git.createRef({ ...repo, ref: "refs/heads/fix", sha: main });
    const fixed = await pushCommit(h.user, "fix", "Fix the build", { "src/build.ts": "export const ok = true;\n" });
    await h.ci.rest.repos.createCommitStatus({ ...repo, sha: fixed, state: "success", context: "ci/test" });
    await h.settle();
    expect(await pullFor()).toBeUndefined();
    await h.user.rest.git.updateRef({ ...repo, ref: "heads/main", sha: fixed });
    await h.settle();
    expect(await pullFor()).toBeDefined();
  });
});

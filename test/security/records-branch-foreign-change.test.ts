import { afterEach, describe, expect, it } from "vitest";
import { pushCommit, scriptedReviewers, setRepoConfig, startAppHarness, type AppHarness } from "../e2e/app-harness.js";
import { accept, findings, lifecycleConfig, mergeNumberedTask } from "../e2e/task-lifecycle.js";
import { personWith } from "./security-harness.js";

const repo = { owner: "acme", repo: "widgets" };
const recordsBranch = "autopilot/records";
const recordsPaths = ["docs/OUTLINE.md", "docs/PROGRESS.md", "docs/blueprints/crosswalk.json"];

/**
 * The records pull request is the app's, and its body invites a maintainer to merge it whenever
 * they like: a writer who pushes code to its branch would have it merged past scope, control
 * files and review. The app's next records commit finds the branch holding more than its records,
 * starts it afresh from the default branch, and names on the pull request what it dropped.
 */
describe("a writer's change pushed to the records branch", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("is dropped at the next records commit, and the pull request says so", async () => {
    h = await startAppHarness({
      reviewPorts: scriptedReviewers(
        () => ({ output: findings }),
        () => ({ output: accept }),
      ),
    });
    await setRepoConfig(h, lifecycleConfig);
    await mergeNumberedTask(h, 1);
    const [records] = (
      await h.user.rest.pulls.list({ ...repo, head: `acme:${recordsBranch}`, state: "open" })
    ).data.map((pull) => pull.number);
    expect(records).toBeDefined();
    if (records === undefined) return;

    const agent = await personWith(h, "agent-bot", "write");
    const pushed = await pushCommit(agent, recordsBranch, "Tidy the guard", {
      "src/auth/guard.ts": "export const allow = () => true;\n",
    });
    await h.settle();

    const second = await mergeNumberedTask(h, 2);
    const files = (await h.user.rest.pulls.listFiles({ ...repo, pull_number: records })).data.map(
      (file) => file.filename,
    );
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((file) => recordsPaths.includes(file))).toBe(true);
    expect(await h.sandbox.repo.git.readFile(recordsBranch, "src/auth/guard.ts")).toBeUndefined();
    const progress = (await h.sandbox.repo.git.readFile(recordsBranch, "docs/PROGRESS.md"))?.content.toString("utf8");
    expect(progress).toContain(`T-${second}`);
    const commits = (await h.user.rest.pulls.listCommits({ ...repo, pull_number: records })).data;
    expect(commits.map((commit) => commit.sha)).not.toContain(pushed);

    const comments = (await h.user.rest.issues.listComments({ ...repo, issue_number: records })).data;
    const notice = comments
      .map((comment) => comment.body ?? "")
      .find((body) => body.includes("started this branch afresh"));
    expect(notice).toContain(`\`${pushed}\``);
    expect(notice).toContain("`src/auth/guard.ts`");
  });
});

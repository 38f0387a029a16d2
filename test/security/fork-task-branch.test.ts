import { afterEach, describe, expect, it } from "vitest";
import { setRepoConfig, startAppHarness, startTask, type AppHarness, type TestOctokit } from "../e2e/app-harness.js";
import { acceptingReviewers, personWith } from "./security-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/** A commit on a branch of the attacker's own fork, created from `from` when the branch is new. */
async function pushToFork(
  octokit: TestOctokit,
  owner: string,
  branch: string,
  from: string,
  files: Record<string, string>,
): Promise<string> {
  const fork = { owner, repo: "widgets" };
  const parent = (await octokit.rest.repos.getBranch({ ...fork, branch: from })).data.commit;
  const tree = await octokit.rest.git.createTree({
    ...fork,
    base_tree: parent.commit.tree.sha,
    tree: Object.entries(files).map(([path, content]) => ({
      path,
      mode: "100644" as const,
      type: "blob" as const,
      content,
    })),
  });
  const commit = await octokit.rest.git.createCommit({
    ...fork,
    message: "Page by 50\n\nTask: T-1\nRefs: NT-0012\n",
    tree: tree.data.sha,
    parents: [parent.sha],
  });
  await octokit.rest.git.createRef({ ...fork, ref: `refs/heads/${branch}`, sha: commit.data.sha });
  return commit.data.sha;
}

/**
 * An outsider forks the repository, copies a task's branch (task file included) into a branch
 * named like a task branch, and opens a pull request from the fork. It is not a task: only the
 * secret gate runs, no review, no merge, whatever the branch is called or the task file says.
 */
describe("attack: a fork's pull request named like a task", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("gets only autopilot/secrets, no review and no merge", async () => {
    h = await startAppHarness({ reviewPorts: acceptingReviewers() });
    await setRepoConfig(h, ["owners: [octocat]", "dispatch:", "  target: none", ""].join("\n"));
    const { issue, branch } = await startTask(h, "Paginate widget lists", "src/widgets/**", "low");

    const mallory = await personWith(h, "mallory", "none");
    const fork = (await mallory.rest.repos.createFork({ ...repo })).data;
    expect(fork).toMatchObject({ full_name: "mallory/widgets", fork: true });
    const forkBranch = `autopilot/T-${issue}-paginate`;
    const head = await pushToFork(mallory, "mallory", forkBranch, branch, {
      "src/widgets/list-widgets.ts": "export const pageSize = 50;\n",
    });
    const pull = (
      await mallory.rest.pulls.create({
        ...repo,
        head: `mallory:${forkBranch}`,
        base: "main",
        title: `[T-${issue}] Paginate widget lists`,
        body: `Closes #${issue}`,
      })
    ).data;
    expect(pull.head).toMatchObject({ ref: forkBranch, sha: head, repo: { full_name: "mallory/widgets" } });
    await h.settle();

    const runs = (await h.user.rest.checks.listForRef({ ...repo, ref: head })).data.check_runs;
    expect(runs.map((run) => run.name).sort()).toEqual(["autopilot/secrets"]);
    const comments = (await h.user.rest.issues.listComments({ ...repo, issue_number: pull.number })).data;
    expect(comments.filter((comment) => comment.body?.includes("review"))).toEqual([]);
    expect((await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data.merged).toBe(false);
  });
});

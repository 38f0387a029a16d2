import { afterEach, describe, expect, it } from "vitest";
import { pushCommit, scriptedReviewers, setRepoConfig, startAppHarness, type AppHarness } from "../e2e/app-harness.js";
import { accept, findings, lifecycleConfig, mergeNumberedTask } from "../e2e/task-lifecycle.js";
import { personWith } from "./security-harness.js";

const repo = { owner: "acme", repo: "widgets" };
const recordsBranch = "autopilot/records";
const recordsPaths = ["docs/OUTLINE.md", "docs/PROGRESS.md", "docs/blueprints/crosswalk.json"];

/**
 * The records pull request is the app's, and its body invites a maintainer to merge it whenever
 * they like: a writer who pushed code to its branch would have it merged past scope, control
 * files and review. The app puts the branch back when the records pull request's gates judge the
 * push, and in any case at its next records commit, and names on the pull request what it dropped.
 */
describe("a writer's change pushed to the records branch", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const start = async (config: string) => {
    const harness = await startAppHarness({
      reviewPorts: scriptedReviewers(
        () => ({ output: findings }),
        () => ({ output: accept }),
      ),
    });
    await setRepoConfig(harness, config);
    await mergeNumberedTask(harness, 1);
    const [records] = (
      await harness.user.rest.pulls.list({ ...repo, head: `acme:${recordsBranch}`, state: "open" })
    ).data.map((pull) => pull.number);
    if (records === undefined) throw new Error("no records pull request after the first merge");
    return { harness, records };
  };
  const recordsHead = async (harness: AppHarness) =>
    (await harness.user.rest.repos.getBranch({ ...repo, branch: recordsBranch })).data.commit.sha;
  const pushGuard = async (harness: AppHarness) => {
    const agent = await personWith(harness, "agent-bot", "write");
    const pushed = await pushCommit(agent, recordsBranch, "Tidy the guard", {
      "src/auth/guard.ts": "export const allow = () => true;\n",
    });
    await harness.settle();
    return pushed;
  };
  const pullFiles = async (harness: AppHarness, records: number) =>
    (await harness.user.rest.pulls.listFiles({ ...repo, pull_number: records })).data.map((file) => file.filename);
  const expectDropNotice = async (harness: AppHarness, records: number, pushed: string) => {
    const comments = (await harness.user.rest.issues.listComments({ ...repo, issue_number: records })).data;
    const notices = comments.map((comment) => comment.body ?? "").filter((body) => body.includes("afresh"));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(`\`${pushed}\``);
    expect(notices[0]).toContain("`src/auth/guard.ts`");
  };
  const expectRecordsOnly = async (harness: AppHarness, records: number, pushed: string, task: number) => {
    const files = await pullFiles(harness, records);
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((file) => !recordsPaths.includes(file))).toEqual([]);
    const commits = (await harness.user.rest.pulls.listCommits({ ...repo, pull_number: records })).data;
    expect(commits.map((commit) => commit.sha)).not.toContain(pushed);
    const progress = await harness.sandbox.repo.git.readFile(recordsBranch, "docs/PROGRESS.md");
    expect(progress?.content.toString("utf8")).toContain(`T-${task}`);
  };

  it("is put back as soon as the records pull request's gates judge the push", async () => {
    const { harness, records } = await start(lifecycleConfig);
    h = harness;
    const before = await recordsHead(h);
    // the pull request that invites a merge says what it carries
    const body = (await h.user.rest.pulls.get({ ...repo, pull_number: records })).data.body;
    expect(body).toContain("carries the app's records alone");
    const pushed = await pushGuard(h);

    // at once: the branch is the app's records again, the pull request says what went
    expect(await recordsHead(h)).toBe(before);
    expect((await pullFiles(h, records)).filter((file) => !recordsPaths.includes(file))).toEqual([]);
    await expectDropNotice(h, records, pushed);

    // the next task's records land on the app's own head, nothing dropped twice
    const second = await mergeNumberedTask(h, 2);
    await expectRecordsOnly(h, records, pushed, second);
    await expectDropNotice(h, records, pushed);
  });

  it("is dropped by the next records commit when no gate runs on the records pull request", async () => {
    const { harness, records } = await start(`${lifecycleConfig}secrets:\n  scan_non_task_prs: false\n`);
    h = harness;
    const pushed = await pushGuard(h);
    // no gate judged it: the push is still there until the app commits its records again
    expect(await pullFiles(h, records)).toContain("src/auth/guard.ts");

    const second = await mergeNumberedTask(h, 2);
    await expectRecordsOnly(h, records, pushed, second);
    await expectDropNotice(h, records, pushed);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { fakeGithubToken } from "../helpers/fake-credentials.js";
import { pushCommit, scriptedReviewers, setRepoConfig, startAppHarness, type AppHarness } from "../e2e/app-harness.js";
import { accept, findings, lifecycleConfig, mergeNumberedTask } from "../e2e/task-lifecycle.js";
import { personWith } from "./security-harness.js";

const repo = { owner: "acme", repo: "widgets" };
const recordsBranch = "autopilot/records";

/**
 * The records pull request's head is the app's own commit of generated text after each merge.
 * When the app judged its parent clean, it judges that commit by what it wrote (no read, no
 * compare); a person's push to the records branch is judged as any push: a secret a person
 * slipped in is red, and the branch is put back at the app's own head.
 */
describe("a secret pushed to the records branch", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const recordsHead = async (harness: AppHarness) =>
    (await harness.user.rest.repos.getBranch({ ...repo, branch: recordsBranch })).data.commit.sha;
  const secretsOn = async (harness: AppHarness, sha: string) =>
    (await harness.user.rest.checks.listForRef({ ...repo, ref: sha, check_name: "autopilot/secrets" })).data
      .check_runs[0]?.conclusion;
  const comparedAt = (harness: AppHarness, sha: string, since: number) =>
    harness.sandbox
      .requests()
      .slice(since)
      .filter((request) => request.operationId === "repos/compare-commits-with-basehead" && request.path.endsWith(sha));

  it("is judged red and put back, and the app's own clean commits skip the read", async () => {
    h = await startAppHarness({
      reviewPorts: scriptedReviewers(
        () => ({ output: findings }),
        () => ({ output: accept }),
      ),
    });
    await setRepoConfig(h, lifecycleConfig);

    await mergeNumberedTask(h, 1);
    const first = await recordsHead(h);
    expect(await secretsOn(h, first)).toBe("success");

    // the app's own commit on a head it judged clean: judged by what it wrote, the change not read
    const before = h.sandbox.requests().length;
    await mergeNumberedTask(h, 2);
    const second = await recordsHead(h);
    expect(second).not.toBe(first);
    expect(await secretsOn(h, second)).toBe("success");
    expect(comparedAt(h, second, before)).toEqual([]);

    // a writer pushes a credential to the records branch: red, and the branch is put back at the
    // app's own head at once (records-branch-foreign-change.test.ts)
    const mallory = await personWith(h, "mallory", "write");
    const pushed = await pushCommit(mallory, recordsBranch, "Notes", {
      "docs/notes.md": `token: ${fakeGithubToken()}\n`,
    });
    await h.settle();
    expect(await secretsOn(h, pushed)).toBe("failure");
    expect(await recordsHead(h)).toBe(second);

    // the next merge's records commit sits on the app's own clean head: judged by what it wrote
    const since = h.sandbox.requests().length;
    await mergeNumberedTask(h, 3);
    const third = await recordsHead(h);
    expect((await h.user.rest.repos.getCommit({ ...repo, ref: third })).data.parents.map((p) => p.sha)).toEqual([
      second,
    ]);
    expect(await secretsOn(h, third)).toBe("success");
    expect(comparedAt(h, third, since)).toEqual([]);
  });
});

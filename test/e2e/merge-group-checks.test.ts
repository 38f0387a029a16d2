import { afterEach, describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/index.js";
import { gateNames, reviewCheckName } from "../../src/core/check-names.js";
import { parseMergeGroupRef, postMergeGroupChecks } from "../../src/handlers/merge/merge-group-checks.js";
import { installationContext, type AppHarness } from "./app-harness.js";
import { ciOn, greenTask, inQueue, pullOf, repo, start } from "./merge-queue-setup.js";

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The merge group GitHub built for the PR: its read-only branch and commit. */
async function groupRefOf(harness: AppHarness, number: number) {
  const refs = (
    await harness.user.rest.git.listMatchingRefs({ ...repo, ref: `heads/gh-readonly-queue/main/pr-${number}-` })
  ).data;
  const ref = refs[0];
  if (!ref) throw new Error(`no merge group for #${number}`);
  return { headRef: ref.ref, headSha: ref.object.sha };
}

describe("the app's checks on a merge group whose queue requires them", () => {
  it("merges once the app carries its checks of the PR head onto the group and CI passes there", async () => {
    h = await start([
      { context: "ci/test" },
      ...[...gateNames, reviewCheckName].map((context) => ({ context, integration_id: 1 })),
    ]);
    const task = await greenTask(h, "Paginate widget lists", "src/widgets", "list.ts");
    expect(await inQueue(h.user, task.number)).toBe(true);
    const group = await groupRefOf(h, task.number);
    await h.settle();
    // GitHub's merge_group event reached the app: its checks of the PR head are on the group's commit
    const runs = (await h.user.rest.checks.listForRef({ ...repo, ref: group.headSha })).data.check_runs;
    expect(runs.map((run) => [run.name, run.app?.slug, run.conclusion]).sort()).toEqual(
      [...gateNames, reviewCheckName].map((name) => [name, "autopilot", "success"]).sort(),
    );
    // CI is still to come: the group waits for it
    expect((await pullOf(h, task.number)).merged).toBe(false);
    await ciOn(h, group.headSha);
    await h.settle();
    const merged = await pullOf(h, task.number);
    expect(merged).toMatchObject({ merged: true, merge_commit_sha: group.headSha });
  });

  it("posts nothing on a commit that is not GitHub's group at that head", async () => {
    h = await start([{ context: "ci/test" }]);
    const task = await greenTask(h, "Paginate widget lists", "src/widgets", "list.ts");
    const group = await groupRefOf(h, task.number);
    const repositoryId = (await h.user.rest.repos.get(repo)).data.node_id;
    const ctx = { ...installationContext(h.sandbox), config: defaultConfig() };
    // a forged event naming the task's group branch but another commit (the PR head itself)
    const posted = await postMergeGroupChecks(ctx, parseMergeGroupRef(group.headRef)!, task.head, repositoryId);
    expect(posted).toEqual([]);
  });
});

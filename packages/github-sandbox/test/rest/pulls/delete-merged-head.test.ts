import { describe, expect, it } from "vitest";
import { useRestFixture } from "../rest-fixture.js";
import { commitTo, eventNames, openPull } from "./pull-helpers.js";

const fixture = useRestFixture({ perTest: true });
const owner = "acme";
const repo = "widgets";

const deleteOnMerge = (on: boolean) =>
  fixture.user("octocat").rest.repos.update({ owner, repo, delete_branch_on_merge: on });
const merge = (pull: number) =>
  fixture.app().rest.pulls.merge({ owner, repo, pull_number: pull, merge_method: "squash" });
const branchSha = (branch: string) => fixture.repo.git.getRef(`refs/heads/${branch}`);

async function pullOn(branch: string, base = "main"): Promise<number> {
  await commitTo(fixture, branch, { [`${branch}.txt`]: `${branch}\n` }, { from: await branchSha(base) });
  return openPull(fixture, branch, { base });
}

describe("Automatically delete head branches (delete_branch_on_merge)", () => {
  it("deletes a merged pull request's head branch as a push by whoever merged, and shows the setting to admins", async () => {
    const { data } = await deleteOnMerge(true);
    expect(data.delete_branch_on_merge).toBe(true);
    const pull = await pullOn("feature");
    await merge(pull);
    expect(await branchSha("feature")).toBeUndefined();
    const names = eventNames(fixture);
    expect(names.indexOf("pull_request.closed")).toBeLessThan(names.lastIndexOf("push"));
    const push = fixture.events.filter((event) => event.name === "push").at(-1) as unknown as { ref?: string };
    expect(push.ref).toBe("refs/heads/feature");
  });

  it("keeps the head branch when the setting is off, and when a rule protects it", async () => {
    const kept = await pullOn("kept");
    await merge(kept);
    expect(await branchSha("kept")).toBeDefined();

    await deleteOnMerge(true);
    const guarded = await pullOn("guarded");
    await fixture.user("octocat").rest.repos.createRepoRuleset({
      owner,
      repo,
      name: "keep guarded",
      enforcement: "active",
      conditions: { ref_name: { include: ["refs/heads/guarded"], exclude: [] } },
      rules: [{ type: "deletion" }],
    });
    await merge(guarded);
    expect(await branchSha("guarded")).toBeDefined();
  });

  it("moves open pull requests based on the deleted branch to the merged one's base first", async () => {
    await deleteOnMerge(true);
    const lower = await pullOn("lower");
    const upper = await pullOn("upper", "lower");
    await merge(lower);
    expect(await branchSha("lower")).toBeUndefined();
    const { data } = await fixture.app().rest.pulls.get({ owner, repo, pull_number: upper });
    expect(data).toMatchObject({ state: "open", base: { ref: "main" } });
    expect(eventNames(fixture)).toContain("pull_request.edited");
  });
});

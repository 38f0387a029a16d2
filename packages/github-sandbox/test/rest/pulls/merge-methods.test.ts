import { describe, expect, it } from "vitest";
import { requestFailure, useRestFixture } from "../rest-fixture.js";
import { commitTo, openPull } from "./pull-helpers.js";

const fixture = useRestFixture({ perTest: true });
const owner = "acme";
const repo = "widgets";

type Method = "merge" | "squash" | "rebase";
const merge = (pull: number, method?: Method, login?: string) =>
  (login ? fixture.user(login) : fixture.app()).rest.pulls.merge({
    owner,
    repo,
    pull_number: pull,
    ...(method ? { merge_method: method } : {}),
  });
const stateOf = async (pull: number) =>
  (await fixture.app().rest.pulls.get({ owner, repo, pull_number: pull })).data.mergeable_state;
const ruleset = (rules: { type: string }[]) =>
  fixture.user("octocat").rest.repos.createRepoRuleset({
    owner,
    repo,
    name: "main rules",
    enforcement: "active",
    conditions: { ref_name: { include: ["~DEFAULT_BRANCH"], exclude: [] } },
    rules: rules as never,
  });

async function pullOn(branch: string): Promise<number> {
  await commitTo(fixture, branch, { [`${branch}.txt`]: `${branch}\n` });
  return openPull(fixture, branch);
}

describe("Merging with a method the repository allows", () => {
  it("answers 405 with GitHub's message for each method that is off, and merges with one that is on", async () => {
    const pull = await pullOn("feature");
    await fixture
      .user("octocat")
      .rest.repos.update({ owner, repo, allow_merge_commit: false, allow_rebase_merge: false });
    // no merge_method is a merge commit
    expect(await requestFailure(merge(pull))).toMatchObject({
      status: 405,
      message: "Merge commits are not allowed on this repository.",
    });
    // an admin is refused as well: the setting is no protection to bypass
    expect(await requestFailure(merge(pull, "rebase", "octocat"))).toMatchObject({
      status: 405,
      message: "Rebase merges are not allowed on this repository.",
    });
    await fixture
      .user("octocat")
      .rest.repos.update({ owner, repo, allow_rebase_merge: true, allow_squash_merge: false });
    expect(await requestFailure(merge(pull, "squash"))).toMatchObject({
      status: 405,
      message: "Squash merges are not allowed on this repository.",
    });
    expect(await fixture.repo.git.getRef("refs/heads/main")).toBe(fixture.initialSha);
    expect((await merge(pull, "rebase")).data.merged).toBe(true);
  });

  it("refuses a merge_method GitHub does not know with 422", async () => {
    const pull = await pullOn("feature");
    expect(await requestFailure(merge(pull, "fast-forward" as Method))).toMatchObject({
      status: 422,
      message: 'Invalid request.\n\nfast-forward is not a member of ["merge", "squash", "rebase"].',
    });
  });
});

describe("Linear history on a pull request's base", () => {
  it("under classic protection refuses a merge commit to a writer and lets an admin or a squash through", async () => {
    fixture.ctx.state.setPermission(fixture.repo, "writer", "write");
    await fixture.user("octocat").rest.repos.updateBranchProtection({
      owner,
      repo,
      branch: "main",
      required_status_checks: null,
      enforce_admins: false,
      required_pull_request_reviews: null,
      restrictions: null,
      required_linear_history: true,
    });
    const first = await pullOn("first");
    const refusal = { status: 405, message: "This branch must not contain merge commits." };
    expect(await requestFailure(merge(first, "merge", "writer"))).toMatchObject(refusal);
    expect(await requestFailure(merge(first, "merge"))).toMatchObject(refusal);
    expect((await merge(first, "squash", "writer")).data.merged).toBe(true);
    const second = await pullOn("second");
    // enforce_admins is off: the admin passes
    expect((await merge(second, "merge", "octocat")).data.merged).toBe(true);
  });

  it("under a ruleset refuses a merge commit to everyone, with the ruleset's message", async () => {
    const pull = await pullOn("feature");
    await ruleset([{ type: "required_linear_history" }]);
    for (const login of [undefined, "octocat"]) {
      expect(await requestFailure(merge(pull, "merge", login))).toMatchObject({
        status: 405,
        message: "Repository rule violations found\n\nThis branch must not contain merge commits.\n\n",
      });
    }
    expect(await stateOf(pull)).toBe("clean");
    expect((await merge(pull, "rebase")).data.merged).toBe(true);
  });

  it("is not asked of a method turned off: the repository's setting answers first", async () => {
    const pull = await pullOn("feature");
    await ruleset([{ type: "required_linear_history" }]);
    await fixture.user("octocat").rest.repos.update({ owner, repo, allow_merge_commit: false });
    expect(await requestFailure(merge(pull, "merge"))).toMatchObject({
      message: "Merge commits are not allowed on this repository.",
    });
  });
});

describe("A ruleset's update rule", () => {
  it("blocks every merge into the branch, admins included, and leaves other branches alone", async () => {
    const pull = await pullOn("feature");
    await ruleset([{ type: "update" }, { type: "deletion" }, { type: "non_fast_forward" }, { type: "creation" }]);
    expect(await stateOf(pull)).toBe("blocked");
    for (const login of [undefined, "octocat"]) {
      expect(await requestFailure(merge(pull, "squash", login))).toMatchObject({
        status: 405,
        message: "Repository rule violations found\n\nCannot update this protected ref.\n\n",
      });
    }
    expect(await fixture.repo.git.getRef("refs/heads/main")).toBe(fixture.initialSha);
    await commitTo(fixture, "release", {}, { from: fixture.initialSha });
    await commitTo(fixture, "fix", { "fix.txt": "fix\n" });
    const other = await openPull(fixture, "fix", { base: "release" });
    expect((await merge(other, "merge")).data.merged).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { commitOnto, requestFailure, useRestFixture } from "../rest-fixture.js";
import { commitTo, openPull } from "../pulls/pull-helpers.js";

const fixture = useRestFixture({ perTest: true });
const owner = "acme";
const repo = "widgets";

const violations = (...lines: string[]) =>
  `Repository rule violations found\n\n${lines.map((line) => `${line}\n\n`).join("")}`;

const ruleset = (rules: { type: string; parameters?: Record<string, unknown> }[], include = ["~DEFAULT_BRANCH"]) =>
  fixture.user("octocat").rest.repos.createRepoRuleset({
    owner,
    repo,
    name: `rules ${rules.map((rule) => rule.type).join(" ")}`,
    enforcement: "active",
    conditions: { ref_name: { include, exclude: [] } },
    rules: rules as never,
  });

const moveMain = (sha: string, login?: string, force = false) =>
  (login ? fixture.user(login) : fixture.app()).rest.git.updateRef({ owner, repo, ref: "heads/main", sha, force });

/** A merge commit of `side` into main's tip (not on any branch yet). */
async function mergeCommit(): Promise<string> {
  const main = fixture.initialSha;
  const side = await commitOnto(fixture, main, { "side.txt": "side\n" });
  const ahead = await commitOnto(fixture, main, { "ahead.txt": "ahead\n" });
  const tree = (await fixture.repo.git.getCommit(ahead))?.tree ?? "";
  const merge = await fixture.repo.git.createCommit({ message: "Merge side", tree, parents: [ahead, side] });
  return merge.sha;
}

describe("Ruleset push rules", () => {
  it("deletion and non_fast_forward refuse deleting and force-pushing the branch, to admins and apps alike", async () => {
    await ruleset([{ type: "deletion" }, { type: "non_fast_forward" }]);
    const unrelated = await fixture.repo.git.createCommit({
      message: "elsewhere",
      tree: (await fixture.repo.git.getCommit(fixture.initialSha))?.tree ?? "",
      parents: [],
    });
    for (const login of [undefined, "octocat"]) {
      const octokit = login ? fixture.user(login) : fixture.app();
      expect(await requestFailure(octokit.rest.git.deleteRef({ owner, repo, ref: "heads/main" }))).toMatchObject({
        status: 422,
        message: violations("Cannot delete this branch"),
      });
      expect(await requestFailure(moveMain(unrelated.sha, login, true))).toMatchObject({
        status: 422,
        message: violations("Cannot force-push to this branch"),
      });
    }
    const next = await commitOnto(fixture, fixture.initialSha, { "next.txt": "next\n" });
    expect((await moveMain(next)).status).toBe(200);
    // other branches are not under the ruleset
    await commitTo(fixture, "feature", { "f.txt": "f\n" });
    expect((await fixture.app().rest.git.deleteRef({ owner, repo, ref: "heads/feature" })).status).toBe(204);
  });

  it("creation refuses a new matching branch with GitHub's plain 422 and leaves the others", async () => {
    await ruleset([{ type: "creation" }], ["refs/heads/release/**"]);
    const create = (ref: string) =>
      fixture.user("octocat").rest.git.createRef({ owner, repo, ref, sha: fixture.initialSha });
    expect(await requestFailure(create("refs/heads/release/1.0"))).toMatchObject({
      status: 422,
      message: "Reference update failed",
    });
    expect((await create("refs/heads/feature")).status).toBe(201);
    expect(await fixture.repo.git.getRef("refs/heads/release/1.0")).toBeUndefined();
  });

  it("update refuses moving the branch through the refs API (422) and the contents API (409)", async () => {
    await ruleset([{ type: "update", parameters: { update_allows_fetch_and_merge: false } }]);
    const next = await commitOnto(fixture, fixture.initialSha, { "next.txt": "next\n" });
    expect(await requestFailure(moveMain(next, "octocat"))).toMatchObject({
      status: 422,
      message: violations("Cannot update this protected ref."),
    });
    const put = fixture.app().rest.repos.createOrUpdateFileContents({
      owner,
      repo,
      path: "new.txt",
      message: "add",
      content: Buffer.from("new\n").toString("base64"),
    });
    expect(await requestFailure(put)).toMatchObject({
      status: 409,
      message: violations("Cannot update this protected ref."),
    });
    // pointing the ref where it already is moves nothing
    expect((await moveMain(fixture.initialSha)).status).toBe(200);
    expect(await fixture.repo.git.getRef("refs/heads/main")).toBe(fixture.initialSha);
  });

  it("required_linear_history refuses new commits that hold a merge commit, on every write path", async () => {
    await ruleset([{ type: "required_linear_history" }], ["~DEFAULT_BRANCH", "refs/heads/release/*"]);
    const merge = await mergeCommit();
    expect(await requestFailure(moveMain(merge, "octocat"))).toMatchObject({
      status: 422,
      message: violations("This branch must not contain merge commits."),
    });
    const created = fixture.app().rest.git.createRef({ owner, repo, ref: "refs/heads/release/2", sha: merge });
    expect(await requestFailure(created)).toMatchObject({
      status: 422,
      message: violations("This branch must not contain merge commits."),
    });
    await commitTo(fixture, "topic", { "topic.txt": "topic\n" });
    const merges = fixture.user("octocat").rest.repos.merge({ owner, repo, base: "main", head: "topic" });
    expect(await requestFailure(merges)).toMatchObject({
      status: 409,
      message: violations("This branch must not contain merge commits."),
    });
    expect(await fixture.repo.git.getRef("refs/heads/main")).toBe(fixture.initialSha);
    // a linear commit passes, and so does a branch whose merge commits are on main already
    const linear = await commitOnto(fixture, fixture.initialSha, { "linear.txt": "l\n" });
    expect((await moveMain(linear)).status).toBe(200);
    await commitTo(fixture, "merged", {}, { from: merge });
    await commitTo(fixture, "merged", { "after.txt": "a\n" });
    expect(
      (await fixture.app().rest.git.createRef({ owner, repo, ref: "refs/heads/release/3", sha: merge })).status,
    ).toBe(201);
  });

  it("judge update-branch as a push to the head: its merge commit breaks a head's linear history", async () => {
    await commitTo(fixture, "feature", { "feature.txt": "f\n" });
    const pull = await openPull(fixture, "feature");
    await commitTo(fixture, "main", { "main.txt": "m\n" });
    const head = await fixture.repo.git.getRef("refs/heads/feature");
    await ruleset([{ type: "required_linear_history" }], ["refs/heads/feature"]);
    const update = fixture.app().rest.pulls.updateBranch({ owner, repo, pull_number: pull });
    expect(await requestFailure(update)).toMatchObject({
      status: 422,
      message: violations("This branch must not contain merge commits."),
    });
    expect(await fixture.repo.git.getRef("refs/heads/feature")).toBe(head);
  });

  it("are listed by GET /rules/branches/{branch} and enforce nothing while evaluated", async () => {
    const { data } = await ruleset([
      { type: "deletion" },
      { type: "update", parameters: { update_allows_fetch_and_merge: true } },
    ]);
    const listed = (await fixture.user("reader").rest.repos.getBranchRules({ owner, repo, branch: "main" })).data;
    const source = { ruleset_source_type: "Repository", ruleset_source: "acme/widgets", ruleset_id: data.id };
    expect(listed).toEqual([
      { type: "deletion", ...source },
      { type: "update", parameters: { update_allows_fetch_and_merge: true }, ...source },
    ]);
    await fixture
      .user("octocat")
      .rest.repos.updateRepoRuleset({ owner, repo, ruleset_id: data.id, enforcement: "evaluate" });
    const next = await commitOnto(fixture, fixture.initialSha, { "next.txt": "next\n" });
    expect((await moveMain(next)).status).toBe(200);
  });
});

describe("Classic protection's required_linear_history on a push", () => {
  it("refuses a merge commit to a writer and lets an admin through when enforce_admins is off", async () => {
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
    const merge = await mergeCommit();
    expect(await requestFailure(moveMain(merge, "writer"))).toMatchObject({
      status: 422,
      message: "This branch must not contain merge commits.",
    });
    expect(await requestFailure(moveMain(merge))).toMatchObject({ status: 422 });
    expect((await moveMain(merge, "octocat")).status).toBe(200);
  });
});

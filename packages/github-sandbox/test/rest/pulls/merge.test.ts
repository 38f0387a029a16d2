import { describe, expect, it } from "vitest";
import { useRestFixture } from "../rest-fixture.js";
import { commitTo, eventNames, failure, openPull, tenLines } from "./pull-helpers.js";

const fixture = useRestFixture({ perTest: true });

const repo = (): { owner: string; repo: string } => ({ owner: fixture.owner, repo: fixture.name });
const mainTip = async (): Promise<string | undefined> => fixture.repo.git.getRef("refs/heads/main");

/** feature: two commits off the initial one; main: one unrelated commit since. */
async function divergedFeature(): Promise<{ head: string; base: string }> {
  await commitTo(fixture, "feature", { "a.txt": "a\n" }, { message: "first" });
  const head = await commitTo(fixture, "feature", { "b.txt": "b\n" }, { message: "second" });
  const base = await commitTo(fixture, "main", { "main.txt": "m\n" }, { message: "on main" });
  return { head, base };
}

describe("pulls/merge", () => {
  it("merges with a merge commit [base, head] and GitHub's default message, moving main", async () => {
    const { head, base } = await divergedFeature();
    await openPull(fixture, "feature", { title: "Feature work" });
    const octokit = fixture.app();
    expect((await failure(octokit.rest.pulls.checkIfMerged({ ...repo(), pull_number: 1 }))).status).toBe(404);

    const { data } = await octokit.rest.pulls.merge({ ...repo(), pull_number: 1, sha: head });
    expect(data).toEqual({ sha: data.sha, merged: true, message: "Pull Request successfully merged" });
    expect(await mainTip()).toBe(data.sha);
    const commit = await fixture.repo.git.getCommit(data.sha);
    expect(commit?.parents).toEqual([base, head]);
    expect(commit?.message).toBe("Merge pull request #1 from acme/feature\n\nFeature work");
    expect(commit?.committer.name).toBe("GitHub");

    const pull = (await octokit.rest.pulls.get({ ...repo(), pull_number: 1 })).data;
    expect(pull).toMatchObject({
      state: "closed",
      merged: true,
      merge_commit_sha: data.sha,
      mergeable: null,
      commits: 2,
    });
    expect(pull.merged_by?.login).toBe("autopilot-sandbox[bot]");
    expect((await octokit.rest.pulls.checkIfMerged({ ...repo(), pull_number: 1 })).status).toBe(204);

    expect(eventNames(fixture)).toEqual([
      "pull_request.opened",
      "push",
      "check_suite.requested",
      "pull_request.closed",
    ]);
    const push = fixture.events[1];
    expect(push).toMatchObject({ name: "push", ref: "refs/heads/main", before: base, after: data.sha });
    const closed = fixture.events[3];
    expect(closed && "pull" in closed ? closed.pull.pull : undefined).toMatchObject({
      merged: true,
      mergeCommitSha: data.sha,
    });
  });

  it("squashes into one commit titled 'Title (#N)' listing the commits", async () => {
    const { base } = await divergedFeature();
    await openPull(fixture, "feature", { title: "Feature work" });
    const { data } = await fixture.app().rest.pulls.merge({ ...repo(), pull_number: 1, merge_method: "squash" });
    const commit = await fixture.repo.git.getCommit(data.sha);
    expect(await mainTip()).toBe(data.sha);
    expect(commit?.parents).toEqual([base]);
    expect(commit?.message).toBe("Feature work (#1)\n\n* first\n\n* second");
    expect((await fixture.repo.git.listFiles(data.sha)).sort()).toEqual(["README.md", "a.txt", "b.txt", "main.txt"]);
  });

  it("rebases head's commits onto main, keeping their messages", async () => {
    const { base } = await divergedFeature();
    await openPull(fixture, "feature");
    const { data } = await fixture.app().rest.pulls.merge({ ...repo(), pull_number: 1, merge_method: "rebase" });
    expect(await mainTip()).toBe(data.sha);
    const second = await fixture.repo.git.getCommit(data.sha);
    const first = await fixture.repo.git.getCommit(second?.parents[0] ?? "");
    expect([first?.message, second?.message]).toEqual(["first", "second"]);
    expect(first?.parents).toEqual([base]);
  });

  it("uses commit_title and commit_message when given", async () => {
    await divergedFeature();
    await openPull(fixture, "feature");
    const { data } = await fixture
      .app()
      .rest.pulls.merge({ ...repo(), pull_number: 1, commit_title: "Ship it", commit_message: "Details" });
    expect((await fixture.repo.git.getCommit(data.sha))?.message).toBe("Ship it\n\nDetails");
  });

  it("answers 409 when the head moved past `sha`, leaving main alone", async () => {
    const { head, base } = await divergedFeature();
    await openPull(fixture, "feature");
    const stale = await failure(fixture.app().rest.pulls.merge({ ...repo(), pull_number: 1, sha: fixture.initialSha }));
    expect(stale).toMatchObject({
      status: 409,
      data: { message: "Head branch was modified. Review and try the merge again." },
    });
    expect(await mainTip()).toBe(base);
    expect(head).toMatch(/^[0-9a-f]{40}$/);
  });

  it("answers 405 for a conflict, a draft, and a merged pull request", async () => {
    await commitTo(fixture, "feature", { "README.md": "# widgets (feature)\n" });
    await commitTo(fixture, "main", { "README.md": "# widgets (main)\n" });
    await openPull(fixture, "feature");
    const conflict = await failure(fixture.app().rest.pulls.merge({ ...repo(), pull_number: 1 }));
    expect(conflict).toMatchObject({ status: 405, data: { message: "Pull Request is not mergeable" } });
    const pull = (await fixture.app().rest.pulls.get({ ...repo(), pull_number: 1 })).data;
    expect(pull).toMatchObject({ mergeable: false, mergeable_state: "dirty" });

    await commitTo(fixture, "draft", { "d.txt": "d\n" });
    await openPull(fixture, "draft", { draft: true });
    const draft = await failure(fixture.app().rest.pulls.merge({ ...repo(), pull_number: 2 }));
    expect(draft).toMatchObject({ status: 405, data: { message: "Pull Request is still a draft" } });

    await commitTo(fixture, "clean", { "c.txt": "c\n" });
    await openPull(fixture, "clean");
    await fixture.app().rest.pulls.merge({ ...repo(), pull_number: 3 });
    const again = await failure(fixture.app().rest.pulls.merge({ ...repo(), pull_number: 3 }));
    expect(again).toMatchObject({ status: 405, data: { message: "Pull Request is not mergeable" } });
  });

  it("recomputes the merge when main moved between reading and writing it", async () => {
    await commitTo(fixture, "feature", { "a.txt": "a\n" });
    await openPull(fixture, "feature");
    const git = fixture.repo.git;
    const updateRef = git.updateRef.bind(git);
    let raced = "";
    let racing = false;
    git.updateRef = async (ref, sha, options) => {
      if (!racing && ref === "refs/heads/main") {
        racing = true; // the push below goes through this same method
        raced = await commitTo(fixture, "main", { "race.txt": "r\n" });
      }
      return updateRef(ref, sha, options);
    };
    const { data } = await fixture.app().rest.pulls.merge({ ...repo(), pull_number: 1 });
    expect(raced).toMatch(/^[0-9a-f]{40}$/);
    expect(await mainTip()).toBe(data.sha);
    expect((await git.getCommit(data.sha))?.parents[0]).toBe(raced);
    expect((await git.listFiles(data.sha)).sort()).toEqual(["README.md", "a.txt", "race.txt"]);
  });

  it("reports mergeable_state clean while an unprotected main has commits the head lacks, as GitHub does", async () => {
    await commitTo(fixture, "feature", { "a.txt": "a\n" });
    await openPull(fixture, "feature");
    expect((await fixture.app().rest.pulls.get({ ...repo(), pull_number: 1 })).data.mergeable_state).toBe("clean");
    await commitTo(fixture, "main", { "main.txt": "m\n" });
    const behind = (await fixture.app().rest.pulls.get({ ...repo(), pull_number: 1 })).data;
    // `behind` only when main's protection requires an up-to-date head (protected-merge.test.ts)
    expect(behind).toMatchObject({ mergeable: true, mergeable_state: "clean" });
  });

  it("needs contents write from an installation and push access from a user", async () => {
    await commitTo(fixture, "feature", { "a.txt": tenLines });
    await openPull(fixture, "feature");
    const readOnly = fixture.narrowedApp({ pull_requests: "write", contents: "read" });
    expect((await failure(readOnly.rest.pulls.merge({ ...repo(), pull_number: 1 }))).status).toBe(403);
    const reader = await failure(fixture.user("reader").rest.pulls.merge({ ...repo(), pull_number: 1 }));
    expect(reader).toMatchObject({ status: 403, data: { message: "Must have push access to this repository." } });
    expect((await fixture.user("octocat").rest.pulls.merge({ ...repo(), pull_number: 1 })).data.merged).toBe(true);
  });
});

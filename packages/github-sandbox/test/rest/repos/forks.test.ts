import { describe, expect, it } from "vitest";
import { loggedErrors, useRestFixture } from "../rest-fixture.js";

/** Forks, enough for pull requests from an outsider's fork (the security tests' fork author). */
describe("forks and pull requests from a fork", () => {
  const fixture = useRestFixture({ setUp: ({ ctx }) => void ctx.state.ensureUser("mallory") });
  const owner = "acme";
  const repo = "widgets";

  it("forks into the caller's account with the parent's branches, and opens a pull request from the fork's branch", async () => {
    const mallory = fixture.user("mallory");
    const { data: fork, status } = await mallory.rest.repos.createFork({ owner, repo });
    expect(status).toBe(202);
    expect(fork).toMatchObject({
      full_name: "mallory/widgets",
      fork: true,
      owner: { login: "mallory" },
      permissions: { admin: true },
    });
    expect((await mallory.rest.repos.getBranch({ owner: "mallory", repo, branch: "main" })).data.commit.sha).toBe(
      fixture.initialSha,
    );

    const mine = { owner: "mallory", repo };
    const baseTree = (await mallory.rest.git.getCommit({ ...mine, commit_sha: fixture.initialSha })).data.tree.sha;
    const tree = await mallory.rest.git.createTree({
      ...mine,
      base_tree: baseTree,
      tree: [{ path: "x.txt", mode: "100644", type: "blob", content: "x\n" }],
    });
    const commit = await mallory.rest.git.createCommit({
      ...mine,
      message: "x",
      tree: tree.data.sha,
      parents: [fixture.initialSha],
    });
    await mallory.rest.git.createRef({ ...mine, ref: "refs/heads/autopilot/T-1-x", sha: commit.data.sha });

    const { data: pull } = await mallory.rest.pulls.create({
      owner,
      repo,
      head: "mallory:autopilot/T-1-x",
      base: "main",
      title: "From a fork",
    });
    expect(pull.head).toMatchObject({
      label: "mallory:autopilot/T-1-x",
      ref: "autopilot/T-1-x",
      sha: commit.data.sha,
      repo: { full_name: "mallory/widgets", fork: true },
    });
    expect(pull.base.repo.full_name).toBe("acme/widgets");
    // the parent keeps the fork's head: it compares and lists the change
    const files = await fixture.app().rest.pulls.listFiles({ owner, repo, pull_number: pull.number });
    expect(files.data.map((file) => file.filename)).toEqual(["x.txt"]);
    // a same-named branch of the parent is another branch: the head filter tells them apart
    expect((await fixture.app().rest.pulls.list({ owner, repo, head: "acme:autopilot/T-1-x" })).data).toEqual([]);
    expect(
      (await fixture.app().rest.pulls.list({ owner, repo, head: "mallory:autopilot/T-1-x" })).data.map(
        (item) => item.number,
      ),
    ).toEqual([pull.number]);
    expect(loggedErrors(fixture)).toEqual([]);
  });

  it("refuses a head owner that has no fork of the repository", async () => {
    await expect(
      fixture.user("mallory").rest.pulls.create({ owner, repo, head: "nobody:main", base: "main", title: "x" }),
    ).rejects.toMatchObject({ status: 422 });
  });
});

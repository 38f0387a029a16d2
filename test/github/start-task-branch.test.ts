import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  headMoved,
  KnownCommits,
  octokitPort,
  pullAlreadyExists,
  refAlreadyExists,
  startTaskBranch,
} from "../../src/github/index.js";
import { startGithubFixture, type GithubFixture } from "./github-fixture.js";

let gh: GithubFixture;
const repo = { owner: "acme", repo: "widgets" } as const;
beforeAll(async () => {
  gh = await startGithubFixture();
});
afterAll(() => gh.close());

const operations = (mark: number) => gh.callsSince(mark).map((call) => call.operationId);
const mainHead = async () => (await gh.user.rest.git.getRef({ ...repo, ref: "heads/main" })).data.object.sha;

const startOf = (branch: string, base: string) => ({
  branch,
  base,
  baseBranch: "main",
  message: "autopilot: T-1 task file\n\nTask: T-1\n",
  files: { "ops/tasks/T-1.md": "# T-1\n" },
  pull: { title: "[T-1] Sort", body: "Closes #1" },
});

describe("startTaskBranch", () => {
  it("creates the branch, commits the files on it and opens a draft in one request", async () => {
    const repositoryId = (await gh.user.rest.repos.get(repo)).data.node_id;
    const base = await mainHead();
    const mark = gh.mark();
    const started = await startTaskBranch(gh.app, { ...repo, repositoryId, ...startOf("autopilot/T-1", base) });
    expect(operations(mark)).toEqual(["graphql"]);
    expect(started.branch).toEqual({ ok: true, value: true });
    expect(started.commit.ok && started.commit.value.refId).toEqual(expect.any(String));
    if (!started.commit.ok || !started.pull.ok) throw new Error("expected the commit and the pull request");
    const pull = (await gh.user.rest.pulls.get({ ...repo, pull_number: started.pull.value.number })).data;
    expect(pull).toMatchObject({
      draft: true,
      title: "[T-1] Sort",
      body: "Closes #1",
      node_id: started.pull.value.node_id,
    });
    expect(pull.head).toMatchObject({ ref: "autopilot/T-1", sha: started.commit.value.sha });
    const commit = (await gh.user.rest.git.getCommit({ ...repo, commit_sha: started.commit.value.sha })).data;
    expect(commit.parents.map((parent) => parent.sha)).toEqual([base]);
    expect(commit.message).toBe("autopilot: T-1 task file\n\nTask: T-1\n");
  });

  it("answers each part GitHub refused on its own, in GitHub's words, when all three exist", async () => {
    const repositoryId = (await gh.user.rest.repos.get(repo)).data.node_id;
    const again = await startTaskBranch(gh.app, {
      ...repo,
      repositoryId,
      ...startOf("autopilot/T-1", await mainHead()),
    });
    expect(refAlreadyExists(again.branch)).toBe(true);
    expect(headMoved(again.commit)).toBe(true);
    expect(pullAlreadyExists(again.pull)).toBe(true);
    expect(refAlreadyExists(again.pull)).toBe(false);
    expect((await gh.user.rest.pulls.list({ ...repo, head: "acme:autopilot/T-1", state: "all" })).data).toHaveLength(1);
  });

  it("throws a request refused as a whole (no part answered) as Octokit threw it", async () => {
    // a variable GitHub cannot take: the document is not run at all
    const base = undefined as unknown as string;
    await expect(
      startTaskBranch(gh.app, { ...repo, repositoryId: "R_x", ...startOf("autopilot/T-2", base) }),
    ).rejects.toThrow(/base/);
  });
});

describe("the port's startTaskBranch", () => {
  it("sends nothing while the instance does not know the repository's node id", async () => {
    const mark = gh.mark();
    const port = octokitPort(gh.app, repo, { knownCommits: new KnownCommits() });
    expect(await port.startTaskBranch(startOf("autopilot/T-3", await mainHead()))).toBeUndefined();
    expect(operations(mark)).toEqual(["git/get-ref"]);
  });

  it("keeps the branch's head and ref id, so the next commit and the branch's deletion need no read", async () => {
    const known = new KnownCommits();
    known.setRepositoryId("acme/widgets", (await gh.user.rest.repos.get(repo)).data.node_id);
    const port = octokitPort(gh.app, repo, { knownCommits: known });
    const started = await port.startTaskBranch(startOf("autopilot/T-4", await mainHead()));
    if (!started?.commit.ok) throw new Error("expected the commit");
    expect(known.head("acme/widgets", "autopilot/T-4")).toBe(started.commit.value.sha);
    expect(known.refId("acme/widgets", "autopilot/T-4")).toBe(started.commit.value.refId);
    expect(known.file("acme/widgets", started.commit.value.sha, "ops/tasks/T-1.md")).toEqual({
      known: true,
      content: "# T-1\n",
    });
  });
});

import { Buffer } from "node:buffer";
import { describe, expect, it } from "vitest";
import { createsContent } from "../../src/http/index.js";
import { commitTo } from "../rest/pulls/pull-helpers.js";
import { eventNames, useRestFixture, type TestOctokit } from "../rest/rest-fixture.js";

const fixture = useRestFixture({ perTest: true });
const repo = { owner: "acme", repo: "widgets" };

/** A task's start as one document: the branch, a commit on it, a draft pull request from it. */
const startDocument = `mutation ($repo: ID!, $name: String!, $oid: GitObjectID!, $commit: CreateCommitOnBranchInput!,
    $head: String!) {
  branch: createRef(input: { repositoryId: $repo, name: $name, oid: $oid, clientMutationId: "b" }) {
    clientMutationId ref { id name prefix }
  }
  commit: createCommitOnBranch(input: $commit) { commit { oid } ref { id } }
  pull: createPullRequest(input: { repositoryId: $repo, baseRefName: "main", headRefName: $head,
      title: "[T-1] Sort", body: "Closes #1", draft: true }) {
    pullRequest { id number isDraft headRefName baseRefName title }
  }
}`;

const b64 = (text: string) => Buffer.from(text).toString("base64");

async function raw(octokit: TestOctokit, query: string, variables: Record<string, unknown>) {
  return (await octokit.request("POST /graphql", { query, variables })).data as {
    data?: Record<string, any>;
    errors?: { type?: string; path?: string[]; message: string }[];
  };
}

async function start(branch: string, oid: string, octokit = fixture.app()) {
  const id = (await fixture.app().rest.repos.get(repo)).data.node_id;
  return raw(octokit, startDocument, {
    repo: id,
    name: `refs/heads/${branch}`,
    oid,
    head: branch,
    commit: {
      branch: { repositoryNameWithOwner: "acme/widgets", branchName: branch },
      expectedHeadOid: oid,
      message: { headline: "task file" },
      fileChanges: { additions: [{ path: "ops/tasks/T-1.md", contents: b64("# T-1\n") }] },
    },
  });
}

describe("GraphQL createRef and createPullRequest", () => {
  it("creates the branch, commits on it and opens the draft in one request, announced as REST announces them", async () => {
    fixture.events.length = 0;
    const answer = await start("autopilot/T-1", fixture.initialSha);
    expect(answer.errors).toBeUndefined();
    const { branch, commit, pull } = answer.data!;
    expect(branch).toMatchObject({ clientMutationId: "b", ref: { name: "autopilot/T-1", prefix: "refs/heads/" } });
    expect(commit.ref.id).toBe(branch.ref.id);
    expect(await fixture.repo.git.getRef("refs/heads/autopilot/T-1")).toBe(commit.commit.oid);
    expect(pull.pullRequest).toMatchObject({
      isDraft: true,
      headRefName: "autopilot/T-1",
      baseRefName: "main",
      title: "[T-1] Sort",
    });
    const rest = (await fixture.app().rest.pulls.get({ ...repo, pull_number: pull.pullRequest.number })).data;
    expect(rest).toMatchObject({ draft: true, node_id: pull.pullRequest.id, body: "Closes #1" });
    expect(rest.head.sha).toBe(commit.commit.oid);
    expect(rest.user?.login).toBe("autopilot-sandbox[bot]");
    // the webhooks REST's create-ref, a push and POST /pulls send, in order
    const viaGraphql = eventNames(fixture);
    const opened = fixture.events.at(-1) as unknown as { pull: { pull: { draft: boolean } } };
    expect(opened.pull.pull.draft).toBe(true);
    fixture.events.length = 0;
    await fixture.app().rest.git.createRef({ ...repo, ref: "refs/heads/rest", sha: fixture.initialSha });
    const viaRest = eventNames(fixture);
    // REST's create-ref announces the new branch as a push (GitHub: `created: true`), as createRef did
    expect(viaRest).toEqual(["push"]);
    expect(viaGraphql).toEqual([
      "push",
      "check_suite.requested",
      "push",
      "check_suite.requested",
      "pull_request.opened",
    ]);
    for (const event of fixture.events) expect(event.sender.login).toBe("autopilot-sandbox[bot]");
  });

  it("answers each part on its own when the branch and the pull request exist: nothing is created twice", async () => {
    await start("autopilot/T-1", fixture.initialSha);
    fixture.events.length = 0;
    const again = await start("autopilot/T-1", fixture.initialSha);
    expect(again.data).toEqual({ branch: null, commit: null, pull: null });
    expect(again.errors).toEqual([
      expect.objectContaining({
        type: "UNPROCESSABLE",
        path: ["branch"],
        message: 'A ref named "refs/heads/autopilot/T-1" already exists in the repository.',
      }),
      expect.objectContaining({
        type: "STALE_DATA",
        path: ["commit"],
        message: `Expected branch to point to "${fixture.initialSha}" but it did not.  Pull and try again.`,
      }),
      expect.objectContaining({
        type: "UNPROCESSABLE",
        path: ["pull"],
        message: "A pull request already exists for acme:autopilot/T-1.",
      }),
    ]);
    expect(fixture.events).toEqual([]);
    expect((await fixture.app().rest.pulls.list({ ...repo, state: "all" })).data).toHaveLength(1);
  });

  it("commits on a branch that exists at the expected head, and opens the pull request from it", async () => {
    await fixture.app().rest.git.createRef({ ...repo, ref: "refs/heads/autopilot/T-1", sha: fixture.initialSha });
    const answer = await start("autopilot/T-1", fixture.initialSha);
    expect(answer.errors?.map((error) => error.path?.[0])).toEqual(["branch"]);
    expect(answer.data?.commit.commit.oid).toBe(await fixture.repo.git.getRef("refs/heads/autopilot/T-1"));
    expect(answer.data?.pull.pullRequest.isDraft).toBe(true);
  });

  it("opens one pull request when two requests open the same head at the same moment", async () => {
    await commitTo(fixture, "feature", { "a.txt": "1\n" });
    const id = (await fixture.app().rest.repos.get(repo)).data.node_id;
    const open = () =>
      raw(
        fixture.app(),
        `mutation ($repo: ID!) { createPullRequest(input: { repositoryId: $repo, baseRefName: "main",
          headRefName: "feature", title: "t" }) { pullRequest { number } } }`,
        { repo: id },
      );
    const answers = await Promise.all([open(), open(), open()]);
    expect(answers.filter((answer) => answer.errors === undefined)).toHaveLength(1);
    expect(answers.flatMap((answer) => answer.errors ?? []).map((error) => error.message)).toEqual([
      "A pull request already exists for acme:feature.",
      "A pull request already exists for acme:feature.",
    ]);
    expect((await fixture.app().rest.pulls.list({ ...repo, state: "all" })).data).toHaveLength(1);
  });

  it("refuses a pull request with no commits between base and head, as REST does", async () => {
    await fixture.app().rest.git.createRef({ ...repo, ref: "refs/heads/empty", sha: fixture.initialSha });
    const id = (await fixture.app().rest.repos.get(repo)).data.node_id;
    const answer = await raw(
      fixture.app(),
      `mutation ($repo: ID!) { createPullRequest(input: { repositoryId: $repo, baseRefName: "main",
        headRefName: "empty", title: "t" }) { pullRequest { number } } }`,
      { repo: id },
    );
    expect(answer.errors).toEqual([
      expect.objectContaining({ type: "UNPROCESSABLE", message: "No commits between main and empty" }),
    ]);
  });

  it("asks contents write for the ref and pull_requests write for the pull request", async () => {
    await commitTo(fixture, "feature", { "a.txt": "1\n" });
    const readContents = fixture.narrowedApp({ contents: "read", pull_requests: "write", metadata: "read" });
    const refused = await start("autopilot/T-2", fixture.initialSha, readContents);
    expect(refused.errors?.[0]).toMatchObject({ type: "FORBIDDEN", path: ["branch"] });
    expect(await fixture.repo.git.getRef("refs/heads/autopilot/T-2")).toBeUndefined();

    const readPulls = fixture.narrowedApp({ contents: "write", pull_requests: "read", metadata: "read" });
    const id = (await fixture.app().rest.repos.get(repo)).data.node_id;
    const answer = await raw(
      readPulls,
      `mutation ($repo: ID!) { createPullRequest(input: { repositoryId: $repo, baseRefName: "main",
        headRefName: "feature", title: "t" }) { pullRequest { number } } }`,
      { repo: id },
    );
    expect(answer.errors?.[0]).toMatchObject({ type: "FORBIDDEN", message: "Resource not accessible by integration" });
    expect((await fixture.app().rest.pulls.list({ ...repo, state: "all" })).data).toEqual([]);
  });

  it("answers NOT_FOUND for a repository id that names nothing", async () => {
    const answer = await raw(
      fixture.app(),
      `mutation ($oid: GitObjectID!) { createRef(input: { repositoryId: "R_nothing", name: "refs/heads/x", oid: $oid }) { ref { id } } }`,
      { oid: fixture.initialSha },
    );
    expect(answer.errors?.[0]).toMatchObject({
      type: "NOT_FOUND",
      message: "Could not resolve to a node with the global id of 'R_nothing'.",
    });
  });

  it("counts as a content-creating request, like every mutation", () => {
    const body = Buffer.from(JSON.stringify({ query: startDocument, variables: {} }));
    expect(createsContent("POST", "graphql", body)).toBe(true);
  });
});

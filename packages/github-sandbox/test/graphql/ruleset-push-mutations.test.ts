import { Buffer } from "node:buffer";
import { describe, expect, it } from "vitest";
import { useRestFixture } from "../rest/rest-fixture.js";

const fixture = useRestFixture({ perTest: true });
const owner = "acme";
const repo = "widgets";

type Answer = { data?: Record<string, unknown> | null; errors?: { type?: string; message: string }[] };
const run = async (query: string, variables: Record<string, unknown>): Promise<Answer> =>
  (await fixture.app().request("POST /graphql", { query, variables })).data as Answer;

const ruleset = (rules: { type: string }[], include: string[]) =>
  fixture.user("octocat").rest.repos.createRepoRuleset({
    owner,
    repo,
    name: "push rules",
    enforcement: "active",
    conditions: { ref_name: { include, exclude: [] } },
    rules: rules as never,
  });

const commitOnMain = `mutation ($input: CreateCommitOnBranchInput!) { createCommitOnBranch(input: $input) { commit { oid } } }`;
const createRef = `mutation ($repo: ID!, $name: String!, $oid: GitObjectID!) {
  createRef(input: { repositoryId: $repo, name: $name, oid: $oid }) { ref { name } } }`;
const deleteRef = `mutation ($id: ID!) { deleteRef(input: { refId: $id }) { clientMutationId } }`;

describe("GraphQL ref mutations under ruleset push rules", () => {
  it("refuse what the refs API refuses: updating, creating and deleting a restricted branch", async () => {
    await ruleset(
      [{ type: "update" }, { type: "deletion" }, { type: "creation" }],
      ["~DEFAULT_BRANCH", "refs/heads/release/*"],
    );
    const commit = await run(commitOnMain, {
      input: {
        branch: { repositoryNameWithOwner: "acme/widgets", branchName: "main" },
        expectedHeadOid: fixture.initialSha,
        message: { headline: "Change" },
        fileChanges: { additions: [{ path: "a.txt", contents: Buffer.from("a\n").toString("base64") }] },
      },
    });
    expect(commit.errors?.[0]).toMatchObject({
      type: "UNPROCESSABLE",
      message: "Repository rule violations found\n\nCannot update this protected ref.\n\n",
    });

    const repositoryId = (await fixture.app().rest.repos.get({ owner, repo })).data.node_id;
    const created = await run(createRef, { repo: repositoryId, name: "refs/heads/release/1", oid: fixture.initialSha });
    expect(created.errors?.[0]).toMatchObject({ type: "UNPROCESSABLE", message: "Reference update failed" });

    const refId = Buffer.from(`Ref:${fixture.repo.id}:refs/heads/main`).toString("base64");
    const deleted = await run(deleteRef, { id: refId });
    expect(deleted.errors?.[0]).toMatchObject({
      type: "UNPROCESSABLE",
      message: "Repository rule violations found\n\nCannot delete this branch\n\n",
    });
    expect(await fixture.repo.git.getRef("refs/heads/main")).toBe(fixture.initialSha);
    expect(await fixture.repo.git.getRef("refs/heads/release/1")).toBeUndefined();
  });
});

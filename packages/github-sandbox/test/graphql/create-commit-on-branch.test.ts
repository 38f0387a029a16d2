import { describe, expect, it } from "vitest";
import { commitTo, openPull } from "../rest/pulls/pull-helpers.js";
import { eventNames, useRestFixture } from "../rest/rest-fixture.js";

const fixture = useRestFixture({ perTest: true });

const mutation = `mutation ($input: CreateCommitOnBranchInput!) {
  createCommitOnBranch(input: $input) { clientMutationId commit { oid message url } }
}`;

const b64 = (text: string) => Buffer.from(text).toString("base64");

/** The raw GraphQL answer (octokit.graphql would throw on errors). */
async function commit(
  input: Record<string, unknown>,
  octokit = fixture.app(),
): Promise<{ data?: { createCommitOnBranch: { commit: { oid: string; message: string } } | null }; errors?: any[] }> {
  return (await octokit.request("POST /graphql", { query: mutation, variables: { input } })).data as never;
}

const on = (
  branchName: string,
  expectedHeadOid: string,
  fileChanges: Record<string, unknown>,
  headline = "Change",
) => ({
  branch: { repositoryNameWithOwner: "acme/widgets", branchName },
  expectedHeadOid,
  fileChanges,
  message: { headline, body: "Why it changed." },
  clientMutationId: "c1",
});

describe("GraphQL createCommitOnBranch", () => {
  it("commits additions and deletions on the expected head, moves the branch and announces the push", async () => {
    const head = await commitTo(fixture, "state", { "ops/queue.jsonl": "one\n", "old.txt": "gone\n" });
    fixture.events.length = 0;
    const answer = await commit(
      on("state", head, {
        additions: [{ path: "ops/queue.jsonl", contents: b64("one\ntwo\n") }],
        deletions: [{ path: "old.txt" }],
      }),
    );
    expect(answer.errors).toBeUndefined();
    const created = answer.data?.createCommitOnBranch?.commit;
    expect(created?.message).toBe("Change\n\nWhy it changed.");
    expect(await fixture.repo.git.getRef("refs/heads/state")).toBe(created?.oid);
    expect((await fixture.repo.git.readFile("state", "ops/queue.jsonl"))?.content.toString()).toBe("one\ntwo\n");
    expect(await fixture.repo.git.readFile("state", "old.txt")).toBeUndefined();
    expect(eventNames(fixture)).toContain("push");
  });

  it("answers STALE_DATA on a 200, and moves nothing, when the branch is not where the caller thinks", async () => {
    const first = await commitTo(fixture, "state", { "a.txt": "1\n" });
    const moved = await commitTo(fixture, "state", { "a.txt": "2\n" });
    const answer = await commit(on("state", first, { additions: [{ path: "a.txt", contents: b64("3\n") }] }));
    expect(answer.data?.createCommitOnBranch).toBeNull();
    expect(answer.errors).toEqual([
      expect.objectContaining({
        type: "STALE_DATA",
        path: ["createCommitOnBranch"],
        message: `Expected branch to point to "${first}" but it did not.  Pull and try again.`,
      }),
    ]);
    expect(await fixture.repo.git.getRef("refs/heads/state")).toBe(moved);
  });

  it("refuses to delete a path the head does not have", async () => {
    const head = await commitTo(fixture, "state", { "a.txt": "1\n" });
    const answer = await commit(on("state", head, { deletions: [{ path: "nope.txt" }] }));
    expect(answer.errors?.[0]).toMatchObject({ type: "UNPROCESSABLE" });
    expect(answer.errors?.[0].message).toContain("does not exist as of commit oid");
  });

  it("refuses a workflow file without the workflows permission, as a push would be", async () => {
    const head = await commitTo(fixture, "state", { "a.txt": "1\n" });
    const answer = await commit(
      on("state", head, { additions: [{ path: ".github/workflows/x.yml", contents: b64("on: push\n") }] }),
    );
    expect(answer.errors?.[0]).toMatchObject({ type: "FORBIDDEN" });
    expect(await fixture.repo.git.getRef("refs/heads/state")).toBe(head);
  });

  it("refuses a protected branch that requires pull requests", async () => {
    const head = (await fixture.repo.git.getRef("refs/heads/main")) ?? "";
    await fixture.user("octocat").rest.repos.updateBranchProtection({
      owner: "acme",
      repo: "widgets",
      branch: "main",
      required_status_checks: null,
      enforce_admins: false,
      required_pull_request_reviews: { required_approving_review_count: 1 },
      restrictions: null,
    });
    const answer = await commit(on("main", head, { additions: [{ path: "a.txt", contents: b64("x\n") }] }));
    expect(answer.data?.createCommitOnBranch).toBeNull();
    expect(answer.errors?.[0].type).toBeDefined();
    expect(await fixture.repo.git.getRef("refs/heads/main")).toBe(head);
  });

  it("cannot write to a repository the token may only read", async () => {
    const head = await commitTo(fixture, "state", { "a.txt": "1\n" });
    const reader = fixture.narrowedApp({ contents: "read", metadata: "read" });
    const answer = await commit(on("state", head, { additions: [{ path: "a.txt", contents: b64("2\n") }] }), reader);
    expect(answer.errors?.[0].type).toMatch(/NOT_FOUND|FORBIDDEN/);
    expect(await fixture.repo.git.getRef("refs/heads/state")).toBe(head);
  });

  it("answers the payload's ref with the open pull requests from the branch into a base, after the commit", async () => {
    const head = await commitTo(fixture, "records", { "docs/PROGRESS.md": "one\n" });
    const number = await openPull(fixture, "records");
    const query = `mutation ($input: CreateCommitOnBranchInput!, $base: String!) {
      createCommitOnBranch(input: $input) {
        commit { oid }
        ref { name associatedPullRequests(states: [OPEN], baseRefName: $base, first: 1) { totalCount nodes { number headRefName } } }
      }
    }`;
    const input = on("records", head, { additions: [{ path: "docs/PROGRESS.md", contents: b64("two\n") }] });
    const answer = (await fixture.app().request("POST /graphql", { query, variables: { input, base: "main" } }))
      .data as any;
    expect(answer.errors).toBeUndefined();
    expect(answer.data.createCommitOnBranch.ref).toEqual({
      name: "records",
      associatedPullRequests: { totalCount: 1, nodes: [{ number, headRefName: "records" }] },
    });

    // closed, or into another base: none
    await fixture.app().rest.pulls.update({ owner: "acme", repo: "widgets", pull_number: number, state: "closed" });
    const next = on("records", answer.data.createCommitOnBranch.commit.oid, {
      additions: [{ path: "docs/PROGRESS.md", contents: b64("three\n") }],
    });
    const closed = (await fixture.app().request("POST /graphql", { query, variables: { input: next, base: "main" } }))
      .data as any;
    expect(closed.data.createCommitOnBranch.ref.associatedPullRequests).toEqual({ totalCount: 0, nodes: [] });
  });

  it("answers the payload's ref with its repository, whose files are read after the commit", async () => {
    const head = await commitTo(fixture, "state", { "a.txt": "1\n" });
    await commitTo(fixture, "main", { "ops/por.json": "{}\n" });
    const answer = (
      await fixture.app().request("POST /graphql", {
        query: `mutation ($input: CreateCommitOnBranchInput!) {
          createCommitOnBranch(input: $input) {
            ref { repository { nameWithOwner
              plan: object(expression: "main:ops/por.json") { ... on Blob { text isBinary isTruncated } }
              none: object(expression: "main:ops/none.json") { ... on Blob { text } } } }
          }
        }`,
        variables: { input: on("state", head, { additions: [{ path: "a.txt", contents: b64("2\n") }] }) },
      })
    ).data as { data: { createCommitOnBranch: { ref: { repository: Record<string, unknown> } } } };
    expect(answer.data.createCommitOnBranch.ref.repository).toEqual({
      nameWithOwner: "acme/widgets",
      plan: { text: "{}\n", isBinary: false, isTruncated: false },
      none: null,
    });
  });

  it("deletes a branch by the ref id the commit's payload gave, announced as a push; then that id resolves to nothing", async () => {
    const head = await commitTo(fixture, "task", { "a.txt": "1\n" });
    const query = `mutation ($input: CreateCommitOnBranchInput!) { createCommitOnBranch(input: $input) { ref { id } } }`;
    const input = on("task", head, { additions: [{ path: "a.txt", contents: b64("2\n") }] });
    const refId = ((await fixture.app().request("POST /graphql", { query, variables: { input } })).data as any).data
      .createCommitOnBranch.ref.id as string;
    const remove = `mutation ($id: ID!) { deleteRef(input: { refId: $id, clientMutationId: "d" }) { clientMutationId } }`;

    const reader = fixture.narrowedApp({ contents: "read", metadata: "read" });
    const refused = (await reader.request("POST /graphql", { query: remove, variables: { id: refId } })).data as any;
    expect(refused.errors?.[0].type).toMatch(/NOT_FOUND|FORBIDDEN/);
    expect(await fixture.repo.git.getRef("refs/heads/task")).toBeDefined();

    fixture.events.length = 0;
    const deleted = (await fixture.app().request("POST /graphql", { query: remove, variables: { id: refId } }))
      .data as any;
    expect(deleted).toEqual({ data: { deleteRef: { clientMutationId: "d" } } });
    expect(await fixture.repo.git.getRef("refs/heads/task")).toBeUndefined();
    expect(eventNames(fixture)).toContain("push");
    const again = (await fixture.app().request("POST /graphql", { query: remove, variables: { id: refId } }))
      .data as any;
    expect(again.errors?.[0]).toMatchObject({ type: "NOT_FOUND", path: ["deleteRef"] });
  });
});

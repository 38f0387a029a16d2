import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createIssues, finishIssue, type GithubClient, KnownLabels } from "../../src/github/index.js";
import { startGithubFixture, type GithubFixture } from "./github-fixture.js";

let gh: GithubFixture;
const repo = { owner: "acme", repo: "widgets" };
beforeAll(async () => {
  gh = await startGithubFixture();
});
afterAll(() => gh.close());
let known: KnownLabels;
beforeEach(() => {
  known = new KnownLabels();
});

const operations = (mark: number) => gh.callsSince(mark).map((call) => call.operationId);
const repositoryId = async () => (await gh.user.rest.repos.get(repo)).data.node_id;

/** The app's client, with one variable of every GraphQL request replaced (GitHub then refuses that alias). */
function replacing(octokit: GithubClient, name: string, value: unknown): GithubClient {
  const graphql = (query: string, variables: Record<string, unknown>) =>
    octokit.graphql(query, name in variables ? { ...variables, [name]: value } : variables);
  return Object.assign(Object.create(octokit) as GithubClient, { graphql });
}

describe("createIssues", () => {
  it("opens every follow-up in one request, in order", async () => {
    const id = await repositoryId();
    const mark = gh.mark();
    const opened = await createIssues(gh.app, repo, id, [
      { title: "Document the page size", body: "Follow-up of T-1" },
      { title: "[blocking] Cap the page size", body: "Follow-up of T-1" },
    ]);
    expect(operations(mark)).toEqual(["graphql"]);
    const titles = await Promise.all(
      opened.map(async ({ number }) => (await gh.user.rest.issues.get({ ...repo, issue_number: number })).data.title),
    );
    expect(titles).toEqual(["Document the page size", "[blocking] Cap the page size"]);
    expect(opened[1]!.number).toBe(opened[0]!.number + 1);
  });

  it("opens a refused one once more through REST: none lost, none opened twice", async () => {
    const id = await repositoryId();
    const before = (await gh.user.rest.issues.listForRepo({ ...repo, state: "all", per_page: 100 })).data.length;
    const mark = gh.mark();
    // GitHub refuses the second alias (a blank title), opens the first and the third
    const opened = await createIssues(replacing(gh.app, "i1Title", " "), repo, id, [
      { title: "One", body: "a" },
      { title: "Two", body: "b" },
      { title: "Three", body: "c" },
    ]);
    expect(operations(mark)).toEqual(["graphql", "issues/create"]);
    const all = (await gh.user.rest.issues.listForRepo({ ...repo, state: "all", per_page: 100 })).data;
    expect(all).toHaveLength(before + 3);
    const byNumber = new Map(all.map((issue) => [issue.number, issue.title]));
    expect(opened.map(({ number }) => byNumber.get(number))).toEqual(["One", "Two", "Three"]);
  });

  it("carries another mutation first in its request, and tells it its answer", async () => {
    const id = await repositoryId();
    const head = await gh.commit("carried", { "a.txt": "1\n" });
    const answers: unknown[] = [];
    const lead = {
      declarations: ["$input: CreateCommitOnBranchInput!"],
      fields: ["lead: createCommitOnBranch(input: $input) { commit { oid } }"],
      variables: {
        input: {
          branch: { repositoryNameWithOwner: "acme/widgets", branchName: "carried" },
          expectedHeadOid: head,
          message: { headline: "carried" },
          fileChanges: { additions: [{ path: "a.txt", contents: Buffer.from("2\n").toString("base64") }] },
        },
      },
      aliases: ["lead"],
      onAnswer: (data: Record<string, unknown> | undefined, failed: readonly unknown[]) =>
        answers.push({ data, failed }),
    };
    const mark = gh.mark();
    const [opened] = await createIssues(gh.app, repo, id, [{ title: "Carrier", body: "a" }], undefined, lead);
    expect(operations(mark)).toEqual(["graphql"]);
    const moved = await gh.sandbox.repo.git.getRef("refs/heads/carried");
    expect(answers).toEqual([{ data: expect.objectContaining({ lead: { commit: { oid: moved } } }), failed: [] }]);
    expect((await gh.user.rest.issues.get({ ...repo, issue_number: opened!.number })).data.title).toBe("Carrier");

    // a stale commit is refused in the answer; the issues are opened all the same
    answers.length = 0;
    const [again] = await createIssues(gh.app, repo, id, [{ title: "Again", body: "b" }], undefined, lead);
    expect(answers).toEqual([
      {
        data: expect.objectContaining({ lead: null }),
        failed: [expect.objectContaining({ alias: "lead", type: "STALE_DATA" })],
      },
    ]);
    expect((await gh.user.rest.issues.get({ ...repo, issue_number: again!.number })).data.title).toBe("Again");
  });

  it("opens them through REST when the repository's id does not resolve", async () => {
    const mark = gh.mark();
    const [opened] = await createIssues(gh.app, repo, "R_nothing", [{ title: "Lone", body: "a" }]);
    expect(operations(mark)).toEqual(["graphql", "issues/create"]);
    expect((await gh.user.rest.issues.get({ ...repo, issue_number: opened!.number })).data.title).toBe("Lone");
  });
});

describe("finishIssue", () => {
  const mirror = (issue: number) => ({
    targets: [{ number: issue, kind: "issue" as const }],
    status: "done" as const,
    risk: "low" as const,
  });

  it("comments, closes as completed and labels done in one request", async () => {
    const issue = (await gh.user.rest.issues.create({ ...repo, title: "Sort", labels: ["autopilot:review"] })).data;
    known.rememberLabelable(gh.app, repo, "issue", issue.number, issue.node_id); // the dispatch saw it
    await known.of(gh.app, repo); // and the repository's labels
    const mark = gh.mark();
    const mirrored = await finishIssue(
      gh.app,
      repo,
      { number: issue.number, comment: "T-1 is done.", mirror: mirror(issue.number) },
      known,
    );
    expect(operations(mark).filter((operation) => operation !== "issues/create-label")).toEqual(["graphql"]);
    expect(mirrored[0]?.added).toContain("autopilot:done");
    const after = (await gh.user.rest.issues.get({ ...repo, issue_number: issue.number })).data;
    expect(after).toMatchObject({ state: "closed", state_reason: "completed" });
    expect(after.labels.map((label) => (typeof label === "string" ? label : label.name)).sort()).toEqual([
      "autopilot:done",
      "risk:low",
    ]);
    const comments = (await gh.user.rest.issues.listComments({ ...repo, issue_number: issue.number })).data;
    expect(comments.map((comment) => comment.body)).toEqual(["T-1 is done."]);
  });

  it("carries a commit first in its request, tells it its answer, and finishes the issue all the same", async () => {
    const issue = (await gh.user.rest.issues.create({ ...repo, title: "Carry" })).data;
    known.rememberLabelable(gh.app, repo, "issue", issue.number, issue.node_id);
    await known.of(gh.app, repo);
    const head = await gh.commit("finish-carried", { "a.txt": "1\n" });
    const answers: { data?: Record<string, unknown>; failed: readonly unknown[] }[] = [];
    const mark = gh.mark();
    await finishIssue(
      gh.app,
      repo,
      { number: issue.number, comment: "T-2 is done.", mirror: mirror(issue.number) },
      known,
      {
        declarations: ["$input: CreateCommitOnBranchInput!"],
        fields: ["lead: createCommitOnBranch(input: $input) { commit { oid } }"],
        variables: {
          input: {
            branch: { repositoryNameWithOwner: "acme/widgets", branchName: "finish-carried" },
            expectedHeadOid: head,
            message: { headline: "records" },
            fileChanges: { additions: [{ path: "a.txt", contents: Buffer.from("2\n").toString("base64") }] },
          },
        },
        aliases: ["lead"],
        tolerated: ["lead"],
        onAnswer: (data, failed) => answers.push({ ...(data ? { data } : {}), failed }),
      },
    );
    expect(operations(mark).filter((operation) => operation !== "issues/create-label")).toEqual(["graphql"]);
    const moved = await gh.sandbox.repo.git.getRef("refs/heads/finish-carried");
    expect(moved).not.toBe(head);
    expect(answers).toEqual([{ data: expect.objectContaining({ lead: { commit: { oid: moved } } }), failed: [] }]);
    const after = (await gh.user.rest.issues.get({ ...repo, issue_number: issue.number })).data;
    expect(after).toMatchObject({ state: "closed", state_reason: "completed" });
  });

  it("throws a refused comment as REST did, once the labels are done", async () => {
    const issue = (await gh.user.rest.issues.create({ ...repo, title: "Sort" })).data.number;
    await expect(
      finishIssue(
        replacing(gh.app, "comment", " "),
        repo,
        { number: issue, comment: "Done.", mirror: mirror(issue) },
        known,
      ),
    ).rejects.toMatchObject({ errors: [expect.objectContaining({ path: ["comment"] })] });
    const labels = (await gh.user.rest.issues.listLabelsOnIssue({ ...repo, issue_number: issue })).data;
    expect(labels.map((label) => label.name)).toContain("autopilot:done");
    expect((await gh.user.rest.issues.listComments({ ...repo, issue_number: issue })).data).toEqual([]);
  });

  it("deletes the task branch in the same request by its ref id; a branch deleted already is no error", async () => {
    const issue = (await gh.user.rest.issues.create({ ...repo, title: "Sort" })).data.number;
    await gh.commit("autopilot/T-9-sort", { "f9.txt": "x\n" });
    const refId = Buffer.from(
      `Ref:${(await gh.user.rest.repos.get(repo)).data.id}:refs/heads/autopilot/T-9-sort`,
    ).toString("base64");
    const finish = { number: issue, comment: "Done.", mirror: mirror(issue), deleteRefId: refId };
    await finishIssue(gh.app, repo, finish, known);
    await expect(gh.user.rest.git.getRef({ ...repo, ref: "heads/autopilot/T-9-sort" })).rejects.toMatchObject({
      status: 404,
    });
    const again = (await gh.user.rest.issues.create({ ...repo, title: "Sort again" })).data.number;
    await finishIssue(gh.app, repo, { ...finish, number: again, mirror: mirror(again) }, known);
    expect((await gh.user.rest.issues.get({ ...repo, issue_number: again })).data.state).toBe("closed");
  });

  it("refuses labels of another item than the issue it closes", async () => {
    await expect(finishIssue(gh.app, repo, { number: 1, comment: "Done.", mirror: mirror(2) }, known)).rejects.toThrow(
      /issue #1 alone/,
    );
  });
});

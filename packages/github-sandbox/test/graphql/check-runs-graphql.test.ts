import { describe, expect, it } from "vitest";
import { commitTo } from "../rest/pulls/pull-helpers.js";
import { eventNames, useRestFixture } from "../rest/rest-fixture.js";

const fixture = useRestFixture();

/** The raw GraphQL answer (octokit.graphql would throw on errors). */
async function raw(
  query: string,
  variables: Record<string, unknown>,
  octokit = fixture.app(),
): Promise<Record<string, any>> {
  return (await octokit.request("POST /graphql", { query, variables })).data as Record<string, any>;
}

const create = `mutation ($a: CreateCheckRunInput!, $b: CreateCheckRunInput!) {
  a: createCheckRun(input: $a) { checkRun { id databaseId name status conclusion } }
  b: createCheckRun(input: $b) { checkRun { id databaseId name status } }
}`;
const update = `mutation ($u: UpdateCheckRunInput!) { updateCheckRun(input: $u) { clientMutationId checkRun { status conclusion title } } }`;

const annotation = (line: number) => ({
  path: "a.txt",
  location: { startLine: line, endLine: line },
  annotationLevel: "FAILURE",
  message: `line ${line}`,
  title: "found",
});

describe("GraphQL check runs", () => {
  it("creates runs with aliased mutations in one request, announced as POST /check-runs announces them", async () => {
    const sha = await commitTo(fixture, "graphql-create", { "a.txt": "a\n" });
    const repositoryId = fixture.repo.nodeId;
    fixture.events.length = 0;
    const before = fixture.server.requests().length;
    const input = (name: string) => ({ repositoryId, headSha: sha, name, status: "IN_PROGRESS" });
    const data = await fixture
      .app()
      .graphql<Record<string, any>>(create, { a: input("autopilot/scope"), b: input("autopilot/secrets") });
    expect(data.a.checkRun).toMatchObject({ name: "autopilot/scope", status: "IN_PROGRESS", conclusion: null });
    expect(
      fixture.server
        .requests()
        .slice(before)
        .map((request) => [request.method, request.path, request.operationId]),
    ).toEqual([["POST", "/graphql", "graphql"]]);
    const graphqlEvents = eventNames(fixture);

    const other = await commitTo(fixture, "rest-create", { "b.txt": "b\n" });
    fixture.events.length = 0;
    for (const name of ["autopilot/scope", "autopilot/secrets"])
      await fixture
        .app()
        .rest.checks.create({ owner: fixture.owner, repo: fixture.name, head_sha: other, name, status: "in_progress" });
    expect(graphqlEvents).toEqual(eventNames(fixture));

    const rest = await fixture
      .app()
      .rest.checks.get({ owner: fixture.owner, repo: fixture.name, check_run_id: data.a.checkRun.databaseId });
    expect(rest.data).toMatchObject({ head_sha: sha, status: "in_progress", node_id: data.a.checkRun.id });
  });

  it("completes a run, then appends annotations without touching its conclusion, as PATCH does", async () => {
    const sha = await commitTo(fixture, "graphql-update", { "a.txt": "a\n" });
    const repositoryId = fixture.repo.nodeId;
    const input = (name: string) => ({ repositoryId, headSha: sha, name, status: "IN_PROGRESS" });
    const { a } = await fixture
      .app()
      .graphql<Record<string, any>>(create, { a: input("autopilot/scope"), b: input("autopilot/other") });
    fixture.events.length = 0;
    const first = Array.from({ length: 50 }, (_, index) => annotation(index + 1));
    const done = await fixture.app().graphql<Record<string, any>>(update, {
      u: {
        repositoryId,
        checkRunId: a.checkRun.id,
        clientMutationId: "m1",
        status: "COMPLETED",
        conclusion: "FAILURE",
        output: { title: "2 files outside", summary: "## Scope", annotations: first },
      },
    });
    expect(done.updateCheckRun).toEqual({
      clientMutationId: "m1",
      checkRun: { status: "COMPLETED", conclusion: "FAILURE", title: "2 files outside" },
    });
    await fixture.app().graphql(update, {
      u: {
        repositoryId,
        checkRunId: a.checkRun.id,
        output: { title: "2 files outside", summary: "## Scope", annotations: [annotation(51)] },
      },
    });
    expect(eventNames(fixture).filter((name) => name.startsWith("check_run."))).toEqual(["check_run.completed"]);

    const id = a.checkRun.databaseId as number;
    const run = (await fixture.app().rest.checks.get({ owner: fixture.owner, repo: fixture.name, check_run_id: id }))
      .data;
    expect(run).toMatchObject({
      status: "completed",
      conclusion: "failure",
      output: { title: "2 files outside", annotations_count: 51 },
    });
    const listed = await fixture.app().paginate(fixture.app().rest.checks.listAnnotations, {
      owner: fixture.owner,
      repo: fixture.name,
      check_run_id: id,
      per_page: 100,
    });
    expect(listed.map((item) => item.start_line)).toEqual(Array.from({ length: 51 }, (_, index) => index + 1));
    expect(listed[0]).toMatchObject({ path: "a.txt", annotation_level: "failure", title: "found", message: "line 1" });
  });

  it("refuses what GitHub refuses, with GitHub's error types", async () => {
    const sha = await commitTo(fixture, "graphql-refused", { "a.txt": "a\n" });
    const repositoryId = fixture.repo.nodeId;
    const input = (name: string) => ({ repositoryId, headSha: sha, name });
    const { a } = await fixture.app().graphql<Record<string, any>>(create, { a: input("one"), b: input("two") });
    const noConclusion = await raw(update, { u: { repositoryId, checkRunId: a.checkRun.id, status: "COMPLETED" } });
    expect(noConclusion.errors).toEqual([
      expect.objectContaining({
        type: "UNPROCESSABLE",
        message: expect.stringContaining('"conclusion" wasn\'t supplied'),
      }),
    ]);
    const tooMany = await raw(update, {
      u: {
        repositoryId,
        checkRunId: a.checkRun.id,
        output: {
          title: "t",
          summary: "s",
          annotations: Array.from({ length: 51 }, (_, index) => annotation(index + 1)),
        },
      },
    });
    expect(tooMany.errors).toEqual([
      expect.objectContaining({ type: "UNPROCESSABLE", message: expect.stringContaining("at most 50 annotations") }),
    ]);
    const asUser = await raw(create, { a: input("x"), b: input("y") }, fixture.user());
    expect(asUser.errors).toEqual([
      expect.objectContaining({ type: "FORBIDDEN", message: "You must authenticate via a GitHub App." }),
      expect.objectContaining({ type: "FORBIDDEN" }),
    ]);
    const unknown = await raw(update, {
      u: { repositoryId: "R_nothing", checkRunId: a.checkRun.id, status: "IN_PROGRESS" },
    });
    expect(unknown).toEqual({
      data: { updateCheckRun: null },
      errors: [expect.objectContaining({ type: "NOT_FOUND", path: ["updateCheckRun"] })],
    });
    const run = (
      await fixture
        .app()
        .rest.checks.get({ owner: fixture.owner, repo: fixture.name, check_run_id: a.checkRun.databaseId })
    ).data;
    expect(run).toMatchObject({ status: "queued", output: { annotations_count: 0 } });
  });
});

describe("GraphQL repository query", () => {
  const read = `query ($owner: String!, $name: String!, $file: String!, $missing: String!, $dir: String!, $bin: String!, $head: GitObjectID!) {
    repository(owner: $owner, name: $name) {
      id
      file: object(expression: $file) { __typename ... on Blob { oid text isBinary isTruncated byteSize } }
      missing: object(expression: $missing) { oid }
      dir: object(expression: $dir) { __typename oid }
      bin: object(expression: $bin) { ... on Blob { text isBinary } }
      head: object(oid: $head) { ... on Commit { checkSuites(first: 5, filterBy: { checkName: "gate" }) { totalCount nodes { checkRuns(first: 10, filterBy: { checkType: LATEST }) { nodes { name status conclusion } } } } } }
    }
  }`;

  it("reads files at any ref, a directory as a Tree, binary without text, and the head's latest runs, in one request", async () => {
    const sha = await commitTo(fixture, "graphql-read", { "docs/a.md": "# A\n", "bin/blob.bin": "\u0000\u0001" });
    const check = (status: string, conclusion?: string) =>
      fixture.app().rest.checks.create({
        owner: fixture.owner,
        repo: fixture.name,
        head_sha: sha,
        name: "gate",
        status: status as "in_progress",
        ...(conclusion ? { conclusion: conclusion as "success" } : {}),
      });
    await check("completed", "failure");
    await check("in_progress");
    const vars = {
      owner: fixture.owner,
      name: fixture.name,
      file: "graphql-read:docs/a.md",
      missing: `${sha}:docs/none.md`,
      dir: "graphql-read:docs",
      bin: "graphql-read:bin/blob.bin",
      head: sha,
    };
    const { repository } = await fixture.app().graphql<Record<string, any>>(read, vars);
    expect(repository.id).toBe(fixture.repo.nodeId);
    expect(repository.file).toMatchObject({
      __typename: "Blob",
      text: "# A\n",
      isBinary: false,
      isTruncated: false,
      byteSize: 4,
    });
    expect(repository.missing).toBeNull();
    expect(repository.dir.__typename).toBe("Tree");
    expect(repository.bin).toEqual({ text: null, isBinary: true });
    expect(repository.head.checkSuites).toEqual({
      totalCount: 1,
      nodes: [{ checkRuns: { nodes: [{ name: "gate", status: "IN_PROGRESS", conclusion: null }] } }],
    });
  });

  it("answers a repository the installation cannot see with NOT_FOUND, and a connection without `first` with GitHub's error", async () => {
    const hidden = await raw('query { repository(owner: "acme", name: "nope") { id } }', {});
    expect(hidden).toEqual({
      data: { repository: null },
      errors: [
        expect.objectContaining({
          type: "NOT_FOUND",
          message: "Could not resolve to a Repository with the name 'acme/nope'.",
        }),
      ],
    });
    const unbounded = await raw(
      `query { repository(owner: "acme", name: "widgets") { object(expression: "main") { ... on Commit { checkSuites { totalCount } } } } }`,
      {},
    );
    expect(unbounded.errors).toEqual([expect.objectContaining({ type: "MISSING_PAGINATION_BOUNDARIES" })]);
  });
});

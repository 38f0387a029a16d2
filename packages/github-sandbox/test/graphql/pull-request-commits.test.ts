import { describe, expect, it } from "vitest";
import { pushCommit } from "../helpers/push-commit.js";
import { openPull } from "../rest/pulls/pull-helpers.js";
import { asActions, useRestFixture } from "../rest/rest-fixture.js";

const repo = { owner: "acme", repo: "widgets" };
let shas: string[] = [];

/** `feature` with three commits pushed one after another, the pull request opened after the first. */
const fixture = useRestFixture({
  setUp: async (started) => {
    const app = started.app();
    await app.rest.git.createRef({ ...repo, ref: "refs/heads/feature", sha: started.initialSha });
    shas = [await pushCommit(app, "feature", "one", { "a.txt": "1\n" })];
    await openPull(started, "feature");
    shas.push(await pushCommit(app, "feature", "two", { "a.txt": "2\n" }));
    shas.push(await pushCommit(app, "feature", "three", { "a.txt": "3\n" }));
  },
});

/** The raw GraphQL answer (octokit.graphql would throw on errors). */
async function raw(query: string, variables: Record<string, unknown>): Promise<Record<string, any>> {
  return (await fixture.app().request("POST /graphql", { query, variables })).data as Record<string, any>;
}

/** How the app counts its review runs on every commit of a pull request, in one request. */
const reviewRuns = `query ($owner: String!, $name: String!, $number: Int!, $appId: Int!) {
  repository(owner: $owner, name: $name) { pullRequest(number: $number) {
    commits(last: 100) { totalCount nodes { commit { oid
      checkSuites(first: 10, filterBy: { appId: $appId, checkName: "autopilot/review" }) { nodes {
        checkRuns(first: 20, filterBy: { checkName: "autopilot/review" }) { nodes { title conclusion } }
      } }
    } } }
  } }
}`;

const completed = (title: string, conclusion: "success" | "failure") =>
  ({ status: "completed", conclusion, output: { title, summary: title } }) as const;

describe("GraphQL PullRequest.commits", () => {
  it("lists the pull request's commits oldest first, with only the asking app's review runs on each", async () => {
    const app = fixture.app();
    const review = "autopilot/review";
    await app.rest.checks.create({ ...repo, name: review, head_sha: shas[0]!, ...completed("No findings", "success") });
    await app.rest.checks.create({
      ...repo,
      name: "autopilot/scope",
      head_sha: shas[1]!,
      ...completed("Scope", "success"),
    });
    await asActions(fixture).rest.checks.create({
      ...repo,
      name: review,
      head_sha: shas[1]!,
      ...completed("Not ours", "success"),
    });
    await app.rest.checks.create({ ...repo, name: review, head_sha: shas[2]!, ...completed("2 findings", "failure") });

    const answer = await raw(reviewRuns, { owner: "acme", name: "widgets", number: 1, appId: 4242 });
    expect(answer.errors).toBeUndefined();
    const runsOf = (title: string, conclusion: string) => ({
      nodes: [{ checkRuns: { nodes: [{ title, conclusion }] } }],
    });
    expect(answer.data.repository.pullRequest.commits).toEqual({
      totalCount: 3,
      nodes: [
        { commit: { oid: shas[0], checkSuites: runsOf("No findings", "SUCCESS") } },
        { commit: { oid: shas[1], checkSuites: { nodes: [] } } },
        { commit: { oid: shas[2], checkSuites: runsOf("2 findings", "FAILURE") } },
      ],
    });
    const rest = await app.rest.pulls.listCommits({ ...repo, pull_number: 1 });
    expect(rest.data.map((commit) => commit.sha)).toEqual(shas);
  });

  it("pages from either end with cursors, as GitHub's connections do", async () => {
    const page = `query ($last: Int, $before: String) { repository(owner: "acme", name: "widgets") { pullRequest(number: 1) {
      commits(last: $last, before: $before) { totalCount pageInfo { hasPreviousPage hasNextPage startCursor }
        edges { node { commit { oid } pullRequest { number } url } } } } } }`;
    const last = (await raw(page, { last: 1 })).data.repository.pullRequest.commits;
    expect(last).toMatchObject({ totalCount: 3, pageInfo: { hasPreviousPage: true, hasNextPage: false } });
    expect(last.edges).toEqual([
      {
        node: {
          commit: { oid: shas[2] },
          pullRequest: { number: 1 },
          url: `${fixture.url}/acme/widgets/pull/1/commits/${shas[2]}`,
        },
      },
    ]);
    const before = (await raw(page, { last: 5, before: last.pageInfo.startCursor })).data.repository.pullRequest
      .commits;
    expect(before.edges.map((edge: any) => edge.node.commit.oid)).toEqual(shas.slice(0, 2));
  });

  it("pages through every commit past REST's 250, the newest last, as GitHub's GraphQL does", async () => {
    const app = fixture.app();
    // 260 commits on `many` in one push: each a new commit of the same tree, the ref moved once
    await app.rest.git.createRef({ ...repo, ref: "refs/heads/many", sha: fixture.initialSha });
    const tree = (await app.rest.git.getCommit({ ...repo, commit_sha: fixture.initialSha })).data.tree.sha;
    const pushed: string[] = [];
    for (let n = 1; n <= 260; n++) {
      const parents = [pushed.at(-1) ?? fixture.initialSha];
      pushed.push((await app.rest.git.createCommit({ ...repo, message: `step ${n}`, tree, parents })).data.sha);
    }
    await app.rest.git.updateRef({ ...repo, ref: "heads/many", sha: pushed.at(-1)! });
    const number = await openPull(fixture, "many");

    const page = `query ($number: Int!, $before: String) { repository(owner: "acme", name: "widgets") {
      pullRequest(number: $number) { commits(last: 100, before: $before) {
        totalCount pageInfo { hasPreviousPage startCursor } nodes { commit { oid } } } } } }`;
    const pages: Array<{ hasPreviousPage: boolean; oids: string[] }> = [];
    let before: string | null = null;
    do {
      const answer = await raw(page, { number, before });
      expect(answer.errors).toBeUndefined();
      const commits = answer.data.repository.pullRequest.commits;
      expect(commits.totalCount).toBe(260);
      pages.push({
        hasPreviousPage: commits.pageInfo.hasPreviousPage,
        oids: commits.nodes.map((node: any) => node.commit.oid),
      });
      before = commits.pageInfo.hasPreviousPage ? commits.pageInfo.startCursor : null;
    } while (before !== null && pages.length < 5);
    // the newest 100 first, the head last among them; then back to the first commit
    expect(pages).toEqual([
      { hasPreviousPage: true, oids: pushed.slice(160) },
      { hasPreviousPage: true, oids: pushed.slice(60, 160) },
      { hasPreviousPage: false, oids: pushed.slice(0, 60) },
    ]);
    // REST lists only the oldest 250, however it is paged
    const listed = await app.paginate(app.rest.pulls.listCommits, { ...repo, pull_number: number, per_page: 100 });
    expect(listed.map((commit) => commit.sha)).toEqual(pushed.slice(0, 250));
  });

  it("refuses first or last over 100, as GitHub does", async () => {
    for (const bound of ["first", "last"]) {
      const query = `{ repository(owner: "acme", name: "widgets") { pullRequest(number: 1) { commits(${bound}: 101) { totalCount } } } }`;
      const answer = await raw(query, {});
      expect(answer.errors).toMatchObject([
        {
          type: "EXCESSIVE_PAGINATION",
          message: `Requesting 101 records on the \`commits\` connection exceeds the \`${bound}\` limit of 100 records.`,
        },
      ]);
      expect(answer.data.repository.pullRequest).toBeNull();
    }
  });
});

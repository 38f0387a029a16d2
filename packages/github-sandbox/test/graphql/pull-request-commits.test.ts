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

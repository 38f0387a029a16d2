import { describe, expect, it } from "vitest";
import { useRestFixture } from "../rest-fixture.js";
import { commitTo, eventNames, openPull } from "./pull-helpers.js";

let nodeId: string;
const fixture = useRestFixture({
  perTest: true,
  setUp: async (started) => {
    await commitTo(started, "feature", { "a.txt": "a\n" });
    await openPull(started, "feature", { draft: true });
    nodeId = (await started.app().rest.pulls.get({ owner: started.owner, repo: started.name, pull_number: 1 })).data
      .node_id;
  },
});

const ready = `
  mutation MarkReady($id: ID!) {
    markPullRequestReadyForReview(input: { pullRequestId: $id }) {
      pullRequest { id number isDraft }
    }
  }`;

/** The raw GraphQL answer: status and body, errors included (octokit.graphql would throw on them). */
async function rawGraphql(
  query: string,
  variables: Record<string, unknown> = {},
  octokit = fixture.app(),
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await octokit.request("POST /graphql", { query, variables });
  return { status: response.status, body: response.data as Record<string, unknown> };
}

const isDraft = async (): Promise<boolean | undefined> =>
  (await fixture.app().rest.pulls.get({ owner: fixture.owner, repo: fixture.name, pull_number: 1 })).data.draft;

describe("GraphQL draft mutations", () => {
  it("marks a draft ready for review with variables, in GitHub's shape", async () => {
    const data = await fixture.app().graphql<Record<string, unknown>>(ready, { id: nodeId });
    expect(data).toEqual({ markPullRequestReadyForReview: { pullRequest: { id: nodeId, number: 1, isDraft: false } } });
    expect(await isDraft()).toBe(false);
    expect(eventNames(fixture)).toEqual(["pull_request.ready_for_review"]);

    await fixture.app().graphql(ready, { id: nodeId });
    expect(eventNames(fixture)).toEqual(["pull_request.ready_for_review"]);
  });

  it("converts to a draft with an inline id, an alias and clientMutationId", async () => {
    await fixture.app().graphql(ready, { id: nodeId });
    const query = `mutation { back: convertPullRequestToDraft(input: {pullRequestId: "${nodeId}", clientMutationId: "c1"}) { clientMutationId __typename pullRequest { isDraft state } } }`;
    const data = await fixture.user("octocat").graphql<Record<string, unknown>>(query);
    expect(data).toEqual({
      back: {
        clientMutationId: "c1",
        __typename: "ConvertPullRequestToDraftPayload",
        pullRequest: { isDraft: true, state: "OPEN" },
      },
    });
    expect(await isDraft()).toBe(true);
    expect(eventNames(fixture)).toEqual(["pull_request.ready_for_review", "pull_request.converted_to_draft"]);
  });

  it("answers anything else with status 200 and errors naming what the sandbox implements", async () => {
    const viewer = await rawGraphql("query { viewer { login } }");
    expect(viewer.status).toBe(200);
    expect(viewer.body).toEqual({
      errors: [
        expect.objectContaining({
          message: expect.stringContaining(
            'Cannot query field "viewer" on type "Query". The sandbox\'s GraphQL API implements only the query repository',
          ),
        }),
      ],
    });
    const other = await rawGraphql(
      `mutation { mergePullRequest(input: {pullRequestId: "${nodeId}"}) { clientMutationId } }`,
    );
    expect(other.body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('Cannot query field "mergePullRequest" on type "Mutation".'),
      }),
    ]);
    const field = await rawGraphql(
      `mutation { markPullRequestReadyForReview(input: {pullRequestId: "${nodeId}"}) { pullRequest { author } } }`,
    );
    expect(field.body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining(
          'Cannot query field "author" on type "PullRequest". The sandbox\'s GraphQL API implements only',
        ),
      }),
    ]);
    const bare = await rawGraphql(
      `mutation { markPullRequestReadyForReview(input: {pullRequestId: "${nodeId}"}) { pullRequest } }`,
    );
    expect(bare.body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining(
          'Field "pullRequest" of type "PullRequest" must have a selection of subfields.',
        ),
      }),
    ]);
    const broken = await rawGraphql("mutation { markPullRequestReadyForReview(input: ");
    expect(broken.body.errors).toEqual([
      { message: "Syntax Error: Unexpected <EOF>.", locations: [{ line: 1, column: 49 }] },
    ]);
    expect(await isDraft()).toBe(true);
    expect(fixture.events).toEqual([]);
  });

  it("answers an unknown id with NOT_FOUND and a read-only installation with FORBIDDEN", async () => {
    const unknown = await rawGraphql(ready, { id: "PR_nothing" });
    expect(unknown.body).toEqual({
      data: { markPullRequestReadyForReview: null },
      errors: [
        expect.objectContaining({
          type: "NOT_FOUND",
          path: ["markPullRequestReadyForReview"],
          message: "Could not resolve to a node with the global id of 'PR_nothing'.",
        }),
      ],
    });
    const readOnly = await rawGraphql(ready, { id: nodeId }, fixture.narrowedApp({ pull_requests: "read" }));
    expect(readOnly.body.errors).toEqual([
      expect.objectContaining({ type: "FORBIDDEN", message: "Resource not accessible by integration" }),
    ]);
    expect(await isDraft()).toBe(true);
  });
});

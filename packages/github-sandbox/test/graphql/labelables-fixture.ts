import { commitTo, openPull } from "../rest/pulls/pull-helpers.js";
import { useRestFixture, type TestOctokit } from "../rest/rest-fixture.js";

/**
 * A fresh repository per test holding one pull request (#1, opened by the app's bot from
 * `feature`) and one issue (#2): what the issue and label mutations act on.
 */
export const useLabelablesFixture = () =>
  useRestFixture({
    perTest: true,
    setUp: async (started) => {
      await commitTo(started, "feature", { "a.txt": "one\n" });
      await openPull(started, "feature"); // #1, opened by the app's bot
      await started.app().rest.issues.create({ owner: "acme", repo: "widgets", title: "Sort the widgets" }); // #2
    },
  });

/** The raw GraphQL answer (octokit.graphql would throw on errors). */
export async function rawGraphql(
  octokit: TestOctokit,
  query: string,
  variables: Record<string, unknown>,
): Promise<Record<string, any>> {
  return (await octokit.request("POST /graphql", { query, variables })).data as Record<string, any>;
}

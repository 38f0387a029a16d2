import { describe, expect, it } from "vitest";
import { pushCommit } from "../../helpers/push-commit.js";
import { requestFailure, useRestFixture, type TestOctokit } from "../rest-fixture.js";
import { commitTo, openPull } from "./pull-helpers.js";

const fixture = useRestFixture({ perTest: true });
const owner = "acme";
const repo = "widgets";
const unresolved = "A conversation must be resolved before this pull request can be merged.";

const stateOf = async (pull: number): Promise<string | undefined> =>
  (await fixture.app().rest.pulls.get({ owner, repo, pull_number: pull })).data.mergeable_state;

/** Every thread of the pull request, resolved by `octokit`. */
async function resolveAll(pull: number, octokit: TestOctokit): Promise<void> {
  const data = await octokit.graphql<Record<string, any>>(
    `query ($n: Int!) { repository(owner: "acme", name: "widgets") { pullRequest(number: $n) {
      reviewThreads(first: 100) { nodes { id isResolved } } } } }`,
    { n: pull },
  );
  for (const thread of data.repository.pullRequest.reviewThreads.nodes) {
    if (!thread.isResolved)
      await octokit.graphql(`mutation ($id: ID!) { resolveReviewThread(input: { threadId: $id }) { thread { id } } }`, {
        id: thread.id,
      });
  }
}

/** main protected with conversation resolution only; a pull request with one thread on its line 1. */
async function pullWithThread(enforceAdmins = false): Promise<number> {
  await fixture.user("octocat").rest.repos.updateBranchProtection({
    owner,
    repo,
    branch: "main",
    required_status_checks: null,
    enforce_admins: enforceAdmins,
    required_pull_request_reviews: null,
    restrictions: null,
    required_conversation_resolution: true,
  });
  await commitTo(fixture, "feature", { "a.txt": "one\ntwo\n" });
  const pull = await openPull(fixture, "feature");
  await fixture.user("octocat").rest.pulls.createReview({
    owner,
    repo,
    pull_number: pull,
    event: "COMMENT",
    body: "A finding",
    comments: [{ path: "a.txt", line: 1, body: "one?" }],
  });
  return pull;
}

describe("required_conversation_resolution", () => {
  it("refuses the merge while a thread is unresolved, outdated ones too, and merges once resolved", async () => {
    const pull = await pullWithThread();
    expect(await stateOf(pull)).toBe("blocked");
    expect(await requestFailure(fixture.app().rest.pulls.merge({ owner, repo, pull_number: pull }))).toMatchObject({
      status: 405,
      message: unresolved,
    });
    // the line the thread is on changes: the thread is outdated, and still unresolved
    await pushCommit(fixture.app(), "feature", "Answer the finding", { "a.txt": "ONE\ntwo\n" });
    expect(await requestFailure(fixture.app().rest.pulls.merge({ owner, repo, pull_number: pull }))).toMatchObject({
      status: 405,
      message: unresolved,
    });
    await resolveAll(pull, fixture.app());
    expect(await stateOf(pull)).toBe("clean");
    const merged = await fixture.app().rest.pulls.merge({ owner, repo, pull_number: pull });
    expect(merged.data.merged).toBe(true);
  });

  it("lets a repository admin merge past it unless enforce_admins is on, as the other protection rules", async () => {
    const pull = await pullWithThread();
    expect((await fixture.user("octocat").rest.pulls.merge({ owner, repo, pull_number: pull })).data.merged).toBe(true);
  });

  it("holds admins too with enforce_admins", async () => {
    const pull = await pullWithThread(true);
    expect(
      await requestFailure(fixture.user("octocat").rest.pulls.merge({ owner, repo, pull_number: pull })),
    ).toMatchObject({
      status: 405,
      message: unresolved,
    });
  });
});

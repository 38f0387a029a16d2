import { describe, expect, it } from "vitest";
import { requestFailure, useRestFixture } from "../rest-fixture.js";
import { commitTo, openPull } from "./pull-helpers.js";

const fixture = useRestFixture({ perTest: true });
const owner = "acme";
const repo = "widgets";

const stateOf = async (pullNumber: number): Promise<string | undefined> =>
  (await fixture.app().rest.pulls.get({ owner, repo, pull_number: pullNumber })).data.mergeable_state;
const mergeByApp = (pullNumber: number): Promise<unknown> =>
  fixture.app().rest.pulls.merge({ owner, repo, pull_number: pullNumber });
const approve = (login: string, pullNumber: number): Promise<unknown> =>
  fixture.user(login).rest.pulls.createReview({ owner, repo, pull_number: pullNumber, event: "APPROVE" });
const headOf = async (pullNumber: number): Promise<string> =>
  (await fixture.app().rest.pulls.get({ owner, repo, pull_number: pullNumber })).data.head.sha;
const ciPasses = async (sha: string): Promise<unknown> =>
  fixture.user("octocat").rest.repos.createCommitStatus({ owner, repo, sha, state: "success", context: "ci/test" });

/** main owned by @alice under src/, protected with a code owner's review, ci/test required and strict. */
async function protectedMain(): Promise<void> {
  await commitTo(fixture, "main", { ".github/CODEOWNERS": "/src/ @alice\n" }, { message: "owners" });
  for (const [login, role] of [
    ["alice", "write"],
    ["bob", "write"],
    ["reader", "read"],
  ] as const) {
    fixture.ctx.state.setPermission(fixture.repo, login, role);
  }
  await fixture.user("octocat").rest.repos.updateBranchProtection({
    owner,
    repo,
    branch: "main",
    required_status_checks: { strict: true, contexts: ["ci/test"] },
    enforce_admins: false,
    required_pull_request_reviews: {
      required_approving_review_count: 2,
      require_code_owner_reviews: true,
      dismiss_stale_reviews: true,
    },
    restrictions: null,
  });
}

describe("Merging into a protected base", () => {
  it("requires no code owner for files whose CODEOWNERS line names only users without write access", async () => {
    await protectedMain();
    // reader has read access only: GitHub ignores it as a code owner, so docs/ has none
    await commitTo(fixture, "main", { ".github/CODEOWNERS": "/src/ @alice\n/docs/ @reader\n" }, { message: "docs" });
    await commitTo(fixture, "docs-only", { "docs/guide.md": "# Guide\n" });
    const pull = await openPull(fixture, "docs-only");
    await approve("bob", pull);
    await fixture.user("octocat").rest.pulls.createReview({ owner, repo, pull_number: pull, event: "APPROVE" });
    await ciPasses(await headOf(pull));
    expect(await stateOf(pull)).toBe("clean");
    expect((await mergeByApp(pull)) as { status: number }).toMatchObject({ status: 200 });
  });

  it("is blocked with GitHub's 405 messages until reviews, code owners, checks and strictness are satisfied", async () => {
    await protectedMain();
    await commitTo(fixture, "feature", { "src/widget.ts": "export {};\n" });
    const pull = await openPull(fixture, "feature");
    const refusal = (message: string) => ({ status: 405, message });
    const twoApprovals = refusal("At least 2 approving reviews are required by reviewers with write access.");

    expect(await stateOf(pull)).toBe("blocked");
    expect(await requestFailure(mergeByApp(pull))).toMatchObject(twoApprovals);
    // a reader's approval does not count, nor the author's own (GitHub refuses it outright)
    await approve("reader", pull);
    await approve("bob", pull);
    expect(await requestFailure(mergeByApp(pull))).toMatchObject(twoApprovals);
    await fixture.user("octocat").rest.pulls.createReview({ owner, repo, pull_number: pull, event: "APPROVE" });
    expect(await requestFailure(mergeByApp(pull))).toMatchObject(refusal("Waiting on code owner review from @alice."));
    await approve("alice", pull);
    expect(await requestFailure(mergeByApp(pull))).toMatchObject(
      refusal('Required status check "ci/test" is expected.'),
    );
    await ciPasses(await headOf(pull));
    expect(await stateOf(pull)).toBe("clean");

    // strict: main moves on, the head is behind
    await commitTo(fixture, "main", { "NEWS.md": "news\n" });
    expect(await stateOf(pull)).toBe("behind");
    expect(await requestFailure(mergeByApp(pull))).toMatchObject(
      refusal("Head branch is not up to date with the base branch."),
    );

    // bringing the head up to date makes the approvals stale (dismiss_stale_reviews)
    await fixture.app().rest.pulls.updateBranch({ owner, repo, pull_number: pull });
    const reviews = (await fixture.app().rest.pulls.listReviews({ owner, repo, pull_number: pull })).data;
    expect(reviews.map((review) => [review.user?.login, review.state])).toEqual([
      ["reader", "DISMISSED"],
      ["bob", "DISMISSED"],
      ["octocat", "DISMISSED"],
      ["alice", "DISMISSED"],
    ]);
    expect(await stateOf(pull)).toBe("blocked");
    expect(await requestFailure(mergeByApp(pull))).toMatchObject(twoApprovals);
    await approve("alice", pull);
    await approve("bob", pull);
    await ciPasses(await headOf(pull));
    expect((await mergeByApp(pull)) as { status: number }).toMatchObject({ status: 200 });
  });

  it("lets an admin merge past the requirements when enforce_admins is off, as GitHub does", async () => {
    await protectedMain();
    await commitTo(fixture, "feature", { "src/widget.ts": "export {};\n" });
    const pull = await openPull(fixture, "feature");
    const merged = await fixture.user("octocat").rest.pulls.merge({ owner, repo, pull_number: pull });
    expect(merged.data.merged).toBe(true);
  });
});

describe("mergeable_state", () => {
  it("is clean for a head behind an unprotected base, unstable while an optional check fails, dirty on a conflict", async () => {
    await commitTo(fixture, "feature", { "a.txt": "feature\n" });
    await commitTo(fixture, "main", { "b.txt": "main\n" });
    const pull = await openPull(fixture, "feature");
    expect(await stateOf(pull)).toBe("clean");

    const head = await headOf(pull);
    await fixture
      .user("octocat")
      .rest.repos.createCommitStatus({ owner, repo, sha: head, state: "failure", context: "lint" });
    expect(await stateOf(pull)).toBe("unstable");
    await fixture
      .user("octocat")
      .rest.repos.createCommitStatus({ owner, repo, sha: head, state: "success", context: "lint" });
    expect(await stateOf(pull)).toBe("clean");

    await commitTo(fixture, "main", { "a.txt": "main's own\n" });
    expect(await stateOf(pull)).toBe("dirty");
  });
});

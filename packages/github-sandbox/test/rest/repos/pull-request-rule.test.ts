import { describe, expect, it } from "vitest";
import { pushCommit } from "../../helpers/push-commit.js";
import { commitTo, openPull } from "../pulls/pull-helpers.js";
import { requestFailure, useRestFixture } from "../rest-fixture.js";

const fixture = useRestFixture({ perTest: true });
const owner = "acme";
const repo = "widgets";

const pullRequestRule = (parameters: Record<string, unknown>) => ({
  type: "pull_request" as const,
  parameters: {
    required_approving_review_count: 1,
    dismiss_stale_reviews_on_push: false,
    require_code_owner_review: true,
    require_last_push_approval: true,
    required_review_thread_resolution: true,
    ...parameters,
  },
});

const createRuleset = (rules: unknown[]) =>
  fixture.user("octocat").request("POST /repos/{owner}/{repo}/rulesets", {
    owner,
    repo,
    name: "main rules",
    target: "branch",
    enforcement: "active",
    conditions: { ref_name: { include: ["~DEFAULT_BRANCH"], exclude: [] } },
    // deliberately loose: some bodies break GitHub's description to be refused
    rules: rules as never[],
  });

const violations = (...lines: string[]) =>
  `Repository rule violations found\n\n${lines.map((line) => `${line}\n\n`).join("")}`;
const merge = (login: string, method: "merge" | "squash" | "rebase") =>
  fixture.user(login).rest.pulls.merge({ owner, repo, pull_number: 1, merge_method: method });
const approve = (login: string) =>
  fixture.user(login).rest.pulls.createReview({ owner, repo, pull_number: 1, event: "APPROVE" });

const approvalLine = "At least 1 approving review is required by reviewers with write access.";
const codeOwnerLine = "Waiting on code owner review from @alice.";
const lastPushLine = "New changes require approval from someone other than the last pusher.";
const threadLine = "A conversation must be resolved before this pull request can be merged.";

describe("The ruleset rule pull_request", () => {
  it("is listed for the branch in GitHub's shape, allowed_merge_methods defaulting to all three", async () => {
    const created = (await createRuleset([pullRequestRule({ allowed_merge_methods: undefined })])).data as {
      id: number;
    };
    const rules = (await fixture.app().rest.repos.getBranchRules({ owner, repo, branch: "main" })).data;
    expect(rules).toEqual([
      {
        type: "pull_request",
        parameters: {
          required_approving_review_count: 1,
          dismiss_stale_reviews_on_push: false,
          require_code_owner_review: true,
          require_last_push_approval: true,
          required_review_thread_resolution: true,
          allowed_merge_methods: ["merge", "squash", "rebase"],
        },
        ruleset_source_type: "Repository",
        ruleset_source: "acme/widgets",
        ruleset_id: created.id,
      },
    ]);
  });

  it("refuses parameters GitHub refuses, and what the sandbox does not model", async () => {
    const { required_review_thread_resolution: _left, ...missing } = pullRequestRule({}).parameters;
    expect((await requestFailure(createRuleset([{ type: "pull_request", parameters: missing }]))).status).toBe(422);
    expect((await requestFailure(createRuleset([pullRequestRule({ allowed_merge_methods: [] })]))).status).toBe(422);
    expect(
      (await requestFailure(createRuleset([pullRequestRule({ required_approving_review_count: 11 })]))).status,
    ).toBe(422);
    const restricted = await requestFailure(
      createRuleset([pullRequestRule({ dismissal_restriction: { enabled: true, allowed_actors: [] } })]),
    );
    expect(restricted).toMatchObject({ status: 422 });
    expect(restricted.message).toContain("dismissal_restriction is not implemented");
  });

  it("refuses a merge with a line per unmet part, for admins too, until each is met", async () => {
    await commitTo(fixture, "main", { ".github/CODEOWNERS": "/src/ @alice\n" }, { message: "owners" });
    for (const login of ["alice", "bob"]) fixture.ctx.state.setPermission(fixture.repo, login, "write");
    await createRuleset([pullRequestRule({ allowed_merge_methods: ["squash"] })]);
    await commitTo(fixture, "feature", { "src/widget.ts": "export const widget = 1;\n" });
    await openPull(fixture, "feature"); // the app's bot opened it, and pushed its head
    await fixture.user("bob").rest.pulls.createReview({
      owner,
      repo,
      pull_number: 1,
      event: "COMMENT",
      body: "A finding",
      comments: [{ path: "src/widget.ts", line: 1, body: "why 1?" }],
    });
    expect((await fixture.app().rest.pulls.get({ owner, repo, pull_number: 1 })).data.mergeable_state).toBe("blocked");
    expect(await requestFailure(merge("octocat", "merge"))).toMatchObject({
      status: 405,
      message: violations(
        "Merge method merge is not allowed on this branch.",
        approvalLine,
        codeOwnerLine,
        lastPushLine,
        threadLine,
      ),
    });

    await approve("bob");
    expect((await requestFailure(merge("octocat", "squash"))).message).toBe(violations(codeOwnerLine, threadLine));
    // alice pushes to the head: her own approval could not cover her push, bob's was of the older head
    await pushCommit(fixture.user("alice"), "feature", "More", { "src/more.ts": "export {};\n" });
    await approve("alice");
    expect((await requestFailure(merge("octocat", "squash"))).message).toBe(violations(lastPushLine, threadLine));
    await approve("bob");

    const data = await fixture
      .user("bob")
      .graphql<Record<string, any>>(
        `{ repository(owner: "acme", name: "widgets") { pullRequest(number: 1) { reviewThreads(first: 5) { nodes { id } } } } }`,
      );
    const id = data.repository.pullRequest.reviewThreads.nodes[0].id;
    await fixture
      .user("bob")
      .graphql(`mutation ($id: ID!) { resolveReviewThread(input: { threadId: $id }) { thread { id } } }`, {
        id,
      });
    expect((await fixture.app().rest.pulls.get({ owner, repo, pull_number: 1 })).data.mergeable_state).toBe("clean");
    expect((await requestFailure(merge("octocat", "rebase"))).message).toBe(
      violations("Merge method rebase is not allowed on this branch."),
    );
    expect(
      (await fixture.app().rest.pulls.merge({ owner, repo, pull_number: 1, merge_method: "squash" })).data.merged,
    ).toBe(true);
  });

  it("refuses a direct push to the branch, an admin's too", async () => {
    await createRuleset([pullRequestRule({ require_code_owner_review: false })]);
    const refused = await requestFailure(
      fixture.user("octocat").rest.repos.createOrUpdateFileContents({
        owner,
        repo,
        path: "NEWS.md",
        message: "Straight onto main",
        content: Buffer.from("news\n").toString("base64"),
      }),
    );
    expect(refused).toMatchObject({ status: 422, message: violations("Changes must be made through a pull request.") });
    // another branch is not covered
    await fixture.app().rest.git.createRef({ owner, repo, ref: "refs/heads/elsewhere", sha: fixture.initialSha });
    const elsewhere = await fixture.app().rest.repos.createOrUpdateFileContents({
      owner,
      repo,
      path: "NEWS.md",
      branch: "elsewhere",
      message: "On a branch",
      content: Buffer.from("news\n").toString("base64"),
    });
    expect(elsewhere.status).toBe(201);
  });
});

describe("dismiss_stale_reviews_on_push", () => {
  it("dismisses the approvals of an older head when the pull request is pushed to", async () => {
    fixture.ctx.state.setPermission(fixture.repo, "bob", "write");
    await createRuleset([
      pullRequestRule({
        dismiss_stale_reviews_on_push: true,
        require_code_owner_review: false,
        require_last_push_approval: false,
        required_review_thread_resolution: false,
      }),
    ]);
    await commitTo(fixture, "feature", { "a.txt": "a\n" });
    await openPull(fixture, "feature");
    await approve("bob");
    await pushCommit(fixture.app(), "feature", "More", { "b.txt": "b\n" });
    const reviews = (await fixture.app().rest.pulls.listReviews({ owner, repo, pull_number: 1 })).data;
    expect(reviews.map((review) => review.state)).toEqual(["DISMISSED"]);
    expect((await requestFailure(merge("octocat", "merge"))).message).toBe(violations(approvalLine));
  });
});

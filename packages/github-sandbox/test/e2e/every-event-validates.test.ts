import { ProbotOctokit } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  describeDelivery,
  invalidPayloads,
  label,
  startSandboxHarness,
  type SandboxHarness,
  type SeenDelivery,
} from "./sandbox-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/**
 * Every kind of webhook the sandbox sends, caused through the REST API the way a person or the
 * app would, and each payload checked against GitHub's current webhook schema.
 */
describe("every webhook the sandbox sends", () => {
  let h: SandboxHarness;
  let seen: SeenDelivery[];

  beforeAll(async () => {
    h = await startSandboxHarness();
    const { user, app } = h;
    const issue = (await user.rest.issues.create({ ...repo, title: "An issue", labels: ["bug"] })).data.number;
    await user.rest.issues.update({ ...repo, issue_number: issue, title: "An issue, renamed" });
    await user.rest.issues.addAssignees({ ...repo, issue_number: issue, assignees: ["octocat"] });
    await user.rest.issues.removeLabel({ ...repo, issue_number: issue, name: "bug" });
    const comment = (await user.rest.issues.createComment({ ...repo, issue_number: issue, body: "/status" })).data.id;
    await user.rest.issues.updateComment({ ...repo, comment_id: comment, body: "/status please" });
    await user.rest.issues.deleteComment({ ...repo, comment_id: comment });
    await user.rest.issues.update({ ...repo, issue_number: issue, state: "closed", state_reason: "not_planned" });
    await user.rest.issues.update({ ...repo, issue_number: issue, state: "open" });

    const main = (await app.rest.git.getRef({ ...repo, ref: "heads/main" })).data.object.sha;
    await app.rest.git.createRef({ ...repo, ref: "refs/heads/feature", sha: main });
    const put = await app.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: "src/feature.ts",
      branch: "feature",
      message: "Add the feature",
      content: Buffer.from("export const feature = true;\n").toString("base64"),
    });
    const pull = (await app.rest.pulls.create({ ...repo, head: "feature", base: "main", title: "Feature" })).data;
    await app.rest.issues.addLabels({ ...repo, issue_number: pull.number, labels: ["enhancement"] });
    await app.rest.issues.removeLabel({ ...repo, issue_number: pull.number, name: "enhancement" });
    await app.rest.pulls.update({ ...repo, pull_number: pull.number, body: "Now with a description" });
    await app.graphql(
      `mutation { convertPullRequestToDraft(input: { pullRequestId: "${pull.node_id}" }) { pullRequest { isDraft } } }`,
    );
    await app.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: "src/feature.ts",
      branch: "feature",
      sha: put.data.content?.sha ?? "",
      message: "Refine the feature",
      content: Buffer.from("export const feature = 2;\n").toString("base64"),
    });
    const head = (await app.rest.pulls.get({ ...repo, pull_number: pull.number })).data.head.sha;
    const run = (
      await app.rest.checks.create({
        ...repo,
        name: "autopilot/secrets",
        head_sha: head,
        conclusion: "success",
        output: { title: "Clean", summary: "No credential found" },
      })
    ).data;
    await app.rest.checks.rerequestRun({ ...repo, check_run_id: run.id });
    await app.rest.checks.rerequestSuite({ ...repo, check_suite_id: run.check_suite?.id ?? 0 });
    await user.rest.repos.createCommitStatus({ ...repo, sha: head, state: "success", context: "ci/test" });
    // a workflow's GITHUB_TOKEN: GitHub Actions' run and status, carrying their own app and bot
    const actions = new ProbotOctokit({
      baseUrl: h.sandbox.apiUrl,
      auth: { token: h.sandbox.actionsToken() },
      retry: { enabled: false },
      throttle: { enabled: false },
    });
    await actions.rest.checks.create({
      ...repo,
      name: "ci/test",
      head_sha: head,
      status: "completed",
      conclusion: "success",
    });
    await actions.rest.repos.createCommitStatus({ ...repo, sha: head, state: "success", context: "ci/lint" });
    const review = (await user.rest.pulls.createReview({ ...repo, pull_number: pull.number, event: "APPROVE" })).data;
    await user.rest.pulls.dismissReview({
      ...repo,
      pull_number: pull.number,
      review_id: review.id,
      message: "New commits",
    });
    const lineComment = { path: "src/feature.ts", line: 1, body: "```suggestion\nexport const feature = 3;\n```" };
    await user.rest.pulls.createReview({
      ...repo,
      pull_number: pull.number,
      event: "COMMENT",
      body: "One finding",
      comments: [lineComment],
    });
    const [posted] = (await user.rest.pulls.listReviewComments({ ...repo, pull_number: pull.number })).data;
    await user.rest.pulls.updateReviewComment({ ...repo, comment_id: posted?.id ?? 0, body: "Edited finding" });
    await user.rest.pulls.deleteReviewComment({ ...repo, comment_id: posted?.id ?? 0 });
    await app.rest.pulls.update({ ...repo, pull_number: pull.number, state: "closed" });
    await app.rest.pulls.update({ ...repo, pull_number: pull.number, state: "open" });
    await app.rest.git.deleteRef({ ...repo, ref: "heads/feature" });

    await h.sandbox.idle();
    seen = h.receiver.received.map((delivery) => describeDelivery(delivery, h.sandbox.webhookSecret));
  });

  afterAll(() => h.close());

  it("covers the events and actions the app listens to", () => {
    const kinds = new Set(seen.map(label));
    for (const expected of [
      "issues.opened",
      "issues.edited",
      "issues.assigned",
      "issues.unlabeled",
      "issues.closed",
      "issues.reopened",
      "issue_comment.created",
      "issue_comment.edited",
      "issue_comment.deleted",
      "push",
      "pull_request.opened",
      "pull_request.labeled",
      "pull_request.unlabeled",
      "pull_request.edited",
      "pull_request.converted_to_draft",
      "pull_request.synchronize",
      "pull_request.closed",
      "pull_request.reopened",
      "check_suite.requested",
      "check_run.created",
      "check_run.completed",
      "check_suite.completed",
      "check_run.rerequested",
      "check_suite.rerequested",
      "status",
      "pull_request_review.submitted",
      "pull_request_review.dismissed",
      "pull_request_review_comment.created",
      "pull_request_review_comment.edited",
      "pull_request_review_comment.deleted",
    ]) {
      expect(kinds, expected).toContain(expected);
    }
  });

  it("sends only payloads GitHub's webhook schema accepts, all signed", () => {
    expect(invalidPayloads(seen)).toEqual([]);
    expect(seen.every((delivery) => delivery.signatureValid)).toBe(true);
  });

  it("closes the open pull request of a deleted branch, after the push that deleted it", () => {
    const tail = seen
      .slice(-2)
      .map((delivery) => [label(delivery), delivery.payload.deleted ?? delivery.payload.action]);
    expect(tail).toEqual([
      ["push", true],
      ["pull_request.closed", "closed"],
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  describeDelivery,
  invalidPayloads,
  label,
  startSandboxHarness,
  type SandboxHarness,
  type SeenDelivery,
} from "./sandbox-harness.js";

const owner = "acme";
const repo = "widgets";

/**
 * The acceptance flow of the sandbox, over HTTP only: a person opens and labels an issue, the app
 * branches, commits through the Git Data API, opens a draft pull request and reports a check, the
 * person approves, the app marks the pull request ready and merges it. The webhook endpoint must
 * have received GitHub's events in order, each signed, each valid against GitHub's schema.
 */
describe("a user flow end to end over HTTP", () => {
  let h: SandboxHarness;
  let seen: SeenDelivery[];
  let mergeSha: string;
  let pullNumber: number;

  beforeAll(async () => {
    h = await startSandboxHarness();
    const { user, app } = h;

    const issue = await user.rest.issues.create({
      owner,
      repo,
      title: "Paginate widget lists",
      body: "Scope: src/widgets/**",
    });
    await user.rest.issues.addLabels({ owner, repo, issue_number: issue.data.number, labels: ["autopilot"] });

    const main = await app.rest.git.getRef({ owner, repo, ref: "heads/main" });
    const branch = "autopilot/T-1-paginate";
    await app.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha: main.data.object.sha });
    const base = await app.rest.git.getCommit({ owner, repo, commit_sha: main.data.object.sha });
    const tree = await app.rest.git.createTree({
      owner,
      repo,
      base_tree: base.data.tree.sha,
      tree: [{ path: "src/widgets/cursor.ts", mode: "100644", type: "blob", content: "export const pageSize = 50;\n" }],
    });
    const commit = await app.rest.git.createCommit({
      owner,
      repo,
      message: "Add a page size\n\nTask: T-1\nRefs: NT-0012\n",
      tree: tree.data.sha,
      parents: [main.data.object.sha],
    });
    await app.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha: commit.data.sha });

    const pull = await app.rest.pulls.create({
      owner,
      repo,
      title: "[T-1] Paginate widget lists",
      head: branch,
      base: "main",
      draft: true,
      body: `Closes #${issue.data.number}`,
    });
    pullNumber = pull.data.number;
    const run = await app.rest.checks.create({
      owner,
      repo,
      name: "autopilot/scope",
      head_sha: commit.data.sha,
      status: "in_progress",
    });
    await app.rest.checks.update({
      owner,
      repo,
      check_run_id: run.data.id,
      conclusion: "success",
      output: { title: "In scope", summary: "1 file, all inside src/widgets/**" },
    });
    await user.rest.pulls.createReview({ owner, repo, pull_number: pullNumber, event: "APPROVE" });
    await app.graphql(
      `mutation($id: ID!) { markPullRequestReadyForReview(input: { pullRequestId: $id }) { pullRequest { isDraft } } }`,
      {
        id: pull.data.node_id,
      },
    );
    const merged = await app.rest.pulls.merge({
      owner,
      repo,
      pull_number: pullNumber,
      sha: commit.data.sha,
      merge_method: "squash",
    });
    mergeSha = merged.data.sha;

    await h.sandbox.idle();
    seen = h.receiver.received.map((delivery) => describeDelivery(delivery, h.sandbox.webhookSecret));
  });

  afterAll(() => h.close());

  it("delivers GitHub's events in the order the changes happened", () => {
    expect(seen.map(label)).toEqual([
      "installation.created",
      "issues.opened",
      "issues.labeled",
      "push",
      "check_suite.requested",
      "push",
      "check_suite.requested",
      "pull_request.opened",
      "check_run.created",
      "check_run.completed",
      "check_suite.completed",
      "pull_request_review.submitted",
      "pull_request.ready_for_review",
      "push",
      "check_suite.requested",
      "pull_request.closed",
      "issues.closed", // the pull request's "Closes #1"
    ]);
  });

  it("signs every delivery with the webhook secret, with a distinct delivery id and the installation", () => {
    expect(seen.every((delivery) => delivery.signatureValid)).toBe(true);
    expect(new Set(seen.map((delivery) => delivery.guid)).size).toBe(seen.length);
    for (const delivery of seen) {
      expect((delivery.payload.installation as { id: number }).id).toBe(h.sandbox.installationId);
    }
  });

  it("sends payloads that GitHub's webhook schema accepts", () => {
    expect(invalidPayloads(seen)).toEqual([]);
  });

  it("fills the payloads with the sandbox's state", async () => {
    const labeled = seen.find((delivery) => label(delivery) === "issues.labeled")?.payload;
    expect(labeled).toMatchObject({
      label: { name: "autopilot" },
      issue: { number: 1, title: "Paginate widget lists" },
      sender: { login: "octocat" },
    });
    const closed = seen.find((delivery) => label(delivery) === "pull_request.closed")?.payload;
    expect(closed).toMatchObject({
      number: pullNumber,
      pull_request: { merged: true, merge_commit_sha: mergeSha, draft: false },
    });
    const lastPush = seen.filter((delivery) => delivery.event === "push").at(-1)?.payload;
    expect(lastPush).toMatchObject({
      ref: "refs/heads/main",
      after: mergeSha,
      head_commit: { added: ["src/widgets/cursor.ts"] },
    });
    const keywordClose = seen.at(-1)?.payload;
    expect(keywordClose).toMatchObject({
      issue: { number: 1, state: "closed", state_reason: "completed", closed_by: { login: "autopilot[bot]" } },
      sender: { login: "autopilot[bot]" },
    });
    const main = await h.user.rest.repos.getBranch({ owner, repo, branch: "main" });
    expect(main.data.commit.sha).toBe(mergeSha);
  });

  it("keeps the issue's and the pull request's events as they happened", async () => {
    const issueEvents = await h.app.rest.issues.listEvents({ owner, repo, issue_number: 1 });
    expect(issueEvents.data[0]).toMatchObject({
      event: "labeled",
      actor: { login: "octocat" },
      label: { name: "autopilot" },
    });
    const pullEvents = await h.app.rest.issues.listEvents({ owner, repo, issue_number: pullNumber });
    expect(pullEvents.data.map((event) => [event.event, event.actor?.login, event.commit_id])).toEqual([
      ["merged", "autopilot[bot]", mergeSha],
      ["closed", "autopilot[bot]", null],
    ]);
  });

  it("lists the deliveries through GitHub's endpoint and redelivers one with the same delivery id", async () => {
    const listed = await h.appJwt.request("GET /app/hook/deliveries", { per_page: 100 });
    const labeled = listed.data.find((delivery) => delivery.event === "issues" && delivery.action === "labeled");
    expect(labeled).toBeDefined();
    expect(listed.data).toHaveLength(seen.length);
    const before = h.receiver.received.length;
    const answer = await h.appJwt.request("POST /app/hook/deliveries/{delivery_id}/attempts", {
      delivery_id: Number(labeled?.id ?? 0),
    });
    expect(answer.status).toBe(202);
    await h.sandbox.idle();
    const again = h.receiver.received
      .slice(before)
      .map((delivery) => describeDelivery(delivery, h.sandbox.webhookSecret));
    expect(again.map((delivery) => [label(delivery), delivery.guid, delivery.signatureValid])).toEqual([
      ["issues.labeled", labeled?.guid, true],
    ]);
  });
});

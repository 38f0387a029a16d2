import { afterEach, describe, expect, it } from "vitest";
import { defaultInstallationPermissions } from "../../src/auth/index.js";
import { appManifest } from "../../src/represent/app.js";
import type { SandboxOptions } from "../../src/index.js";
import { pushCommit } from "../helpers/push-commit.js";
import { describeDelivery, invalidPayloads, startSandboxHarness, type SandboxHarness } from "../e2e/sandbox-harness.js";

const repo = { owner: "acme", repo: "widgets" };
const subscribed = [...new Set([...appManifest.events, "pull_request_review_thread"])];
let h: SandboxHarness;
afterEach(() => h?.close());

/** Octocat opens a pull request, comments on one of its lines, resolves the thread and unresolves it. */
async function resolveAndUnresolve(options: SandboxOptions): Promise<string> {
  h = await startSandboxHarness(options);
  const main = (await h.user.rest.git.getRef({ ...repo, ref: "heads/main" })).data.object.sha;
  await h.user.rest.git.createRef({ ...repo, ref: "refs/heads/threads", sha: main });
  await pushCommit(h.user, "threads", "Add notes", { "notes.md": "one\ntwo\n" });
  const pull = (await h.user.rest.pulls.create({ ...repo, head: "threads", base: "main", title: "Notes" })).data;
  await h.user.rest.pulls.createReview({
    ...repo,
    pull_number: pull.number,
    event: "COMMENT",
    body: "A finding",
    comments: [{ path: "notes.md", line: 2, body: "two?" }],
  });
  const threads = await h.user.graphql<Record<string, any>>(
    `query ($n: Int!) { repository(owner: "acme", name: "widgets") { pullRequest(number: $n) {
      reviewThreads(first: 1) { nodes { id } } } } }`,
    { n: pull.number },
  );
  const id: string = threads.repository.pullRequest.reviewThreads.nodes[0].id;
  await h.user.graphql(`mutation ($id: ID!) { resolveReviewThread(input: { threadId: $id }) { thread { id } } }`, {
    id,
  });
  await h.user.graphql(`mutation ($id: ID!) { unresolveReviewThread(input: { threadId: $id }) { thread { id } } }`, {
    id,
  });
  await h.sandbox.idle();
  return id;
}

const threadDeliveries = () =>
  h.receiver.received
    .map((delivery) => describeDelivery(delivery, h.sandbox.webhookSecret))
    .filter((delivery) => delivery.event === "pull_request_review_thread");

describe("pull_request_review_thread webhooks", () => {
  it("reach an app subscribed to them with pull_requests granted, in GitHub's payload shape", async () => {
    const id = await resolveAndUnresolve({ appEvents: subscribed });
    const seen = threadDeliveries();
    expect(seen.map((delivery) => delivery.action)).toEqual(["resolved", "unresolved"]);
    expect(invalidPayloads(seen)).toEqual([]);
    expect(seen[0]?.payload).toMatchObject({
      thread: { node_id: id, comments: [{ body: "two?", path: "notes.md", line: 2 }] },
      pull_request: { number: 1 },
      sender: { login: "octocat" },
      installation: { id: h.sandbox.installationId },
    });
  });

  it("reach no app that does not subscribe to them", async () => {
    const unsubscribed = appManifest.events.filter((event) => event !== "pull_request_review_thread");
    await resolveAndUnresolve({ appEvents: unsubscribed });
    expect(threadDeliveries()).toEqual([]);
  });

  it("reach no installation that has not granted pull_requests", async () => {
    const { pull_requests: _granted, ...withoutPulls } = defaultInstallationPermissions as Record<string, string>;
    await resolveAndUnresolve({ appEvents: subscribed, installationPermissions: withoutPulls });
    expect(h.receiver.received.length).toBeGreaterThan(0);
    expect(threadDeliveries()).toEqual([]);
  });
});

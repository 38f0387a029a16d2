import { ProbotOctokit } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { requestFailure } from "../rest/rest-fixture.js";
import { invalidPayloads } from "../e2e/sandbox-harness.js";
import {
  actionsOctokit,
  configureMergeQueue,
  deliveriesSince,
  pullRequestEvents,
  describeSeen,
  enqueue,
  graphql,
  openPull,
  personOctokit,
  queueBranches,
  queueEntryOf,
  repo,
  startSandboxHarness,
  type SandboxHarness,
} from "./merge-queue-harness.js";

let h: SandboxHarness;
afterEach(() => h?.close());

const mainSha = async (): Promise<string> =>
  (await h.app.rest.git.getRef({ ...repo, ref: "heads/main" })).data.object.sha;
const pass = (sha: string, name = "ci/test", conclusion: "success" | "failure" = "success") =>
  h.app.rest.checks.create({ ...repo, name, head_sha: sha, status: "completed", conclusion });

/** The group commit of a queued pull request, from the `push` of its read-only branch. */
function groupPushOf(from: number, number: number): { ref: string; sha: string } {
  const push = deliveriesSince(h, from).find(
    (delivery) =>
      delivery.event === "push" &&
      String(delivery.payload.ref).startsWith(`refs/heads/gh-readonly-queue/main/pr-${number}-`) &&
      !delivery.payload.deleted,
  );
  if (!push) throw new Error(`no merge group was built for #${number}`);
  return { ref: String(push.payload.ref), sha: String(push.payload.after) };
}

describe("A merge queue on the default branch", () => {
  it("merges a queued pull request once its required check passes on the merge group, in GitHub's order", async () => {
    h = await startSandboxHarness();
    await configureMergeQueue(h, { checks: [{ context: "ci/test", integration_id: h.sandbox.appId }] });
    const pull = await openPull(h, "feature", { "src/feature.ts": "export const feature = 1;\n" });
    const before = await mainSha();
    await pass(pull.head);
    await h.sandbox.idle();

    // a direct merge is refused: the branch's changes go through the queue
    expect(await requestFailure(h.app.rest.pulls.merge({ ...repo, pull_number: pull.number }))).toMatchObject({
      status: 405,
      message: "Changes must be made through the merge queue",
    });

    const from = h.receiver.received.length;
    const answer = await enqueue(h.app, pull);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.enqueuePullRequest).toMatchObject({
      clientMutationId: "mq",
      mergeQueueEntry: { position: 1, pullRequest: { number: pull.number }, baseCommit: { oid: before } },
    });
    await h.sandbox.idle();

    const group = groupPushOf(from, pull.number);
    expect(group.ref).toBe(`refs/heads/gh-readonly-queue/main/pr-${pull.number}-${pull.head}`);
    expect(await queueEntryOf(h.app, pull.number)).toEqual({
      isInMergeQueue: true,
      isMergeQueueEnabled: true,
      mergeQueueEntry: {
        position: 1,
        state: "AWAITING_CHECKS",
        headCommit: { oid: group.sha },
        baseCommit: { oid: before },
      },
    });
    const groupCommit = (await h.app.rest.git.getCommit({ ...repo, commit_sha: group.sha })).data;
    expect(groupCommit.parents.map((parent) => parent.sha)).toEqual([before, pull.head]);
    expect(groupCommit.message).toBe(`Merge pull request #${pull.number} from acme/feature\n\nWork on feature`);

    // the check passing on the pull request's head, or from another app than the pinned one, does not count
    await actionsOctokit(h).rest.checks.create({
      ...repo,
      name: "ci/test",
      head_sha: group.sha,
      status: "completed",
      conclusion: "success",
    });
    await h.sandbox.idle();
    expect(await mainSha()).toBe(before);
    expect((await queueEntryOf(h.app, pull.number)).isInMergeQueue).toBe(true);

    await pass(group.sha);
    await h.sandbox.idle();
    const merged = (await h.app.rest.pulls.get({ ...repo, pull_number: pull.number })).data;
    expect(merged).toMatchObject({ state: "closed", merged: true, merge_commit_sha: group.sha });
    expect(merged.merged_by).toMatchObject({ login: "github-merge-queue[bot]", type: "Bot" });
    expect(await mainSha()).toBe(group.sha);
    expect(await queueBranches(h)).toEqual([]);
    expect(await queueEntryOf(h.app, pull.number)).toMatchObject({ isInMergeQueue: false, mergeQueueEntry: null });

    const seen = deliveriesSince(h, from).filter((delivery) =>
      ["pull_request", "push", "check_suite", "merge_group"].includes(delivery.event),
    );
    expect(describeSeen(seen)).toEqual([
      "pull_request.enqueued",
      `push ${group.ref}`,
      "check_suite.requested",
      "merge_group.checks_requested",
      // another app's completed suite on the group commit
      "check_suite.completed",
      "check_suite.completed",
      "pull_request.dequeued MERGE",
      "merge_group.destroyed merged",
      "pull_request.closed",
      "push refs/heads/main",
      `push ${group.ref} (deleted)`,
    ]);
    const enqueued = seen[0]?.payload;
    expect(enqueued?.sender).toMatchObject({ login: "autopilot[bot]" });
    const pushed = seen.find((delivery) => delivery.event === "push" && delivery.payload.ref === "refs/heads/main");
    expect(pushed?.payload).toMatchObject({ before, after: group.sha, pusher: { name: "github-merge-queue[bot]" } });
    expect(invalidPayloads(deliveriesSince(h, from))).toEqual([]);
  });

  it("merges a group at once when nothing is required, by the ruleset's merge method", async () => {
    h = await startSandboxHarness();
    await configureMergeQueue(h, { mergeMethod: "SQUASH" });
    const pull = await openPull(h, "squashed", { "a.md": "a\n" });
    const before = await mainSha();
    expect((await enqueue(h.user, pull)).errors).toBeUndefined();
    await h.sandbox.idle();
    const merged = (await h.app.rest.pulls.get({ ...repo, pull_number: pull.number })).data;
    expect(merged.merged).toBe(true);
    const commit = (await h.app.rest.git.getCommit({ ...repo, commit_sha: await mainSha() })).data;
    expect(commit.parents.map((parent) => parent.sha)).toEqual([before]);
    expect(commit.message).toMatch(new RegExp(`^Work on squashed \\(#${pull.number}\\)`));
  });

  it("refuses to enqueue what GitHub refuses", async () => {
    h = await startSandboxHarness();
    const early = await openPull(h, "early", { "early.md": "x\n" });
    const noQueue = await enqueue(h.app, early);
    expect(noQueue.errors).toEqual([
      expect.objectContaining({ type: "UNPROCESSABLE", message: "Merge queue is not enabled for the main branch" }),
    ]);

    await configureMergeQueue(h, { checks: [{ context: "ci/test" }] });
    await h.user.rest.repos.updateBranchProtection({
      ...repo,
      branch: "main",
      required_status_checks: null,
      enforce_admins: false,
      required_pull_request_reviews: { required_approving_review_count: 1 },
      restrictions: null,
    });
    const refusal = async (answer: Promise<{ errors?: { message: string }[] }>) => (await answer).errors?.[0]?.message;

    const draft = await openPull(h, "drafty", { "d.md": "d\n" }, { draft: true });
    expect(await refusal(enqueue(h.app, draft))).toBe("Pull request is still a draft");

    const closed = await openPull(h, "closed", { "c.md": "c\n" });
    await h.app.rest.pulls.update({ ...repo, pull_number: closed.number, state: "closed" });
    expect(await refusal(enqueue(h.app, closed))).toBe("Pull request is closed");

    const pull = await openPull(h, "ready", { "r.md": "r\n" });
    expect(await refusal(enqueue(h.app, pull, "0".repeat(40)))).toBe(
      "Head branch was modified. Review and try the merge again.",
    );
    // approving reviews first (classic protection), then the ruleset's check on the head
    expect(await refusal(enqueue(h.app, pull))).toBe(
      "Pull request At least 1 approving review is required by reviewers with write access.",
    );
    await h.user.rest.pulls.createReview({ ...repo, pull_number: pull.number, event: "APPROVE" });
    expect(await refusal(enqueue(h.app, pull))).toBe('Pull request Required status check "ci/test" is expected.');
    await pass(pull.head);

    // someone who can only read the repository may not
    h.sandbox.state.setPermission(h.sandbox.repo, "reader", "read");
    expect((await enqueue(personOctokit(h, "reader"), pull)).errors).toEqual([
      expect.objectContaining({ type: "FORBIDDEN" }),
    ]);

    // an installation may write contents and pull requests, but without `merge_queues: write` it may not
    const noQueueAccess = new ProbotOctokit({
      baseUrl: h.sandbox.apiUrl,
      auth: { token: h.sandbox.actionsToken({ contents: "write", pull_requests: "write", metadata: "read" }) },
      retry: { enabled: false },
      throttle: { enabled: false },
    });
    expect((await enqueue(noQueueAccess, pull)).errors).toEqual([
      expect.objectContaining({ type: "FORBIDDEN", message: "Resource not accessible by integration" }),
    ]);

    expect((await enqueue(h.app, pull)).errors).toBeUndefined();
    expect(await refusal(enqueue(h.app, pull))).toBe("Pull request is already in the merge queue");
    await h.sandbox.idle();
    expect((await queueEntryOf(h.app, pull.number)).isInMergeQueue).toBe(true);
  });

  it("takes a pull request out with CI_FAILURE when a required check fails on its group; the one behind is built next", async () => {
    h = await startSandboxHarness();
    await configureMergeQueue(h, { checks: [{ context: "ci/test" }] });
    const first = await openPull(h, "first", { "first.md": "1\n" });
    const second = await openPull(h, "second", { "second.md": "2\n" });
    await pass(first.head);
    await pass(second.head);
    const before = await mainSha();
    const from = h.receiver.received.length;
    expect((await enqueue(h.app, first)).errors).toBeUndefined();
    expect((await enqueue(h.app, second)).errors).toBeUndefined();
    await h.sandbox.idle();
    expect((await queueEntryOf(h.app, second.number)).mergeQueueEntry).toMatchObject({ position: 2, state: "QUEUED" });

    const group = groupPushOf(from, first.number);
    await pass(group.sha, "ci/test", "failure");
    await h.sandbox.idle();
    expect(await mainSha()).toBe(before);
    const failed = (await h.app.rest.pulls.get({ ...repo, pull_number: first.number })).data;
    expect(failed).toMatchObject({ state: "open", merged: false });
    expect(pullRequestEvents(h, from)).toEqual([
      "pull_request.enqueued",
      "pull_request.enqueued",
      "pull_request.dequeued CI_FAILURE",
    ]);
    expect((await queueEntryOf(h.app, second.number)).mergeQueueEntry).toMatchObject({
      position: 1,
      state: "AWAITING_CHECKS",
    });

    const next = groupPushOf(from, second.number);
    await pass(next.sha);
    await h.sandbox.idle();
    expect(await mainSha()).toBe(next.sha);
    const files = (await h.app.rest.repos.getContent({ ...repo, path: "", ref: "main" })).data as { name: string }[];
    expect(files.map((file) => file.name)).toContain("second.md");
    expect(files.map((file) => file.name)).not.toContain("first.md");
  });

  it("takes a pull request out when its head moves while queued, and never merges the old group", async () => {
    h = await startSandboxHarness();
    await configureMergeQueue(h, { checks: [{ context: "ci/test" }] });
    const pull = await openPull(h, "moving", { "m.md": "m\n" });
    await pass(pull.head);
    const before = await mainSha();
    const from = h.receiver.received.length;
    expect((await enqueue(h.app, pull)).errors).toBeUndefined();
    await h.sandbox.idle();
    const group = groupPushOf(from, pull.number);

    await h.app.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: "later.md",
      branch: "moving",
      message: "One more thing",
      content: Buffer.from("later\n").toString("base64"),
    });
    await h.sandbox.idle();
    expect((await queueEntryOf(h.app, pull.number)).isInMergeQueue).toBe(false);
    expect(await queueBranches(h)).toEqual([]);
    await pass(group.sha);
    await h.sandbox.idle();
    expect(await mainSha()).toBe(before);
    expect((await h.app.rest.pulls.get({ ...repo, pull_number: pull.number })).data.merged).toBe(false);
    expect(pullRequestEvents(h, from)).toEqual([
      "pull_request.enqueued",
      "pull_request.synchronize",
      "pull_request.dequeued UNKNOWN_REMOVAL_REASON",
    ]);
  });

  it("takes out with MERGE_CONFLICT a pull request that no longer merges onto the base the queue moved", async () => {
    h = await startSandboxHarness();
    await configureMergeQueue(h, { checks: [{ context: "ci/test" }] });
    const first = await openPull(h, "one", { "same.md": "one\n" });
    const second = await openPull(h, "two", { "same.md": "two\n" });
    await pass(first.head);
    await pass(second.head);
    const from = h.receiver.received.length;
    expect((await enqueue(h.app, first)).errors).toBeUndefined();
    expect((await enqueue(h.app, second)).errors).toBeUndefined();
    await h.sandbox.idle();
    await pass(groupPushOf(from, first.number).sha);
    await h.sandbox.idle();
    expect((await h.app.rest.pulls.get({ ...repo, pull_number: first.number })).data.merged).toBe(true);
    expect((await h.app.rest.pulls.get({ ...repo, pull_number: second.number })).data.merged).toBe(false);
    expect(describeSeen(deliveriesSince(h, from))).toContain("pull_request.dequeued MERGE_CONFLICT");
    expect((await queueEntryOf(h.app, second.number)).isInMergeQueue).toBe(false);
  });

  it("rebuilds the group when the base moves under it, and dequeuePullRequest takes an entry out (MANUAL)", async () => {
    h = await startSandboxHarness();
    await configureMergeQueue(h);
    // classic protection's required check: the queue waits for it on the group
    await h.user.rest.repos.updateBranchProtection({
      ...repo,
      branch: "main",
      required_status_checks: { strict: false, contexts: ["ci/test"] },
      enforce_admins: false,
      required_pull_request_reviews: null,
      restrictions: null,
    });
    const pull = await openPull(h, "rebuilt", { "r.md": "r\n" });
    const other = await openPull(h, "manual", { "o.md": "o\n" });
    await pass(pull.head);
    await pass(other.head);
    const from = h.receiver.received.length;
    expect((await enqueue(h.app, pull)).errors).toBeUndefined();
    expect((await enqueue(h.app, other)).errors).toBeUndefined();
    await h.sandbox.idle();
    const stale = groupPushOf(from, pull.number);

    const dequeued = await graphql(
      h.app,
      `mutation($id: ID!) { dequeuePullRequest(input: { id: $id }) { mergeQueueEntry { pullRequest { number } } } }`,
      { id: other.nodeId },
    );
    expect(dequeued.data?.dequeuePullRequest.mergeQueueEntry.pullRequest.number).toBe(other.number);
    await h.sandbox.idle();
    expect((await queueEntryOf(h.app, other.number)).isInMergeQueue).toBe(false);

    // an administrator's direct push moves main (classic protection lets admins through)
    const moved = await h.user.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: "NEWS.md",
      branch: "main",
      message: "News",
      content: Buffer.from("news\n").toString("base64"),
    });
    const mark = h.receiver.received.length;
    await h.sandbox.idle();
    const rebuilt = groupPushOf(mark, pull.number);
    expect(rebuilt.sha).not.toBe(stale.sha);
    const commit = (await h.app.rest.git.getCommit({ ...repo, commit_sha: rebuilt.sha })).data;
    expect(commit.parents.map((parent) => parent.sha)).toEqual([moved.data.commit.sha, pull.head]);
    await pass(rebuilt.sha);
    await h.sandbox.idle();
    expect(await mainSha()).toBe(rebuilt.sha);
    expect(pullRequestEvents(h, from)).toEqual([
      "pull_request.enqueued",
      "pull_request.enqueued",
      "pull_request.dequeued MANUAL",
      "pull_request.dequeued MERGE",
      "pull_request.closed",
    ]);
  });

  it("follows ruleset changes: a dropped requirement lets a waiting group merge, a dropped queue clears it", async () => {
    h = await startSandboxHarness();
    const rulesetId = await configureMergeQueue(h, { checks: [{ context: "ci/test" }] });
    const first = await openPull(h, "waits", { "w.md": "w\n" });
    await pass(first.head);
    const from = h.receiver.received.length;
    expect((await enqueue(h.app, first)).errors).toBeUndefined();
    await h.sandbox.idle();
    const group = groupPushOf(from, first.number);

    const { data: ruleset } = await h.user.rest.repos.getRepoRuleset({ ...repo, ruleset_id: rulesetId });
    const queueOnly = (ruleset.rules ?? []).filter((rule) => rule.type === "merge_queue");
    await h.user.rest.repos.updateRepoRuleset({ ...repo, ruleset_id: rulesetId, rules: queueOnly });
    await h.sandbox.idle();
    expect(await mainSha()).toBe(group.sha);
    expect((await h.app.rest.pulls.get({ ...repo, pull_number: first.number })).data.merged).toBe(true);

    // classic protection's check holds the next group; then the queue's ruleset goes away
    await h.user.rest.repos.updateBranchProtection({
      ...repo,
      branch: "main",
      required_status_checks: { strict: false, contexts: ["ci/slow"] },
      enforce_admins: false,
      required_pull_request_reviews: null,
      restrictions: null,
    });
    const second = await openPull(h, "cleared", { "c.md": "c\n" });
    await pass(second.head, "ci/slow");
    expect((await enqueue(h.app, second)).errors).toBeUndefined();
    await h.sandbox.idle();
    expect((await queueEntryOf(h.app, second.number)).mergeQueueEntry).toMatchObject({ state: "AWAITING_CHECKS" });
    await h.user.rest.repos.deleteRepoRuleset({ ...repo, ruleset_id: rulesetId });
    await h.sandbox.idle();
    expect((await queueEntryOf(h.app, second.number)).isInMergeQueue).toBe(false);
    expect((await h.app.rest.pulls.get({ ...repo, pull_number: second.number })).data.merged).toBe(false);
    expect(describeSeen(deliveriesSince(h, from))).toContain("pull_request.dequeued QUEUE_CLEARED");
    expect(await queueBranches(h)).toEqual([]);
  });

  it("takes out with CI_TIMEOUT a group whose required check does not report within the rule's timeout", async () => {
    let clock = Date.parse("2026-12-05T10:00:00Z");
    h = await startSandboxHarness({ now: () => clock });
    await configureMergeQueue(h, { checks: [{ context: "ci/test" }] });
    const pull = await openPull(h, "slow", { "s.md": "s\n" });
    await pass(pull.head);
    const before = await mainSha();
    const from = h.receiver.received.length;
    expect((await enqueue(h.app, pull)).errors).toBeUndefined();
    await h.sandbox.idle();
    const group = groupPushOf(from, pull.number);
    // a run that started but never completes does not stop the clock
    await h.app.rest.checks.create({ ...repo, name: "ci/test", head_sha: group.sha, status: "in_progress" });

    clock += 59 * 60_000;
    h.sandbox.mergeQueue.reconsider(h.sandbox.repo);
    await h.sandbox.idle();
    expect((await queueEntryOf(h.app, pull.number)).mergeQueueEntry).toMatchObject({ state: "AWAITING_CHECKS" });

    clock += 60_000;
    h.sandbox.mergeQueue.reconsider(h.sandbox.repo);
    await h.sandbox.idle();
    expect((await queueEntryOf(h.app, pull.number)).isInMergeQueue).toBe(false);
    expect(await mainSha()).toBe(before);
    expect(pullRequestEvents(h, from)).toEqual(["pull_request.enqueued", "pull_request.dequeued CI_TIMEOUT"]);
  });

  it("enqueues a pull request once when two clients race to enqueue it", async () => {
    h = await startSandboxHarness();
    await configureMergeQueue(h, { checks: [{ context: "ci/test" }] });
    const pull = await openPull(h, "raced", { "r.md": "r\n" });
    await pass(pull.head);
    const answers = await Promise.all([enqueue(h.app, pull), enqueue(h.user, pull), enqueue(h.app, pull)]);
    expect(answers.filter((answer) => answer.errors === undefined)).toHaveLength(1);
    await h.sandbox.idle();
    expect((await queueEntryOf(h.app, pull.number)).mergeQueueEntry).toMatchObject({ position: 1 });
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/index.js";
import { getEntry, parseQueue, type QueueEntry } from "../../src/core/queue/index.js";
import { configOf } from "../../src/handlers/config-of.js";
import { moveTask } from "../../src/handlers/move-task.js";
import { MergeEvaluations } from "../../src/handlers/scheduling/merge-evaluations.js";
import type { MergeRequests } from "../../src/handlers/repo-context.js";
import type { RecordedRequest } from "@autopilot/github-sandbox/http";
import { testServices } from "../helpers/test-services.js";
import { personWith } from "../security/security-harness.js";
import {
  installationContext,
  markReady,
  pushCommit,
  scriptedReviewers,
  setRepoConfig,
  startAppHarness,
  startTask,
  stateFile,
  type AppHarness,
} from "./app-harness.js";
import { findings } from "./task-lifecycle.js";

const repo = { owner: "acme", repo: "widgets" };
const accept = {
  decision: "accept",
  recommended_status: "done",
  next_actions: [],
  summary: "Meets the spec.",
  reasons: ["ok"],
};
const labels = defaultConfig().labels;

/**
 * The app's own state labels set off `pull_request.labeled`/`unlabeled` webhooks. The merge policy
 * reads no label, and whoever moves a task evaluates its merge: the echo of the app's own change
 * costs no evaluation, while a person's label, and a change another replica made (the same bot
 * account, none of this instance's memory), still get one. An evaluation of a ready PR with a
 * required status reads its head's commit statuses once, and nothing else reads them: counting
 * those counts evaluations; a draft's evaluation reads the PR (`pulls/get`).
 */
describe("the app's own label changes cost no merge evaluation", () => {
  let h: AppHarness | undefined;
  afterEach(async () => h?.close());

  const start = async () => {
    h = await startAppHarness({
      reviewPorts: scriptedReviewers(
        () => ({ output: findings }),
        () => ({ output: accept }),
      ),
    });
    await setRepoConfig(
      h,
      ["merge:", "  required_checks: [ci/test]", "owners: [octocat]", "dispatch:", "  target: none", ""].join("\n"),
    );
    return h;
  };
  const reads = (requests: readonly RecordedRequest[], operation: string, pathEnd: string) =>
    requests.filter((request) => request.operationId === operation && request.path.endsWith(pathEnd)).length;
  const statusReads = (h: AppHarness, sha: string) =>
    reads(h.sandbox.requests(), "repos/list-commit-statuses-for-ref", `/commits/${sha}/statuses`);
  const taskOf = async (h: AppHarness, id: string): Promise<QueueEntry | undefined> =>
    getEntry(parseQueue(await stateFile(h, "ops/queue.jsonl")).doc, id);

  it("dispatch's labels on its new draft read nothing; after ready, one evaluation, none for the move's labels", async () => {
    const h = await start();
    h.sandbox.server.clearRequests();
    const { issue, pull, branch } = await startTask(h, "Paginate", "src/widgets/**", "low");
    // the labels reached the PR: their webhooks were delivered and handled
    expect(pull.labels.map((label) => label.name)).toContain(labels.in_progress);
    // no evaluation of the draft: neither the PR nor its head's checks were read
    expect(reads(h.sandbox.requests(), "pulls/get", `/pulls/${pull.number}`)).toBe(0);
    expect(reads(h.sandbox.requests(), "checks/list-for-ref", `/commits/${pull.head.sha}/check-runs`)).toBe(0);

    const head = await pushCommit(h.user, branch, `Page\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      "src/widgets/a.ts": "export const a = 1;\n",
    });
    await h.settle();
    h.sandbox.server.clearRequests();
    await markReady(h, pull.node_id);
    expect((await taskOf(h, `T-${issue}`))?.status).toBe("review");
    const ready = (await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data;
    expect(ready.labels.map((label) => label.name)).toContain(labels.review);
    // the review reads the head's CI (the list the evaluation reads too), then the evaluation after
    // it moved the task to review and decided; the move's labels asked nothing more (a third read)
    expect(statusReads(h, head)).toBe(2);

    // a person's label is evaluated as before (the PR waits for CI: the statuses are read again)
    h.sandbox.server.clearRequests();
    await h.user.rest.issues.addLabels({ ...repo, issue_number: pull.number, labels: ["documentation"] });
    await h.settle();
    expect(statusReads(h, head)).toBe(1);

    // an agent taking off the state label the app set (the sender is not the app's bot): evaluated too
    const agent = await personWith(h, "agent-x", "write");
    h.sandbox.server.clearRequests();
    await agent.rest.issues.removeLabel({ ...repo, issue_number: pull.number, name: labels.review });
    await h.settle();
    expect(statusReads(h, head)).toBeGreaterThanOrEqual(1);
    // the app put it back (the queue says review)
    const restored = (await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data;
    expect(restored.labels.map((label) => label.name)).toContain(labels.review);

    await h.ci.rest.repos.createCommitStatus({ ...repo, sha: head, state: "success", context: "ci/test" });
    await h.settle();
    expect((await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data.merged).toBe(true);
  });

  it("a move another replica made (the same bot) is evaluated here: the PR merges on its label's event", async () => {
    const h = await start();
    const { issue, pull, branch } = await startTask(h, "Sort", "src/sort/**", "low");
    const head = await pushCommit(h.user, branch, `Sort\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      "src/sort/a.ts": "export const a = 1;\n",
    });
    await markReady(h, pull.node_id);
    // another replica, with its own memory; it moves tasks but (an older version, or cut off
    // right after the move) never evaluates their merge itself
    const requested: number[] = [];
    const memory = new MergeEvaluations();
    const merges: MergeRequests = {
      request: (_ctx, pullNumber) => void requested.push(pullNumber),
      evaluate: async () => undefined,
      noteOwnLabels: (ctx, pullNumber, change) => memory.noteOwnLabels(ctx, pullNumber, change),
      claimOwnLabel: (ctx, pullNumber, action, label) => memory.claimOwnLabel(ctx, pullNumber, action, label),
    };
    const replica = installationContext(h.sandbox, testServices({ merges }));
    const loaded = await configOf(replica);
    if (!loaded.ok) throw new Error("the configuration did not load");
    const ctx = { ...replica, config: loaded.config };
    const move = async (to: "needs_owner" | "review") => {
      const entry = await taskOf(h, `T-${issue}`);
      if (!entry) throw new Error("no task");
      await moveTask(ctx, entry, { to, actor: "octocat", reason: "test" });
      await h.settle();
    };

    await move("needs_owner");
    // CI goes green while the task waits for its owner: that evaluation finds nothing to do
    await h.ci.rest.repos.createCommitStatus({ ...repo, sha: head, state: "success", context: "ci/test" });
    await h.settle();
    expect((await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data.merged).toBe(false);

    h.sandbox.server.clearRequests();
    await move("review");
    expect(requested).toEqual([pull.number]);
    // the other replica's labels reached this instance, which remembers no such change: it evaluated and merged
    expect(statusReads(h, head)).toBeGreaterThanOrEqual(1);
    expect((await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data.merged).toBe(true);
    expect((await taskOf(h, `T-${issue}`))?.status).toBe("done");
  });
});

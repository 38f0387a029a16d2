import type { Context } from "probot";
import { describe, expect, it } from "vitest";
import { startMergeOnLabel } from "../../src/handlers/merge/merge-jobs.js";
import { evaluateAfterOwnMove } from "../../src/handlers/move-task.js";
import type { MergeRequests, RepoContext } from "../../src/handlers/repo-context.js";
import { MergeEvaluations } from "../../src/handlers/scheduling/merge-evaluations.js";
import { OwnLabelChanges } from "../../src/handlers/scheduling/own-label-changes.js";
import { WorkQueueClosedError } from "../../src/work/index.js";
import { testServices } from "../helpers/test-services.js";

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const bot = { login: "autopilot[bot]", type: "Bot" };

/** The instance's merge requests, recorded (no job runs), with the real memory of its own label changes. */
function recordingMerges(): MergeRequests & { requested: number[] } {
  const real = new MergeEvaluations();
  const requested: number[] = [];
  return {
    requested,
    request: (_ctx, pullNumber) => void requested.push(pullNumber),
    evaluate: async () => undefined,
    noteOwnLabels: (ctx, pullNumber, change) => real.noteOwnLabels(ctx, pullNumber, change),
    claimOwnLabel: (ctx, pullNumber, action, label) => real.claimOwnLabel(ctx, pullNumber, action, label),
  };
}

function instance() {
  const merges = recordingMerges();
  const services = testServices({ merges });
  const ctx = { owner: "acme", repo: "widgets", services } as unknown as RepoContext;
  /** A label event on PR 7 as GitHub delivers it to this instance. */
  const deliver = (action: "labeled" | "unlabeled", label: string, sender: { login: string; type: string }) =>
    startMergeOnLabel(
      {
        id: "d-1",
        repo: () => ({ owner: "acme", repo: "widgets" }),
        // never called: the handler only queues work
        octokit: { hook: { wrap: () => undefined }, request: { endpoint: { parse: () => ({}) } } },
        log: { ...silent, child: () => silent },
        payload: {
          action,
          label: { name: label },
          sender,
          pull_request: { number: 7 },
          repository: { default_branch: "main" },
        },
      } as unknown as Context<"pull_request.labeled">,
      services,
    );
  return { merges, ctx, deliver };
}

describe("OwnLabelChanges", () => {
  it("claims each change it noted once, case-insensitively, and nothing else", () => {
    const memory = new OwnLabelChanges();
    memory.note("acme/widgets#7", { added: ["autopilot:Review"], removed: ["autopilot:in-progress"] });
    expect(memory.claim("acme/widgets#7", "labeled", "autopilot:review")).toBe(true);
    expect(memory.claim("acme/widgets#7", "labeled", "autopilot:review")).toBe(false);
    expect(memory.claim("acme/widgets#7", "labeled", "autopilot:in-progress")).toBe(false);
    expect(memory.claim("acme/widgets#8", "unlabeled", "autopilot:in-progress")).toBe(false);
    expect(memory.claim("acme/widgets#7", "unlabeled", "autopilot:in-progress")).toBe(true);
  });

  it("forgets what a PR's next change replaced, and what is older than its time to live", () => {
    let now = 0;
    const memory = new OwnLabelChanges({ ttlMs: 1_000, now: () => now });
    memory.note("acme/widgets#7", { added: ["autopilot:review"], removed: [] });
    memory.note("acme/widgets#7", { added: ["autopilot:needs-owner"], removed: [] });
    expect(memory.claim("acme/widgets#7", "labeled", "autopilot:review")).toBe(false);
    now = 1_001;
    expect(memory.claim("acme/widgets#7", "labeled", "autopilot:needs-owner")).toBe(false);
  });
});

describe("a label event asks for a merge evaluation", () => {
  it("unless this instance made exactly that change after evaluating: its echo costs nothing", async () => {
    const { merges, ctx, deliver } = instance();
    // the evaluation moved the task to review and decides on it itself
    evaluateAfterOwnMove(ctx, 7, "review", [{ number: 7, added: ["autopilot:review"], removed: [] }], true);
    expect(merges.requested).toEqual([]);
    await deliver("labeled", "autopilot:review", bot);
    expect(merges.requested).toEqual([]);
  });

  it("a move by any other job queues the evaluation itself; a move where no merge can follow queues none", () => {
    const { merges, ctx } = instance();
    evaluateAfterOwnMove(ctx, 7, "in_progress", [{ number: 7, added: ["autopilot:in-progress"], removed: [] }], false);
    evaluateAfterOwnMove(ctx, 7, "needs_owner", [{ number: 7, added: ["autopilot:needs-owner"], removed: [] }], false);
    evaluateAfterOwnMove(ctx, null, "review", [], false);
    expect(merges.requested).toEqual([7]);
  });

  it("a move while the instance shuts down notes nothing: its labels' events are evaluated wherever they arrive", async () => {
    const { merges, ctx, deliver } = instance();
    const request = merges.request;
    merges.request = () => {
      throw new WorkQueueClosedError("acme/widgets");
    };
    evaluateAfterOwnMove(ctx, 7, "review", [{ number: 7, added: ["autopilot:review"], removed: [] }], false);
    merges.request = request;
    await deliver("labeled", "autopilot:review", bot);
    expect(merges.requested).toEqual([7]);
  });

  it("from another replica (the same bot, no memory here), a person, or another app: evaluated", async () => {
    const { merges, ctx, deliver } = instance();
    await deliver("labeled", "autopilot:review", bot);
    expect(merges.requested).toEqual([7]);
    evaluateAfterOwnMove(ctx, 7, "needs_owner", [{ number: 7, added: ["autopilot:needs-owner"], removed: [] }], true);
    // an agent or another app labels exactly what the app just did: its login is not the app's, or it is no bot
    await deliver("labeled", "autopilot:needs-owner", { login: "agent-x", type: "User" });
    await deliver("labeled", "autopilot:needs-owner", { login: "other-app[bot]", type: "Bot" });
    await deliver("labeled", "autopilot:needs-owner", { login: "autopilot[bot]", type: "User" });
    expect(merges.requested).toEqual([7, 7, 7, 7]);
    // none of them used up the app's own memory of its change
    await deliver("labeled", "autopilot:needs-owner", bot);
    expect(merges.requested).toEqual([7, 7, 7, 7]);
    // the same change once more (a redelivery, or another replica's): nothing remembered any more
    await deliver("labeled", "autopilot:needs-owner", bot);
    expect(merges.requested).toEqual([7, 7, 7, 7, 7]);
  });
});

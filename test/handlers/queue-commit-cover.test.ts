import { describe, expect, it, vi } from "vitest";
import { defaultConfig } from "../../src/config/index.js";
import { applyTransition } from "../../src/core/queue/index.js";
import type { CommitWithCasResult } from "../../src/github/index.js";
import { commitQueueChange } from "../../src/handlers/queue-commit.js";
import { contextOn, fakeGitHubPort, carriedCommitStub } from "../helpers/fake-github-port.js";
import { testServices } from "../helpers/test-services.js";
import { fileOf, lineFor } from "../core/queue/queue-fixtures.js";

const config = defaultConfig();
const before = fileOf(lineFor(6, ["queued", "in_progress"]));
/** what another writer committed meanwhile: a second task */
const moved = fileOf(lineFor(6, ["queued", "in_progress"]), lineFor(9, ["queued"]));

/**
 * A state branch whose carried first attempt lands, or is refused as stale after another writer
 * committed `moved`: then the change is applied again on that queue, in a commit of its own.
 */
function stateBranch(stale: boolean) {
  let queue = before;
  const github = fakeGitHubPort(
    { branches: { main: {}, "autopilot/state": {} } },
    {
      commitFiles: async (options): Promise<CommitWithCasResult> => {
        let changes = await options.update(async () => queue);
        await options.carry?.(carriedCommitStub);
        if (stale) {
          queue = moved;
          changes = await options.update(async () => queue);
        }
        queue = changes?.[config.queue_file] ?? queue;
        return { sha: "state-1", attempts: stale ? 2 : 1 };
      },
    },
  );
  const schedule = vi.fn();
  const cover = vi.fn();
  const ctx = contextOn(github, config, testServices({ dashboard: { schedule, cover } }));
  return { ctx, schedule, cover };
}

const toReview = {
  taskId: "T-6",
  apply: (doc: Parameters<typeof applyTransition>[0]) =>
    applyTransition(doc, {
      taskId: "T-6",
      to: "review",
      actor: "autopilot[bot]",
      reason: "ready",
      delivery: null,
      at: "2026-01-01T00:00:00.000Z",
    }),
};

describe("commitQueueChange with a carrier that wrote the dashboard", () => {
  it("schedules no refresh when the queue the carrier showed is the one that landed", async () => {
    const { ctx, schedule, cover } = stateBranch(false);
    let shown: string | undefined;
    await commitQueueChange(ctx, config, {
      ...toReview,
      carry: async (_commit, queue) => {
        shown = queue.text;
        queue.cover();
      },
    });
    expect(shown).toContain('"status":"review"');
    expect(cover).toHaveBeenCalledTimes(1);
    expect(schedule).not.toHaveBeenCalled();
  });

  it("schedules the refresh when the carried attempt was stale and another queue landed", async () => {
    const { ctx, schedule, cover } = stateBranch(true);
    await commitQueueChange(ctx, config, { ...toReview, carry: async (_commit, queue) => queue.cover() });
    expect(schedule).toHaveBeenCalledTimes(1);
    expect(cover).not.toHaveBeenCalled();
  });

  it("schedules the refresh when the carrier did not write the dashboard", async () => {
    const { ctx, schedule, cover } = stateBranch(false);
    await commitQueueChange(ctx, config, { ...toReview, carry: async () => undefined });
    expect(schedule).toHaveBeenCalledTimes(1);
    expect(cover).not.toHaveBeenCalled();
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/index.js";
import { addTask, listEntries, parseQueue } from "../../src/core/queue/index.js";
import { commitQueueChange } from "../../src/handlers/queue-commit.js";
import { Sandbox } from "@autopilot/github-sandbox";
import { WorkQueue } from "../../src/work/index.js";
import { installationClient, installationContext } from "./app-harness.js";

/**
 * Two app instances (each with its own client and work queue, as two replicas behind a load
 * balancer) write 100 queue transitions to one repository at once, the first of them creating the
 * state branch. Git is the lock: every transition lands, none is lost, one commit each.
 */
describe("queue writes from two instances at once", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await Sandbox.start();
  });
  afterAll(() => sandbox.stop());

  it("keeps all 100 transitions", async () => {
    const config = defaultConfig();
    const instance = () => ({ work: new WorkQueue({ concurrency: 4 }), ctx: installationContext(sandbox) });
    const replicas = [instance(), instance()];
    const jobs = Array.from({ length: 100 }, (_, index) => {
      const issue = index + 1;
      const { ctx, work } = replicas[index % 2]!;
      return work.enqueue("acme/widgets", async () => {
        await commitQueueChange(ctx, config, {
          taskId: `T-${issue}`,
          apply: (doc) =>
            addTask(
              doc,
              {
                id: `T-${issue}`,
                issue,
                title: `Task ${issue}`,
                status: "needs_owner",
                branch: null,
                pr: null,
                scope: [],
                forbidden: [],
                risk: "critical",
                mode: "full",
                refs: [],
              },
              {
                actor: "autopilot[bot]",
                reason: "spec incomplete",
                delivery: `delivery-${issue}`,
                at: "2026-11-21T10:00:00Z",
              },
            ),
        });
      });
    });
    await Promise.all(jobs);

    const text =
      (await sandbox.repo.git.readFile("autopilot/state", "ops/queue.jsonl"))?.content.toString("utf8") ?? "";
    const { doc, errors } = parseQueue(text);
    expect(errors).toEqual([]);
    expect(
      listEntries(doc)
        .map((entry) => entry.id)
        .sort(),
    ).toEqual(Array.from({ length: 100 }, (_, index) => `T-${index + 1}`).sort());
    // the state branch's first commit (made by whichever write came first), then one per transition
    const reader = installationClient(sandbox);
    const commits = await reader.paginate(reader.rest.repos.listCommits, {
      owner: "acme",
      repo: "widgets",
      sha: "autopilot/state",
      per_page: 100,
    });
    expect(commits.length).toBe(101);
  }, 300_000);
});

import { afterEach, describe, expect, it } from "vitest";
import { buildPayload, type SandboxEvent } from "../../src/events/index.js";
import { linksFor } from "../../src/represent/index.js";
import { describeErrors, loadWebhookValidators } from "../helpers/webhook-schemas.js";
import { defaultInstallationPermissions } from "../../src/auth/index.js";
import {
  configureMergeQueue,
  enqueue,
  openPull,
  repo,
  startSandboxHarness,
  type SandboxHarness,
} from "./merge-queue-harness.js";

let h: SandboxHarness;
const appPermissions = (): Record<string, string> => ({ ...defaultInstallationPermissions });
afterEach(() => h?.close());

describe("merge_group webhooks", () => {
  it("follow GitHub's schema and reach the app, which subscribes to them with merge_queues granted", async () => {
    h = await startSandboxHarness();
    // every event the sandbox emits, as the queue itself observes them
    const emitted: SandboxEvent[] = [];
    const observe = h.sandbox.mergeQueue.observe.bind(h.sandbox.mergeQueue);
    h.sandbox.mergeQueue.observe = (event) => {
      if (event.name === "merge_group") emitted.push(event);
      observe(event);
    };
    await configureMergeQueue(h, { checks: [{ context: "ci/test" }] });
    const pull = await openPull(h, "grouped", { "g.md": "g\n" });
    await h.app.rest.checks.create({ ...repo, name: "ci/test", head_sha: pull.head, conclusion: "success" });
    expect((await enqueue(h.app, pull)).errors).toBeUndefined();
    await h.sandbox.idle();
    const group = emitted[0];
    if (group?.name !== "merge_group") throw new Error("no merge_group.checks_requested");
    await h.app.rest.checks.create({ ...repo, name: "ci/test", head_sha: group.group.headSha, conclusion: "success" });
    await h.sandbox.idle();

    expect(emitted.map((event) => `${event.name}.${"action" in event ? event.action : ""}`)).toEqual([
      "merge_group.checks_requested",
      "merge_group.destroyed",
    ]);
    const validatorFor = loadWebhookValidators();
    const links = linksFor(h.sandbox.apiUrl);
    for (const event of emitted) {
      const payload = await buildPayload(h.sandbox.state, links, event);
      const validate = validatorFor("merge_group", "action" in event ? event.action : undefined);
      expect(validate(payload), describeErrors(validate)).toBe(true);
      expect(payload.merge_group).toMatchObject({
        head_sha: group.group.headSha,
        head_ref: `refs/heads/gh-readonly-queue/main/pr-${pull.number}-${pull.head}`,
        base_ref: "refs/heads/main",
        head_commit: { id: group.group.headSha },
      });
    }
    const requested = await buildPayload(h.sandbox.state, links, group);
    expect(requested.sender).toMatchObject({ login: "autopilot[bot]" });
    const destroyed = await buildPayload(h.sandbox.state, links, emitted[1] as SandboxEvent);
    expect(destroyed).toMatchObject({ reason: "merged", sender: { login: "github-merge-queue[bot]", type: "Bot" } });

    // Autopilot's app.yml subscribes to merge_group and asks for merge_queues: GitHub sends both
    const delivered = h.receiver.received.map((delivery) => delivery.headers["x-github-event"]);
    expect(delivered.filter((event) => event === "merge_group")).toHaveLength(2);
  });

  it("reach no installation that has not granted merge_queues, as GitHub sends them", async () => {
    const { merge_queues: _granted, ...withoutQueues } = appPermissions();
    h = await startSandboxHarness({ installationPermissions: withoutQueues });
    await configureMergeQueue(h);
    const pull = await openPull(h, "grouped", { "g.md": "g\n" });
    // the app may not enqueue without the permission: a person with push access does
    expect((await enqueue(h.user, pull)).errors).toBeUndefined();
    await h.sandbox.idle();
    const delivered = h.receiver.received.map((delivery) => delivery.headers["x-github-event"]);
    expect(delivered).toContain("pull_request");
    expect(delivered).not.toContain("merge_group");
  });
});

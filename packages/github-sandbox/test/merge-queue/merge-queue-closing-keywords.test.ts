import { afterEach, describe, expect, it } from "vitest";
import {
  configureMergeQueue,
  deliveriesSince,
  describeSeen,
  enqueue,
  openPull,
  repo,
  startSandboxHarness,
  type SandboxHarness,
} from "./merge-queue-harness.js";

let h: SandboxHarness;
afterEach(() => h?.close());

describe("A merge queue merging a pull request that names an issue with a closing keyword", () => {
  it("closes the issue as the queue's merge, right after pull_request.closed", async () => {
    h = await startSandboxHarness();
    await configureMergeQueue(h, { mergeMethod: "SQUASH" });
    const linked = (await h.user.rest.issues.create({ ...repo, title: "Sort the widgets" })).data.number;
    const pull = await openPull(h, "feature", { "a.md": "a\n" });
    await h.app.rest.pulls.update({ ...repo, pull_number: pull.number, body: `Fixes #${linked}` });
    await h.sandbox.idle();
    const from = h.receiver.received.length;

    expect((await enqueue(h.user, pull)).errors).toBeUndefined();
    await h.sandbox.idle();

    const issue = (await h.app.rest.issues.get({ ...repo, issue_number: linked })).data;
    expect(issue).toMatchObject({
      state: "closed",
      state_reason: "completed",
      closed_by: { login: "github-merge-queue[bot]" },
    });
    const seen = deliveriesSince(h, from);
    const names = describeSeen(seen);
    expect(names.filter((name) => name === "issues.closed")).toHaveLength(1);
    expect(names.indexOf("issues.closed")).toBe(names.indexOf("pull_request.closed") + 1);
    const closed = seen.find((delivery) => delivery.event === "issues" && delivery.action === "closed");
    expect(closed?.payload.sender).toMatchObject({ login: "github-merge-queue[bot]" });
  });
});

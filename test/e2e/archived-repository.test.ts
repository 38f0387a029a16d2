import { afterEach, describe, expect, it } from "vitest";
import { sweepAfterRestart, taskStatus, type AppHarness } from "./app-harness.js";
import { ciOn, pullOf, repo, startAccepting, taskAwaitingCi } from "./merge-queue-setup.js";

const hours = (count: number) => count * 3_600_000;

/**
 * An admin archives a repository while a task waits for CI. The app stays installed and GitHub
 * refuses every write there (403 "Repository was archived so is read-only."). The app's sweep
 * leaves the repository alone (no call beyond the installation's listing, no failing job every
 * five minutes), and once it is unarchived the task carries on where it stood.
 */
describe("an archived repository", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("is left alone by the sweep while archived, and its task merges once it is unarchived", async () => {
    h = await startAccepting(["merge:", "  required_checks: [ci/test]", "stale_after: 48h"]);
    const { issue, pull } = await taskAwaitingCi(h);
    expect(await taskStatus(h, `T-${issue}`)).toBe("review");

    await h.user.rest.repos.update({ ...repo, archived: true });
    expect((await h.user.rest.repos.get(repo)).data.archived).toBe(true);
    const since = h.sandbox.requests().length;
    // two days on, the task looks stale: unarchived, the sweep would hand it to the owner (a comment, a queue commit)
    await sweepAfterRestart(h, { now: () => new Date(Date.now() + hours(50)) });
    const sent = h.sandbox.requests().slice(since);
    expect(sent.filter((request) => request.path.startsWith("/repos/acme/widgets"))).toEqual([]);
    expect(sent.filter((request) => request.status === 403)).toEqual([]);
    expect(sent.map((request) => request.operationId)).toContain("apps/list-repos-accessible-to-installation");

    await h.user.rest.repos.update({ ...repo, archived: false });
    await ciOn(h, (await pullOf(h, pull.number)).head.sha);
    await h.settle();
    expect((await pullOf(h, pull.number)).merged).toBe(true);
    expect(await taskStatus(h, `T-${issue}`)).toBe("done");
  });
});

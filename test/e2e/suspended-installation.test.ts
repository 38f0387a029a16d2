import { afterEach, describe, expect, it } from "vitest";
import { sweepAfterRestart, taskStatus, type AppHarness } from "./app-harness.js";
import { ciOn, pullOf, startAccepting, taskAwaitingCi } from "./merge-queue-setup.js";

/**
 * An organization owner suspends the app's installation while a task waits for CI. GitHub still
 * lists the installation (with `suspended_at`), mints it no token (403 "This installation has been
 * suspended") and delivers nothing for its repositories. The sweep leaves it alone, asking for no
 * token, and once it is unsuspended the task carries on.
 */
describe("a suspended installation", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("is not swept while suspended, and its task merges once it is unsuspended", async () => {
    h = await startAccepting(["merge:", "  required_checks: [ci/test]"]);
    const { issue, pull } = await taskAwaitingCi(h);
    expect(await taskStatus(h, `T-${issue}`)).toBe("review");

    h.sandbox.suspendInstallation({ by: "octocat" });
    const since = h.sandbox.requests().length;
    await sweepAfterRestart(h);
    const sent = h.sandbox.requests().slice(since);
    expect(sent.map((request) => request.operationId)).toContain("apps/list-installations");
    expect(sent.filter((request) => request.operationId === "apps/create-installation-access-token")).toEqual([]);
    expect(sent.filter((request) => request.status >= 400)).toEqual([]);
    const errors = await h.autopilot.autopilot.metrics.registry.getSingleMetric("autopilot_errors_total")?.get();
    expect((errors?.values ?? []).reduce((sum, value) => sum + value.value, 0)).toBe(0);

    h.sandbox.unsuspendInstallation({ by: "octocat" });
    await ciOn(h, (await pullOf(h, pull.number)).head.sha);
    await h.settle();
    expect((await pullOf(h, pull.number)).merged).toBe(true);
    expect(await taskStatus(h, `T-${issue}`)).toBe("done");
  });
});

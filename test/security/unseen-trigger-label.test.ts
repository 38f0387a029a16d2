import { afterEach, describe, expect, it } from "vitest";
import { getEntry, parseQueue } from "../../src/core/queue/index.js";
import {
  commentBodies,
  labelNames,
  noMergeConfig,
  setRepoConfig,
  startAppHarness,
  stateFile,
  sweepAfterRestart,
  taskSpec,
  type AppHarness,
} from "../e2e/app-harness.js";
import { personWith } from "./security-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/**
 * The trigger label's authority is weighed when its `labeled` delivery arrives. A delivery can be
 * lost (GitHub does not redeliver by itself; the app may be down), and the sweep dispatches every
 * open issue carrying the label: a triage user who labels while no delivery gets through must not
 * start a task that way.
 */
describe("attack: the trigger label put on while the app saw no delivery", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const tasks = async () => parseQueue(await stateFile(h!, "ops/queue.jsonl")).doc;
  /** Does `act` with every delivery dropped: the app sees none of it (GitHub does not redeliver by itself). */
  const unseen = async (act: () => Promise<unknown>) => {
    h!.sandbox.deliveries.setFaults({ dropRate: 1 });
    await act();
    await h!.settle();
    h!.sandbox.deliveries.setFaults({});
  };

  it("is weighed by who put it on when the sweep finds it", async () => {
    h = await startAppHarness();
    await setRepoConfig(h, noMergeConfig);
    await h.user.rest.issues.createLabel({ ...repo, name: "autopilot" });
    const trudy = await personWith(h, "trudy", "triage");
    const issue = (await trudy.rest.issues.create({ ...repo, title: "Anything goes", body: taskSpec("**") })).data
      .number;
    await unseen(() => trudy.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] }));

    await sweepAfterRestart(h);
    expect(getEntry(await tasks(), `T-${issue}`)).toBeUndefined();
    expect(await labelNames(h, issue)).not.toContain("autopilot");
    expect(await commentBodies(h, issue)).toContainEqual(
      expect.stringContaining("@trudy, only users with write access"),
    );

    // an owner's label, unseen the same way, starts the task at the next sweep
    await unseen(() => h!.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] }));
    await sweepAfterRestart(h);
    expect(getEntry(await tasks(), `T-${issue}`)?.status).toBe("in_progress");
  });

  it("is taken off when someone without authority edited the issue after the label, unseen too", async () => {
    h = await startAppHarness();
    await setRepoConfig(h, noMergeConfig);
    await h.user.rest.issues.createLabel({ ...repo, name: "autopilot" });
    const rita = await personWith(h, "rita", "read");
    const issue = (await rita.rest.issues.create({ ...repo, title: "Paginate", body: taskSpec("src/widgets/**") })).data
      .number;
    // the owner labels the issue as it reads; its author widens the scope; neither delivery arrives
    await unseen(async () => {
      await h!.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
      await rita.rest.issues.update({ ...repo, issue_number: issue, body: taskSpec("**") });
    });

    await sweepAfterRestart(h);
    expect(getEntry(await tasks(), `T-${issue}`)).toBeUndefined();
    expect(await labelNames(h, issue)).not.toContain("autopilot");
    expect(await commentBodies(h, issue)).toContainEqual(
      expect.stringContaining("@rita, the issue changed after it was labelled"),
    );

    // an owner's own edit after their label stands: the task starts with the edited spec
    const own = (await h.user.rest.issues.create({ ...repo, title: "Sort", body: taskSpec("src/widgets/**") })).data
      .number;
    await unseen(async () => {
      await h!.user.rest.issues.addLabels({ ...repo, issue_number: own, labels: ["autopilot"] });
      await h!.user.rest.issues.update({ ...repo, issue_number: own, body: taskSpec("src/lists/**") });
    });
    await sweepAfterRestart(h);
    expect(getEntry(await tasks(), `T-${own}`)).toMatchObject({ status: "in_progress", scope: ["src/lists/**"] });
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { getEntry, parseQueue } from "../../src/core/queue/index.js";
import {
  commentBodies,
  labelNames,
  noMergeConfig,
  setRepoConfig,
  startAppHarness,
  startTask,
  taskSpec,
  taskStatus,
  type AppHarness,
  type TestOctokit,
  stateFile,
} from "../e2e/app-harness.js";
import { personWith } from "./security-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/**
 * Every way to move a task asks for the same authority as the slash commands. A triage user whose
 * `/unblock` was refused used to move the task anyway by adding `autopilot:in-progress`; a writer
 * outside a configured `owners` list could command; anyone who may label could start a task with
 * the trigger label.
 */
describe("labels as a way around command permissions", () => {
  let h: AppHarness | undefined;
  afterEach(async () => h?.close());

  const say = async (octokit: TestOctokit, number: number, body: string) => {
    await octokit.rest.issues.createComment({ ...repo, issue_number: number, body });
    await h!.settle();
  };
  const addLabel = async (octokit: TestOctokit, number: number, label: string) => {
    await octokit.rest.issues.addLabels({ ...repo, issue_number: number, labels: [label] });
    await h!.settle();
  };

  it("a triage user cannot unblock a task by label, nor start one with the trigger label", async () => {
    h = await startAppHarness();
    await setRepoConfig(h, noMergeConfig);
    const { issue, pull } = await startTask(h, "Blocked widgets", "src/widgets/**");
    await say(h.user, issue, "/block waiting for the API design");
    expect(await taskStatus(h, `T-${issue}`)).toBe("blocked");

    const trudy = await personWith(h, "trudy", "triage");
    await say(trudy, issue, "/unblock");
    expect(
      (await commentBodies(h, issue)).some((body) => body.includes("Sorry @trudy") && body.includes("`/unblock`")),
    ).toBe(true);
    expect(await taskStatus(h, `T-${issue}`)).toBe("blocked");

    // the bypass: the state label the refused command would have set, on the issue and on the PR
    for (const number of [issue, pull.number]) {
      await addLabel(trudy, number, "autopilot:in-progress");
      expect(await taskStatus(h, `T-${issue}`)).toBe("blocked");
      const labels = await labelNames(h, number);
      expect(labels).toContain("autopilot:blocked");
      expect(labels).not.toContain("autopilot:in-progress");
      expect(await commentBodies(h, number)).toContainEqual(
        expect.stringMatching(
          /@trudy, T-\d+ cannot move to `in_progress` by label: only users with write access to this repository .*the label was put back/,
        ),
      );
    }

    // the trigger label from a triage user starts nothing, and is taken off so no sweep starts it either
    const other = (await trudy.rest.issues.create({ ...repo, title: "Anything goes", body: taskSpec("**") })).data
      .number;
    await addLabel(trudy, other, "autopilot");
    expect(await labelNames(h, other)).not.toContain("autopilot");
    expect(getEntry(parseQueue(await stateFile(h, "ops/queue.jsonl")).doc, `T-${other}`)).toBeUndefined();
    expect(
      (await h.user.rest.pulls.list({ ...repo, state: "all" })).data.filter((item) =>
        item.title.startsWith(`[T-${other}]`),
      ),
    ).toEqual([]);
    expect(await commentBodies(h, other)).toContainEqual(
      expect.stringContaining("@trudy, only users with write access"),
    );
  });

  it("with owners configured, a writer outside the list can neither command nor move the task by label", async () => {
    h = await startAppHarness();
    await setRepoConfig(h, `${noMergeConfig}owners: [octocat]\n`);
    const { issue } = await startTask(h, "Owned widgets", "src/widgets/**");
    await say(h.user, issue, "/block waiting for the API design");

    const walter = await personWith(h, "walter", "write");
    await say(walter, issue, "/unblock");
    expect(await commentBodies(h, issue)).toContainEqual(
      expect.stringContaining("Sorry @walter, only the owners listed in `.github/autopilot.yml` can use `/unblock`"),
    );
    expect(await taskStatus(h, `T-${issue}`)).toBe("blocked");
    await addLabel(walter, issue, "autopilot:in-progress");
    expect(await taskStatus(h, `T-${issue}`)).toBe("blocked");
    expect(await labelNames(h, issue)).not.toContain("autopilot:in-progress");

    // the listed owner still may
    await say(h.user, issue, "/unblock");
    expect(await taskStatus(h, `T-${issue}`)).toBe("in_progress");
  });
});

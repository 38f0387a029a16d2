import { afterEach, describe, expect, it } from "vitest";
import {
  noMergeConfig,
  setRepoConfig,
  startAppHarness,
  startTask,
  sweepAfterRestart,
  type AppHarness,
} from "../e2e/app-harness.js";
import { fileOf, lineFor } from "../core/queue/queue-fixtures.js";
import { personWith } from "./security-harness.js";

const repo = { owner: "acme", repo: "widgets" };
const stateLine = /<!-- autopilot:dashboard-state (\{.*?\}) -->/;

const dashboardOf = async (h: AppHarness) =>
  (await h.user.rest.issues.listForRepo({ ...repo, state: "open" })).data.find(
    (item) => item.title === "Autopilot dashboard",
  );

/**
 * The dashboard remembers, in a hidden line of its own body, the queue it showed last and the one
 * before it (their blob SHAs): "What changed" is read from the blob the line names. GitHub lets
 * anyone with write access edit the app's issue, and create blobs: the coding agent's account can
 * point that line at a blob of its own, so the app's dashboard tells owners that tasks finished,
 * appeared or were removed when none did (and the app reads whatever blob it is told, up to
 * GitHub's 100 MB). The line is sealed like the review record; an edited one is not believed.
 */
describe("a dashboard state line edited by a writer", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("does not make the dashboard report changes from a queue the app never had", async () => {
    h = await startAppHarness();
    await setRepoConfig(h, noMergeConfig);
    await startTask(h, "First task", "src/first/**");
    const agent = await personWith(h, "widget-agent", "write");
    const dashboard = await dashboardOf(h);
    const written = dashboard?.body?.match(stateLine);
    expect(written).toBeTruthy();
    const state = JSON.parse(written![1]!) as { queue: string; previous: string | null };

    // a queue the app never had: a finished T-987 the owners never asked for
    const fake = fileOf(lineFor(987, ["queued", "in_progress", "review", "done"], { title: "Rotate the deploy keys" }));
    const { data: blob } = await agent.rest.git.createBlob({ ...repo, content: fake, encoding: "utf-8" });
    await agent.rest.issues.update({
      ...repo,
      issue_number: dashboard!.number,
      body: dashboard!.body!.replace(
        written![0],
        `<!-- autopilot:dashboard-state ${JSON.stringify({ queue: state.queue, previous: blob.sha })} -->`,
      ),
    });

    // the next refresh finds the queue as the line says (a sweep): "What changed" is read from the line's blob
    await sweepAfterRestart(h);
    const refreshed = (await dashboardOf(h))?.body ?? "";
    expect(refreshed).toContain("First task");
    expect(refreshed).not.toContain("T-987");
    expect(refreshed).not.toContain("Rotate the deploy keys");
  });
});

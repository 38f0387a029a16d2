import { afterEach, describe, expect, it } from "vitest";
import { getEntry, parseQueue } from "../../src/core/queue/index.js";
import {
  labelNames,
  noMergeConfig,
  setRepoConfig,
  startAppHarness,
  stateFile,
  type AppHarness,
} from "../e2e/app-harness.js";
import { personWith } from "./security-harness.js";

const repo = { owner: "acme", repo: "widgets" };
const body = (scope: string, risk: string) =>
  [
    "Widget lists should come in pages.",
    "",
    "```autopilot",
    `scope: ${scope}`,
    `risk: ${risk}`,
    "acceptance:",
    '  - "GET /widgets returns 50 widgets per page"',
    "```",
  ].join("\n");

/**
 * A maintainer labels a read-only user's issue; before the dispatch job reads the issue (GitHub is
 * slow to deliver, or the repository's jobs are queued), the author rewrites the spec to `risk: low`
 * and `scope: ["**"]`. The label approved the issue as it read when it was put on: the rewritten
 * spec must not become the task's, whichever order the two events' jobs run in.
 */
describe("an outsider edits the spec between the label and its dispatch", () => {
  let h: AppHarness | undefined;
  afterEach(async () => h?.close());

  it("records nothing the label did not approve: the edit's own event withdraws the label", async () => {
    h = await startAppHarness();
    await setRepoConfig(h, noMergeConfig);
    const mallory = await personWith(h, "mallory", "read");
    const issue = (
      await mallory.rest.issues.create({
        ...repo,
        title: "Paginate widget lists",
        body: body('["src/widgets/**"]', "high"),
      })
    ).data.number;
    await h.settle();
    // the labeled delivery waits until a later event is sent, the edited one until a still later one:
    // the label's job runs after the edit was made, the edit's job after the label's
    const later = (title: string) => ({
      event: "issues",
      action: "opened",
      payload: (p: Record<string, unknown>) => (p.issue as { title: string }).title === title,
    });
    h.sandbox.deliveries.setFaults({
      rules: [
        { kind: "hold", match: { event: "issues", action: "labeled" }, until: later("first") },
        { kind: "hold", match: { event: "issues", action: "edited" }, until: later("second") },
      ],
    });
    await h.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
    await mallory.rest.issues.update({ ...repo, issue_number: issue, body: body('["**"]', "low") });
    await h.user.rest.issues.create({ ...repo, title: "first" });
    await h.settle();
    await h.user.rest.issues.create({ ...repo, title: "second" });
    await h.settle();

    const entry = getEntry(parseQueue(await stateFile(h, "ops/queue.jsonl")).doc, `T-${issue}`);
    expect(entry?.scope ?? []).not.toContain("**");
    expect(entry?.risk).not.toBe("low");
    expect((await h.user.rest.pulls.list({ ...repo, state: "all" })).data).toEqual([]);
    expect(await labelNames(h, issue)).not.toContain("autopilot");
  });

  it("an owner's own edit in that window starts the task with the edited spec, once", async () => {
    h = await startAppHarness();
    await setRepoConfig(h, noMergeConfig);
    const issue = (
      await h.user.rest.issues.create({
        ...repo,
        title: "Paginate widget lists",
        body: body('["src/widgets/**"]', "high"),
      })
    ).data.number;
    await h.settle();
    h.sandbox.deliveries.setFaults({
      rules: [
        { kind: "hold", match: { event: "issues", action: "labeled" }, until: { event: "issues", action: "edited" } },
      ],
    });
    await h.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
    await h.user.rest.issues.update({ ...repo, issue_number: issue, body: body('["src/gadgets/**"]', "medium") });
    await h.settle();
    const entry = getEntry(parseQueue(await stateFile(h, "ops/queue.jsonl")).doc, `T-${issue}`);
    expect(entry).toMatchObject({ status: "in_progress", scope: ["src/gadgets/**"], risk: "medium" });
    expect((await h.user.rest.pulls.list({ ...repo, state: "all" })).data).toHaveLength(1);
  });
});

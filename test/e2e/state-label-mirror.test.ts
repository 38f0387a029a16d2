import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { markReady, noMergeConfig, setRepoConfig, startAppHarness, startTask, type AppHarness } from "./app-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/** The labels mirror the queue, with one GraphQL request per move on the issue and its PR. */
describe("the state label mirror", () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness();
    await setRepoConfig(h, noMergeConfig);
  });
  afterAll(async () => h?.close());

  const labelsOf = async (number: number) =>
    (await h.user.rest.issues.listLabelsOnIssue({ ...repo, issue_number: number })).data
      .map((label) => label.name)
      .sort();
  const commentsOf = async (number: number) =>
    (await h.user.rest.issues.listComments({ ...repo, issue_number: number })).data.map((comment) => comment.body);

  it("moves a ready task to review on its issue and PR without reading or removing labels over REST", async () => {
    const { issue, pull } = await startTask(h, "Mirror on ready", "src/widgets/mirror-ready/**", "low");
    expect(await labelsOf(issue)).toEqual(["autopilot", "autopilot:in-progress", "risk:low"]);
    expect(await labelsOf(pull.number)).toEqual(["autopilot:in-progress", "risk:low"]);
    const mark = h.sandbox.requests().length;
    await markReady(h, pull.node_id);
    const labelRest = h.sandbox
      .requests()
      .slice(mark)
      .map((request) => request.operationId)
      .filter((operation) => /^issues\/(list-labels-on-issue|add-labels|remove-label)$/.test(operation ?? ""));
    expect(labelRest).toEqual([]);
    expect(await labelsOf(issue)).toEqual(["autopilot", "autopilot:review", "risk:low"]);
    expect(await labelsOf(pull.number)).toEqual(["autopilot:review", "risk:low"]);
    // the app's own label events are its mirror, not a person's command: no refusal, no "put back" note
    const notes = [...(await commentsOf(issue)), ...(await commentsOf(pull.number))];
    expect(notes.filter((body) => /by label|was put back/.test(body ?? ""))).toEqual([]);
  });

  it("still mirrors a move after a person deleted and recreated the state label (a new node id)", async () => {
    await startTask(h, "Before the label is recreated", "src/widgets/mirror-first/**");
    // the app knows autopilot:in-progress's node id now; a person deletes it and makes a new one
    await h.user.rest.issues.deleteLabel({ ...repo, name: "autopilot:in-progress" });
    await h.user.rest.issues.createLabel({ ...repo, name: "autopilot:in-progress", color: "000000" });
    const { issue, pull } = await startTask(h, "After the label is recreated", "src/widgets/mirror-second/**");
    expect(await labelsOf(issue)).toEqual(["autopilot", "autopilot:in-progress", "risk:medium"]);
    expect(await labelsOf(pull.number)).toEqual(["autopilot:in-progress", "risk:medium"]);
    const recreated = (await h.user.rest.issues.getLabel({ ...repo, name: "autopilot:in-progress" })).data;
    expect(recreated.color).toBe("000000"); // the person's label, not a second one
  });
});

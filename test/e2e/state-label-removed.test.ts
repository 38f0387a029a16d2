import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { noMergeConfig, setRepoConfig, startAppHarness, startTask, type AppHarness } from "./app-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/** A person taking a task's state label off: the label mirrors the queue, so it comes straight back. */
describe("a state label removed by hand", () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness();
    await setRepoConfig(h, noMergeConfig);
    // a maintainer who is not the app's installer: triage is what removing labels takes
    h.sandbox.state.setPermission(h.sandbox.repo, "mona", "write");
  });
  afterAll(async () => h?.close());

  const labelsOf = async (number: number) =>
    (await h.user.rest.issues.listLabelsOnIssue({ ...repo, issue_number: number })).data.map((label) => label.name);
  const commentsOf = async (number: number) =>
    (await h.user.rest.issues.listComments({ ...repo, issue_number: number })).data;

  it("is put back on the issue with one note, however often the removal is delivered", async () => {
    const { issue } = await startTask(h, "Label removal on the issue", "src/widgets/removal-issue/**");
    expect(await labelsOf(issue)).toContain("autopilot:in-progress");
    const before = (await commentsOf(issue)).length;

    await h.as("mona").rest.issues.removeLabel({ ...repo, issue_number: issue, name: "autopilot:in-progress" });
    await h.settle();
    expect(await labelsOf(issue)).toContain("autopilot:in-progress");
    const notes = (await commentsOf(issue)).slice(before);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.body).toContain("@mona");
    expect(notes[0]?.body).toContain("was put back");

    // removed again: still one note (edited in place), the label back again
    await h.as("mona").rest.issues.removeLabel({ ...repo, issue_number: issue, name: "autopilot:in-progress" });
    await h.settle();
    expect(await labelsOf(issue)).toContain("autopilot:in-progress");
    expect((await commentsOf(issue)).slice(before)).toHaveLength(1);
  });

  it("is put back on the task's pull request too", async () => {
    const { pull } = await startTask(h, "Label removal on the PR", "src/widgets/removal-pr/**");
    await h.as("mona").rest.issues.removeLabel({ ...repo, issue_number: pull.number, name: "autopilot:in-progress" });
    await h.settle();
    expect(await labelsOf(pull.number)).toContain("autopilot:in-progress");
  });

  it("leaves labels that are not the task's current state alone", async () => {
    const { issue } = await startTask(h, "Other labels", "src/widgets/removal-other/**");
    await h.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["documentation"] });
    await h.settle();
    const before = (await commentsOf(issue)).length;
    await h.as("mona").rest.issues.removeLabel({ ...repo, issue_number: issue, name: "documentation" });
    await h.settle();
    expect(await labelsOf(issue)).not.toContain("documentation");
    expect(await commentsOf(issue)).toHaveLength(before);
  });
});

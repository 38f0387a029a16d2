import { afterEach, describe, expect, it } from "vitest";
import { commentBodies, startAppHarness, taskSpec, taskStatus, type AppHarness } from "../e2e/app-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/**
 * Every key of the spec block that is not a spec key was a question of its own, with its example:
 * a few hundred of them (in a long block, or in a collapsed `<details>` section) made a questions
 * comment longer than GitHub takes (422 "body is too long"). The task an owner labelled never
 * started, nothing said why, and every sweep sent the refused request again.
 */
describe("attack: an issue spec with hundreds of keys that are not spec keys", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("asks one question the owner can answer, and the task waits for it", async () => {
    h = await startAppHarness();
    const junk = Array.from({ length: 300 }, (_, i) => `k${i}: 1`);
    const { data: issue } = await h.user.rest.issues.create({
      ...repo,
      title: "Paginate widget lists",
      body: taskSpec("src/widgets/**", junk),
    });
    await h.user.rest.issues.addLabels({ ...repo, issue_number: issue.number, labels: ["autopilot"] });
    await h.settle();
    const asked = (await commentBodies(h, issue.number)).filter((body) => body.includes("Question 1"));
    expect(asked).toHaveLength(1);
    expect(asked[0]!.length).toBeLessThanOrEqual(65_536);
    expect(asked[0]).toContain("holds 300 keys that are not task-spec keys");
    expect(asked[0]).not.toContain("Question 2");
    expect(await taskStatus(h, `T-${issue.number}`)).toBe("needs_owner");
  });
});

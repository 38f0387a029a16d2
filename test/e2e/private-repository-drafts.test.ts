import { afterEach, describe, expect, it } from "vitest";
import {
  commentBodies,
  startAppHarness,
  sweepAfterRestart,
  taskSpec,
  taskStatus,
  type AppHarness,
} from "./app-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/**
 * GitHub offers draft pull requests in private repositories on Team and Enterprise Cloud only.
 * Autopilot opens every task's pull request as a draft, and on GitHub Free or Pro that request is
 * refused after the start was recorded: no task could start, and the issue said nothing.
 */
describe("a private repository on a plan without draft pull requests", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("blocks the task, names the plan requirement, and starts it once GitHub takes drafts", async () => {
    h = await startAppHarness();
    h.sandbox.repo.private = true;
    const { data: issue } = await h.user.rest.issues.create({
      ...repo,
      title: "Paginate widget lists",
      body: taskSpec("src/widgets/**"),
    });
    await h.user.rest.issues.addLabels({ ...repo, issue_number: issue.number, labels: ["autopilot"] });
    await h.settle();

    expect((await h.user.rest.pulls.list({ ...repo, state: "all" })).data).toEqual([]);
    expect(await taskStatus(h, `T-${issue.number}`)).toBe("blocked");
    const said = (await commentBodies(h, issue.number)).find((body) => body.includes("draft pull request"));
    expect(said).toContain("Draft pull requests are not supported in this repository.");
    expect(said).toContain("GitHub Team and Enterprise Cloud");

    // a new task meanwhile is held with the same words, the fix among them
    const { data: next } = await h.user.rest.issues.create({
      ...repo,
      title: "Sort widgets",
      body: taskSpec("src/sort/**"),
    });
    await h.user.rest.issues.addLabels({ ...repo, issue_number: next.number, labels: ["autopilot"] });
    await h.settle();
    expect((await commentBodies(h, next.number)).join("\n")).toContain(
      "drafts in a private repository need GitHub Team or Enterprise Cloud",
    );

    // the owner moves to GitHub Team: the next sweep (here after a restart) starts both, as drafts
    h.sandbox.state.setPlan("acme", "team");
    await sweepAfterRestart(h);
    const pulls = (await h.user.rest.pulls.list({ ...repo, state: "open" })).data;
    expect(pulls.map((pull) => [pull.title, pull.draft]).sort()).toEqual([
      [`[T-${issue.number}] Paginate widget lists`, true],
      [`[T-${next.number}] Sort widgets`, true],
    ]);
    expect(await taskStatus(h, `T-${issue.number}`)).toBe("in_progress");
    expect(await taskStatus(h, `T-${next.number}`)).toBe("in_progress");
  });
});

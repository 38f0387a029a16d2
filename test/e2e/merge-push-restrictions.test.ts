import { afterEach, describe, expect, it } from "vitest";
import { commentBodies, sweepAfterRestart, taskDecisions, taskStatus, type AppHarness } from "./app-harness.js";
import { greenTask, pullOf, repo, startAccepting } from "./merge-queue-setup.js";

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/**
 * `main` protected with "Restrict who can push to matching branches" listing one person and no
 * app: GitHub refuses the app's merges (405 "You're not authorized to push to this branch").
 */
async function restrictedMain(): Promise<AppHarness> {
  const harness = await startAccepting(["merge:", "  required_checks: [ci/test]", "owners: [octocat]"]);
  await harness.user.rest.repos.updateBranchProtection({
    ...repo,
    branch: "main",
    required_status_checks: null,
    enforce_admins: false,
    required_pull_request_reviews: null,
    restrictions: { users: [harness.sandbox.userLogin], teams: [], apps: [] },
  });
  return harness;
}

const merges = (harness: AppHarness) =>
  harness.sandbox
    .requests()
    .filter((request) => request.operationId === "pulls/merge")
    .map((request) => request.status);

describe("a default branch whose protection does not let the app push", () => {
  it("asks the owner once, naming the setting, and finishes the task when a person merges it", async () => {
    h = await restrictedMain();
    const task = await greenTask(h, "Paginate widget lists", "src/widgets", "list.ts");
    expect((await pullOf(h, task.number)).merged).toBe(false);
    expect(await taskStatus(h, `T-${task.issue}`)).toBe("needs_owner");
    const said = (await commentBodies(h, task.number)).join("\n");
    expect(said).toMatch(/You(&#39;|')re not authorized to push to this branch/);
    expect(said).toContain('"Restrict who can push to matching branches"');
    expect(said).toContain(`merge #${task.number} yourself`);
    // one refused PUT: nothing read about merge methods, nothing retried
    expect(merges(h)).toEqual([405]);
    const requests = h.sandbox.requests();
    const afterRefusal = requests.slice(requests.findIndex((request) => request.operationId === "pulls/merge"));
    expect(afterRefusal.some((request) => request.operationId === "repos/get-branch-rules")).toBe(false);
    // a sweep meanwhile (after a restart) sends no second merge: the task waits for its owner
    await sweepAfterRestart(h);
    expect(merges(h)).toEqual([405]);

    // the person the list names merges it: the task is done and the question withdrawn
    await h.user.rest.pulls.merge({ ...repo, pull_number: task.number });
    await h.settle();
    expect(await taskStatus(h, `T-${task.issue}`)).toBe("done");
    expect((await taskDecisions(h, `T-${task.issue}`))[0]?.withdrawn?.reason).toMatch(/was merged as [0-9a-f]{7}$/);
  });

  it("merges after an admin lists the app and the owner answers 1 (judge again)", async () => {
    h = await restrictedMain();
    const task = await greenTask(h, "Paginate widget lists", "src/widgets", "list.ts");
    expect(await taskStatus(h, `T-${task.issue}`)).toBe("needs_owner");
    await h.user.request("POST /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/apps", {
      ...repo,
      branch: "main",
      apps: ["autopilot"],
    });
    await h.user.rest.issues.createComment({ ...repo, issue_number: task.number, body: "/answer 1" });
    await h.settle();
    expect((await pullOf(h, task.number)).merged).toBe(true);
    expect(await taskStatus(h, `T-${task.issue}`)).toBe("done");
    expect(merges(h)).toEqual([405, 200]);
  });
});

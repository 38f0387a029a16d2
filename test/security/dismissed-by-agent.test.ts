import { afterEach, describe, expect, it } from "vitest";
import { commentBodies, markReady, pushCommit, startTask, taskStatus, type AppHarness } from "../e2e/app-harness.js";
import { ciOn, pullOf, repo, startAccepting } from "../e2e/merge-queue-setup.js";
import { personWith } from "./security-harness.js";

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/**
 * Any writer may dismiss a review, and GitHub's reviews list then says only DISMISSED: the agent's
 * account could lift an owner's "Request changes" and have a low-risk task merge under `auto`.
 */
describe("an owner's request for changes the agent's account dismisses", () => {
  it("still holds the merge until an owner approves; the issue events name who dismissed it", async () => {
    h = await startAccepting([
      "owners: [octocat]",
      "agent_accounts: [agent-dev]",
      "merge:",
      "  required_checks: [ci/test]",
    ]);
    const agent = await personWith(h, "agent-dev", "write");
    const { issue, pull, branch } = await startTask(h, "Paginate widget lists", "src/widgets/**", "low");
    await pushCommit(agent, branch, `Page by 50\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      "src/widgets/list.ts": "export const pageSize = 50;\n",
    });
    await markReady(h, pull.node_id);
    const head = (await pullOf(h, pull.number)).head.sha;
    const objection = await h.user.rest.pulls.createReview({
      ...repo,
      pull_number: pull.number,
      commit_id: head,
      event: "REQUEST_CHANGES",
      body: "The page size must come from the configuration.",
    });
    await agent.rest.pulls.dismissReview({
      ...repo,
      pull_number: pull.number,
      review_id: objection.data.id,
      message: "Addressed.",
    });
    await ciOn(h, head);

    expect((await pullOf(h, pull.number)).merged).toBe(false);
    expect(await taskStatus(h, `T-${issue}`)).toBe("review");
    const said = (await commentBodies(h, pull.number)).join("\n");
    expect(said).toContain("octocat requested changes");
    expect(said).toMatch(/agent-dev(&#39;|')s dismissal of octocat(&#39;|')s review does not count/);
    expect(h.sandbox.requests().filter((request) => request.operationId === "pulls/merge")).toEqual([]);

    // the owner's own approval of the head lifts it
    await h.user.rest.pulls.createReview({ ...repo, pull_number: pull.number, commit_id: head, event: "APPROVE" });
    await h.settle();
    expect((await pullOf(h, pull.number)).merged).toBe(true);
    expect(await taskStatus(h, `T-${issue}`)).toBe("done");
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { commentBodies, markReady, pushCommit, startTask, taskStatus, type AppHarness } from "../e2e/app-harness.js";
import { ciOn, pullOf, repo, startAccepting } from "../e2e/merge-queue-setup.js";
import { personWith } from "./security-harness.js";

/**
 * GitHub lets anyone with write access change a pull request's base. The coding agent moves its
 * task PR onto a branch of its own (no protection, no team CI), or onto the app's state branch, so
 * the app's merge lands the change there and records the task done though nothing reached the
 * default branch. A task PR is a task's only while its base is the default branch.
 */
describe("attack: the agent moves its task PR to another base", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("is neither merged nor recorded done there, and the PR says why", async () => {
    h = await startAccepting(["merge:", "  required_checks: [ci/test]"]);
    const agent = await personWith(h, "widget-agent", "write");
    const { issue, pull, branch } = await startTask(h, "Paginate widget lists", "src/widgets/**", "low");
    const head = await pushCommit(agent, branch, `Page by 50\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      "src/widgets/list.ts": "export const pageSize = 50;\n",
    });
    const main = (await h.user.rest.repos.getBranch({ ...repo, branch: "main" })).data.commit.sha;
    await agent.rest.git.createRef({ ...repo, ref: "refs/heads/agent-lane", sha: main });
    await agent.rest.pulls.update({ ...repo, pull_number: pull.number, base: "agent-lane" });
    await markReady(h, pull.node_id);
    await ciOn(h, head);
    await h.settle();

    expect((await pullOf(h, pull.number)).merged).toBe(false);
    expect((await h.user.rest.repos.getBranch({ ...repo, branch: "agent-lane" })).data.commit.sha).toBe(main);
    expect(await taskStatus(h, `T-${issue}`)).not.toBe("done");
    expect(await commentBodies(h, pull.number)).toContainEqual(
      expect.stringContaining("while its base is `agent-lane`"),
    );

    // an owner sets the base back: the merge goes on at once, and the note says how it ended
    await h.user.rest.pulls.update({ ...repo, pull_number: pull.number, base: "main" });
    await h.settle();
    expect((await pullOf(h, pull.number)).merged).toBe(true);
    expect(await taskStatus(h, `T-${issue}`)).toBe("done");
    const notes = await commentBodies(h, pull.number);
    expect(notes).toContainEqual(expect.stringContaining("once its base was `main` again"));
    expect(notes.filter((body) => body.includes("while its base is"))).toEqual([]);
  });

  it("stops the task when the agent merges its PR into its own branch itself", async () => {
    h = await startAccepting(["merge:", "  required_checks: [ci/test]"]);
    const agent = await personWith(h, "widget-agent", "write");
    const { issue, pull, branch } = await startTask(h, "Paginate widget lists", "src/widgets/**", "low");
    await pushCommit(agent, branch, `Page by 50\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      "src/widgets/list.ts": "export const pageSize = 50;\n",
    });
    const main = (await h.user.rest.repos.getBranch({ ...repo, branch: "main" })).data.commit.sha;
    await agent.rest.git.createRef({ ...repo, ref: "refs/heads/agent-lane", sha: main });
    await agent.rest.pulls.update({ ...repo, pull_number: pull.number, base: "agent-lane" });
    await markReady(h, pull.node_id);
    await agent.rest.pulls.merge({ ...repo, pull_number: pull.number });
    await h.settle();

    expect(await taskStatus(h, `T-${issue}`)).toBe("blocked");
    expect(await commentBodies(h, issue)).toContainEqual(
      expect.stringContaining("was merged into `agent-lane`, not into `main`"),
    );
    const followups = (await h.user.rest.issues.listForRepo({ ...repo, state: "all" })).data.filter((item) =>
      item.body?.startsWith(`Follow-up of T-${issue}`),
    );
    expect(followups).toEqual([]);
    expect((await h.user.rest.issues.get({ ...repo, issue_number: issue })).data.state).toBe("open");
  });
});

import { afterEach, describe, expect, it } from "vitest";
import {
  commentBodies,
  markReady,
  noMergeConfig,
  pushCommit,
  queueEntryOf,
  setRepoConfig,
  startAppHarness,
  taskSpec,
  taskStatus,
  type AppHarness,
} from "../e2e/app-harness.js";
import { personWith } from "./security-harness.js";

const repo = { owner: "acme", repo: "widgets" };
const stopped = "Autopilot stopped";

/**
 * Closing a task's issue or PR is how people stop work on GitHub. A PR closed unmerged (by anyone:
 * it cannot merge) stops its task, visibly, and frees its scope; the issue closed by an owner does
 * too. A read-only issue author closing their issue stops nothing, and nobody without authority
 * (the agent, that author) resumes what an owner stopped by reopening it.
 */
describe("closing and reopening a task's issue or PR", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  async function started(harness: AppHarness, author = harness.user) {
    const issue = (
      await author.rest.issues.create({ ...repo, title: "Paginate widget lists", body: taskSpec("src/widgets/**") })
    ).data.number;
    await harness.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
    await harness.settle();
    const pull = (await harness.user.rest.pulls.list({ ...repo, state: "open" })).data.find((item) =>
      item.title.startsWith(`[T-${issue}]`),
    )!;
    return { issue, pull: pull.number, task: `T-${issue}` };
  }
  const setState = async (octokit: AppHarness["user"], number: number, state: "open" | "closed") => {
    await octokit.rest.issues.update({ ...repo, issue_number: number, state });
    await h!.settle();
  };
  const said = async (number: number) => (await commentBodies(h!, number)).join("\n");

  it("a PR closed unmerged stops its task and frees its scope; only an owner's reopening resumes it", async () => {
    h = await startAppHarness();
    await setRepoConfig(h, `owners: [octocat]\n${noMergeConfig}`);
    const coder = await personWith(h, "coder", "write");
    const { issue, pull, task } = await started(h);
    expect(await taskStatus(h, task)).toBe("in_progress");

    // a writer who is not an owner (the agent's account, say) closes the PR
    await coder.rest.pulls.update({ ...repo, pull_number: pull, state: "closed" });
    await h.settle();
    expect(await taskStatus(h, task)).toBe("blocked");
    expect(await said(issue)).toContain(
      `${stopped} ${task}: its pull request #${pull} was closed without being merged`,
    );

    // its scope is free: a task on the same paths starts
    const other = await started(h);
    expect(await taskStatus(h, other.task)).toBe("in_progress");

    // the same writer reopens it: nothing resumes, and the issue says who may
    await coder.rest.pulls.update({ ...repo, pull_number: pull, state: "open" });
    await h.settle();
    expect(await taskStatus(h, task)).toBe("blocked");
    expect(await said(issue)).toContain(`@coder reopened #${pull}, which does not resume ${task}`);

    // the owner closes and reopens it: the task is back where it was
    await h.user.rest.pulls.update({ ...repo, pull_number: pull, state: "closed" });
    await h.settle();
    await h.user.rest.pulls.update({ ...repo, pull_number: pull, state: "open" });
    await h.settle();
    expect(await taskStatus(h, task)).toBe("in_progress");
    expect(await said(issue)).toContain(`${task} resumed: @octocat reopened #${pull}`);
  });

  it("an owner closing the issue stops the task; its read-only author closing it stops nothing", async () => {
    h = await startAppHarness();
    await setRepoConfig(h, `owners: [octocat]\n${noMergeConfig}`);
    const mallory = await personWith(h, "mallory", "read");
    const { issue, pull, task } = await started(h, mallory);

    // the issue's author, without authority, closes it to stop a task an owner approved
    await setState(mallory, issue, "closed");
    expect(await taskStatus(h, task)).toBe("in_progress");
    expect(await said(issue)).toContain(`@mallory closed this issue, which does not stop ${task}`);
    await setState(h.user, issue, "open");

    await setState(h.user, issue, "closed");
    expect(await taskStatus(h, task)).toBe("blocked");
    expect(await said(pull)).toContain(`${stopped} ${task}: @octocat closed #${issue}. It will not merge #${pull}.`);

    // its author reopens it: what an owner stopped stays stopped
    await setState(mallory, issue, "open");
    expect(await taskStatus(h, task)).toBe("blocked");
    expect(await said(issue)).toContain(`@mallory reopened #${issue}, which does not resume ${task}`);

    await setState(h.user, issue, "closed");
    await setState(h.user, issue, "open");
    expect(await taskStatus(h, task)).toBe("in_progress");
  });

  it("an owner merging the task PR by hand: GitHub's keyword close of the issue stops nothing", async () => {
    h = await startAppHarness();
    await setRepoConfig(h, `owners: [octocat]\n${noMergeConfig}`);
    const { issue, pull, task } = await started(h);
    await pushCommit(h.user, `autopilot/${task}-paginate-widget-lists`, `Page\n\nTask: ${task}\nRefs: NT-0012\n`, {
      "src/widgets/list.ts": "export const page = 1;\n",
    });
    await h.settle();
    const { data: read } = await h.user.rest.pulls.get({ ...repo, pull_number: pull });
    await markReady(h, read.node_id);
    // GitHub promises no order: the issue's close (from `Closes #n`) reaches the app first
    h.sandbox.deliveries.setFaults({
      rules: [
        {
          kind: "hold",
          match: { event: "pull_request", action: "closed" },
          until: { event: "issues", action: "closed" },
        },
      ],
    });
    await h.user.rest.pulls.merge({ ...repo, pull_number: pull, merge_method: "merge" });
    // what GitHub does on that merge into the default branch: the issue closed by the merger
    await h.user.rest.issues.update({ ...repo, issue_number: issue, state: "closed", state_reason: "completed" });
    await h.settle();

    expect(await taskStatus(h, task)).toBe("done");
    expect(await said(issue)).not.toContain(stopped);
    expect(await said(pull)).not.toContain(stopped);
    const entry = await queueEntryOf(h, task);
    expect(entry?.history.map((item: { to: string }) => item.to)).not.toContain("blocked");
  });
});

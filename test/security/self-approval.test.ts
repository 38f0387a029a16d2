import { afterEach, describe, expect, it } from "vitest";
import {
  markReady,
  pushCommit,
  setRepoConfig,
  startAppHarness,
  startTask,
  type AppHarness,
} from "../e2e/app-harness.js";
import { acceptingReviewers, personWith } from "./security-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/**
 * The agent approves its own high-risk change. With `owners: []` any writer's approval counts, and
 * the account the agent pushes with is a writer: its approval must not count, someone else's must.
 */
describe("self-approval", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const start = async (config: string[]) => {
    h = await startAppHarness({ reviewPorts: acceptingReviewers() });
    await setRepoConfig(h, [...config, "dispatch:", "  target: none", ""].join("\n"));
    return h;
  };
  const merged = async (h: AppHarness, number: number) =>
    (await h.user.rest.pulls.get({ ...repo, pull_number: number })).data.merged;
  const waitNote = async (h: AppHarness, number: number) =>
    (await h.user.rest.issues.listComments({ ...repo, issue_number: number })).data.find((comment) =>
      comment.body?.includes("autopilot:merge-decision"),
    )?.body ?? "";

  it("the account that pushed a high-risk change cannot approve it; another writer can", async () => {
    const h = await start(["owners: []"]);
    const agent = await personWith(h, "widget-agent", "write");
    const colleague = await personWith(h, "carol", "write");
    const { issue, pull, branch } = await startTask(h, "Rework login", "src/auth/**", "high");
    await pushCommit(agent, branch, `Login\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      "src/auth/login.ts": "export const login = true;\n",
    });
    await markReady(h, pull.node_id);

    await agent.rest.pulls.createReview({ ...repo, pull_number: pull.number, event: "APPROVE" });
    await h.settle();
    expect(await merged(h, pull.number)).toBe(false);
    expect(await waitNote(h, pull.number)).toMatch(
      /0 of 1 approval\(s\).*widget-agent is the agent, a bot, or wrote or pushed this change/s,
    );

    await colleague.rest.pulls.createReview({ ...repo, pull_number: pull.number, event: "APPROVE" });
    await h.settle();
    expect(await merged(h, pull.number)).toBe(true);
  });

  it("a configured agent account cannot approve even when its commits name someone else", async () => {
    const h = await start(["owners: []", "agent_accounts: [widget-agent]"]);
    const agent = await personWith(h, "widget-agent", "write");
    const { issue, pull, branch } = await startTask(h, "Rework sessions", "src/auth/**", "high");
    // the agent writes the commit in a stranger's name: the commit alone does not point at it
    const head = (await agent.rest.repos.getBranch({ ...repo, branch })).data.commit;
    const tree = await agent.rest.git.createTree({
      ...repo,
      base_tree: head.commit.tree.sha,
      tree: [{ path: "src/auth/session.ts", mode: "100644", type: "blob", content: "export const ttl = 60;\n" }],
    });
    const someone = { name: "Someone", email: "someone@example.com" };
    const message = `Sessions\n\nTask: T-${issue}\nRefs: NT-0012\n`;
    const commit = await agent.rest.git.createCommit({
      ...repo,
      message,
      tree: tree.data.sha,
      parents: [head.sha],
      author: someone,
      committer: someone,
    });
    await agent.rest.git.updateRef({ ...repo, ref: `heads/${branch}`, sha: commit.data.sha });
    await h.settle();
    await markReady(h, pull.node_id);

    await agent.rest.pulls.createReview({ ...repo, pull_number: pull.number, event: "APPROVE" });
    await h.settle();
    expect(await merged(h, pull.number)).toBe(false);
    expect(await waitNote(h, pull.number)).toContain("widget-agent is the agent");
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { commentBodies, markReady, pushCommit, startTask, taskStatus, type AppHarness } from "../e2e/app-harness.js";
import { ciOn, conversationsRuleset, pullOf, repo, startAccepting } from "../e2e/merge-queue-setup.js";
import { personWith } from "./security-harness.js";

const file = "src/widgets/list.ts";
const resolve = "mutation($id: ID!) { resolveReviewThread(input: { threadId: $id }) { thread { id } } }";
const unresolve = "mutation($id: ID!) { unresolveReviewThread(input: { threadId: $id }) { thread { id } } }";

let h: AppHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/**
 * main under a ruleset that requires every conversation resolved (no approval), owners listed, the
 * agent's account a writer named in `agent_accounts`. GitHub counts any writer's "Resolve
 * conversation", so the agent could settle an owner's objection on a line by resolving it.
 */
async function start(): Promise<AppHarness> {
  const harness = await startAccepting([
    "owners: [octocat]",
    "agent_accounts: [agent-dev]",
    "merge:",
    "  required_checks: [ci/test]",
  ]);
  await harness.user.rest.repos.createRepoRuleset(conversationsRuleset());
  return harness;
}

async function threadIds(harness: AppHarness, number: number): Promise<string[]> {
  const data = await harness.user.graphql<{
    repository: { pullRequest: { reviewThreads: { nodes: { id: string }[] } } };
  }>(
    `query($n: Int!) { repository(owner: "acme", name: "widgets") { pullRequest(number: $n) {
      reviewThreads(first: 10) { nodes { id } } } } }`,
    { n: number },
  );
  return data.repository.pullRequest.reviewThreads.nodes.map((node) => node.id);
}

describe("an owner's conversation the agent's account resolves", () => {
  it("still holds the merge on a base that requires conversations resolved, until an owner resolves it", async () => {
    h = await start();
    const agent = await personWith(h, "agent-dev", "write");
    const { issue, pull, branch } = await startTask(h, "Paginate widget lists", "src/widgets/**", "low");
    await pushCommit(agent, branch, `Page by 50\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      [file]: "export const pageSize = 50;\n",
    });
    await markReady(h, pull.node_id);
    const head = (await pullOf(h, pull.number)).head.sha;
    // the owner objects on the line; the agent, steered, resolves the conversation
    await h.user.rest.pulls.createReview({
      ...repo,
      pull_number: pull.number,
      commit_id: head,
      event: "COMMENT",
      body: "One thing before this goes in.",
      comments: [{ path: file, line: 1, body: "The page size must come from the configuration." }],
    });
    const [thread] = await threadIds(h, pull.number);
    await agent.graphql(resolve, { id: thread });
    await ciOn(h, head);

    expect((await pullOf(h, pull.number)).merged).toBe(false);
    expect(await taskStatus(h, `T-${issue}`)).toBe("review");
    const said = (await commentBodies(h, pull.number)).join("\n");
    expect(said).toContain(`the conversation at \`${file}:1\` opened by octocat was resolved by agent-dev`);
    // GitHub itself would have let it through: nothing was sent to merge it
    expect(h.sandbox.requests().filter((request) => request.operationId === "pulls/merge")).toEqual([]);

    // the owner settles it (reopens and resolves it): the resolution evaluates the merge again
    await h.user.graphql(unresolve, { id: thread });
    await h.user.graphql(resolve, { id: thread });
    await h.settle();
    expect((await pullOf(h, pull.number)).merged).toBe(true);
    expect(await taskStatus(h, `T-${issue}`)).toBe("done");
  });
});

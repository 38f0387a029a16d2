import { afterEach, describe, expect, it } from "vitest";
import {
  commentBodies,
  markReady,
  pushCommit,
  startTask,
  taskStatus,
  type AppHarness,
  type TestOctokit,
} from "../e2e/app-harness.js";
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
 * A commit's author is whatever its e-mail says: GitHub links `<id>+<login>@users.noreply.github.com`
 * to that account with no proof. The agent's account pushes a commit naming the owner as its
 * author, so that the owner reads as one of the change's own accounts. Returns the new head.
 */
async function pushAsOwner(
  harness: AppHarness,
  agent: TestOctokit,
  owner: { login: string; id: number },
  at: { branch: string; issue: number },
): Promise<string> {
  const { branch, issue } = at;
  const base = (await agent.rest.repos.getBranch({ ...repo, branch })).data.commit;
  const tree = await agent.rest.git.createTree({
    ...repo,
    base_tree: base.commit.tree.sha,
    tree: [{ path: "src/widgets/size.ts", mode: "100644", type: "blob", content: "export const size = 50;\n" }],
  });
  const commit = await agent.rest.git.createCommit({
    ...repo,
    message: `Name the page size\n\nTask: T-${issue}\nRefs: NT-0012\n`,
    tree: tree.data.sha,
    parents: [base.sha],
    author: { name: owner.login, email: `${owner.id}+${owner.login}@users.noreply.github.com` },
  });
  await agent.rest.git.updateRef({ ...repo, ref: `heads/${branch}`, sha: commit.data.sha });
  await harness.settle();
  return commit.data.sha;
}

/** A low-risk task (merged under `auto`) the agent's account pushed and marked ready. */
async function readyTask(harness: AppHarness) {
  const agent = await personWith(harness, "agent-dev", "write");
  const { issue, pull, branch } = await startTask(harness, "Paginate widget lists", "src/widgets/**", "low");
  await pushCommit(agent, branch, `Page by 50\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
    [file]: "export const pageSize = 50;\n",
  });
  await markReady(harness, pull.node_id);
  return { agent, issue, pull, branch, head: (await pullOf(harness, pull.number)).head.sha };
}

const config = ["owners: [octocat]", "agent_accounts: [agent-dev]", "merge:", "  required_checks: [ci/test]"];

describe("an owner's objection when the agent's commit claims the owner as its author", () => {
  it("a request for changes still holds the merge, named in the decision", async () => {
    h = await startAccepting(config);
    const { agent, issue, pull, branch, head } = await readyTask(h);
    const objection = await h.user.rest.pulls.createReview({
      ...repo,
      pull_number: pull.number,
      commit_id: head,
      event: "REQUEST_CHANGES",
      body: "The page size must come from the configuration.",
    });
    const forged = await pushAsOwner(h, agent, objection.data.user!, { branch, issue });
    const commits = (await h.user.rest.pulls.listCommits({ ...repo, pull_number: pull.number })).data;
    expect(commits.at(-1)?.author?.login).toBe("octocat");
    await ciOn(h, forged);

    expect((await pullOf(h, pull.number)).merged).toBe(false);
    expect(await taskStatus(h, `T-${issue}`)).toBe("review");
    expect((await commentBodies(h, pull.number)).join("\n")).toContain("octocat requested changes");
    expect(h.sandbox.requests().filter((request) => request.operationId === "pulls/merge")).toEqual([]);

    // the owner's own approval lifts it
    await h.user.rest.pulls.createReview({ ...repo, pull_number: pull.number, commit_id: forged, event: "APPROVE" });
    await h.settle();
    expect((await pullOf(h, pull.number)).merged).toBe(true);
  });

  it("a conversation the agent's account resolves still holds the merge on a base that requires resolution", async () => {
    h = await startAccepting(config);
    await h.user.rest.repos.createRepoRuleset(conversationsRuleset());
    const { agent, issue, pull, branch, head } = await readyTask(h);
    const objection = await h.user.rest.pulls.createReview({
      ...repo,
      pull_number: pull.number,
      commit_id: head,
      event: "COMMENT",
      body: "One thing before this goes in.",
      comments: [{ path: file, line: 1, body: "The page size must come from the configuration." }],
    });
    const forged = await pushAsOwner(h, agent, objection.data.user!, { branch, issue });
    const threads = await h.user.graphql<{
      repository: { pullRequest: { reviewThreads: { nodes: { id: string }[] } } };
    }>(
      `query($n: Int!) { repository(owner: "acme", name: "widgets") { pullRequest(number: $n) {
        reviewThreads(first: 10) { nodes { id } } } } }`,
      { n: pull.number },
    );
    const [thread] = threads.repository.pullRequest.reviewThreads.nodes.map((node) => node.id);
    await agent.graphql(resolve, { id: thread });
    await ciOn(h, forged);

    expect((await pullOf(h, pull.number)).merged).toBe(false);
    expect(await taskStatus(h, `T-${issue}`)).toBe("review");
    expect((await commentBodies(h, pull.number)).join("\n")).toContain(
      `the conversation at \`${file}:1\` opened by octocat was resolved by agent-dev`,
    );
    expect(h.sandbox.requests().filter((request) => request.operationId === "pulls/merge")).toEqual([]);

    // the owner settles their own conversation, whatever a commit claims
    await h.user.graphql(unresolve, { id: thread });
    await h.user.graphql(resolve, { id: thread });
    await h.settle();
    expect((await pullOf(h, pull.number)).merged).toBe(true);
  });
});

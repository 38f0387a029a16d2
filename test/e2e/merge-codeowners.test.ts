import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  markReady,
  pushCommit,
  scriptedReviewers,
  setRepoConfig,
  startAppHarness,
  startTask,
  type AppHarness,
} from "./app-harness.js";
import { findings } from "./task-lifecycle.js";

const repo = { owner: "acme", repo: "widgets" };
const accept = {
  decision: "accept",
  recommended_status: "done",
  next_actions: [],
  summary: "Meets the spec.",
  reasons: ["ok"],
};

/** A high-risk task under a CODEOWNERS file on the default branch: the files' own owners must approve. */
describe("merge with CODEOWNERS", () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness({
      reviewPorts: scriptedReviewers(
        () => ({ output: findings }),
        () => ({ output: accept }),
      ),
    });
    await setRepoConfig(h, ["owners: [octocat]", "dispatch:", "  target: none", ""].join("\n"));
    await pushCommit(h.user, "main", "Code owners", {
      ".github/CODEOWNERS": "*  @octocat\n/src/auth/  @alice @acme/security\n",
    });
    h.sandbox.state.setPermission(h.sandbox.repo, "alice", "write");
    h.sandbox.state.setPermission(h.sandbox.repo, "bob", "write");
  });
  afterAll(() => h.close());

  const pullOf = async (number: number) => (await h.user.rest.pulls.get({ ...repo, pull_number: number })).data;

  it("waits for an approval from the owner of each changed file, and merges once it has them", async () => {
    const { issue, pull, branch } = await startTask(h, "Harden login", "src/auth/**", "high");
    // the agent pushes with its own account: whoever committed a change never approves it
    h.sandbox.state.setPermission(h.sandbox.repo, "widget-agent", "write");
    await pushCommit(h.as("widget-agent"), branch, `Login\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      "src/auth/login.ts": "export const login = 1;\n",
    });
    await markReady(h, pull.node_id); // the app brings the branch up to date with main, then waits for approvals

    // octocat owns the repository in the config, but the last matching CODEOWNERS line gives src/auth/ to alice
    await h.user.rest.pulls.createReview({ ...repo, pull_number: pull.number, event: "APPROVE" });
    await h.as("bob").rest.pulls.createReview({ ...repo, pull_number: pull.number, event: "APPROVE" });
    await h.settle();
    expect((await pullOf(pull.number)).merged).toBe(false);

    await h.as("alice").rest.pulls.createReview({ ...repo, pull_number: pull.number, event: "APPROVE" });
    await h.settle();
    expect((await pullOf(pull.number)).merged).toBe(true);
  });
});

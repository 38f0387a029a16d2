import { afterEach, describe, expect, it } from "vitest";
import {
  commentBodies,
  markReady,
  pushCommit,
  setRepoConfig,
  startAppHarness,
  startTask,
  taskStatus,
  type AppHarness,
  type TestOctokit,
} from "../e2e/app-harness.js";
import { acceptingReviewers, personWith } from "./security-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/**
 * A name in CODEOWNERS or in `owners` is bare text: a former maintainer whose access was removed,
 * a read-only team member, or whoever registered the login of an owner who renamed their account.
 * GitHub ignores a code owner without write access; so does the app, for approvals and commands.
 */
describe("owners without write access", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const start = async (owners: string) => {
    h = await startAppHarness({ reviewPorts: acceptingReviewers() });
    await setRepoConfig(h, [`owners: ${owners}`, "dispatch:", "  target: none", ""].join("\n"));
    return h;
  };
  const merged = async (h: AppHarness, number: number) =>
    (await h.user.rest.pulls.get({ ...repo, pull_number: number })).data.merged;
  const waitNote = async (h: AppHarness, number: number) =>
    (await h.user.rest.issues.listComments({ ...repo, issue_number: number })).data.find((comment) =>
      comment.body?.includes("autopilot:merge-decision"),
    )?.body ?? "";
  const readyTask = async (h: AppHarness, title: string) => {
    const agent = await personWith(h, "widget-agent", "write");
    const { issue, pull, branch } = await startTask(h, title, "src/auth/**", "high");
    await pushCommit(agent, branch, `Login\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      "src/auth/login.ts": "export const login = true;\n",
    });
    await markReady(h, pull.node_id);
    return { issue, pull };
  };

  it("a code owner with read access approves a high-risk change: it does not count, and owns nothing", async () => {
    const h = await start("[octocat]");
    await pushCommit(h.user, "main", "Code owners", { ".github/CODEOWNERS": "*  @reader\n" });
    const reader = await personWith(h, "reader", "read");
    const { pull } = await readyTask(h, "Rework login");

    await reader.rest.pulls.createReview({ ...repo, pull_number: pull.number, event: "APPROVE" });
    await h.settle();
    expect(await merged(h, pull.number)).toBe(false);
    expect(await waitNote(h, pull.number)).toMatch(/0 of 1 approval\(s\).*reader has no write access/s);

    // the listed owner, an admin, approves it: GitHub ignores a code owner without write access,
    // so the rule naming only reader owns nothing, and no code owner's approval is waited for
    await h.user.rest.pulls.createReview({ ...repo, pull_number: pull.number, event: "APPROVE" });
    await h.settle();
    expect(await merged(h, pull.number)).toBe(true);
  });

  it("waits for a code owner while one of the rule's owners has write access, whoever else it names", async () => {
    const h = await start("[octocat]");
    await pushCommit(h.user, "main", "Code owners", { ".github/CODEOWNERS": "*  @reader @keeper\n" });
    await personWith(h, "reader", "read");
    const keeper = await personWith(h, "keeper", "write");
    const { pull } = await readyTask(h, "Rework login");

    await h.user.rest.pulls.createReview({ ...repo, pull_number: pull.number, event: "APPROVE" });
    await h.settle();
    expect(await merged(h, pull.number)).toBe(false);
    expect(await waitNote(h, pull.number)).toMatch(/code owners have not approved/);
    await keeper.rest.pulls.createReview({ ...repo, pull_number: pull.number, event: "APPROVE" });
    await h.settle();
    expect(await merged(h, pull.number)).toBe(true);
  });

  it("a listed owner's login held by an account without access neither commands nor approves", async () => {
    const h = await start("[octocat, ghostly]");
    // whoever registered a released login: no collaborator, so GitHub gives it read on this public repository
    const ghostly = await personWith(h, "ghostly", "none");
    const { issue, pull } = await readyTask(h, "Rework sessions");
    const say = async (octokit: TestOctokit, body: string) => {
      await octokit.rest.issues.createComment({ ...repo, issue_number: issue, body });
      await h.settle();
    };

    await say(h.user, "/block waiting for the API design");
    await say(ghostly, "/unblock");
    expect(await taskStatus(h, `T-${issue}`)).toBe("blocked");
    expect(await commentBodies(h, issue)).toContainEqual(
      expect.stringMatching(
        /Sorry @ghostly, only the owners listed in `.github\/autopilot.yml` who have write access to this repository .*can use `\/unblock`; you have read access here/,
      ),
    );
    await say(h.user, "/unblock");
    expect(await taskStatus(h, `T-${issue}`)).not.toBe("blocked");

    await ghostly.rest.pulls.createReview({ ...repo, pull_number: pull.number, event: "APPROVE" });
    await h.settle();
    expect(await merged(h, pull.number)).toBe(false);
    expect(await waitNote(h, pull.number)).toMatch(/0 of 1 approval\(s\).*ghostly has no write access/s);
  });
});

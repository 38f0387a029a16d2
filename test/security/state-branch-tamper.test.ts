import { afterEach, describe, expect, it } from "vitest";
import { getEntry, parseQueue, serializeQueue } from "../../src/core/queue/index.js";
import { stateTamperTitle } from "../../src/handlers/state-guard.js";
import {
  commentBodies,
  markReady,
  pushCommit,
  setRepoConfig,
  startAppHarness,
  startTask,
  stateFile,
  type AppHarness,
  type TestOctokit,
} from "../e2e/app-harness.js";
import { acceptingReviewers, personWith } from "./security-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/** A commit on the state branch, made with `octokit`'s own credentials, widening a task's scope to everything. */
async function widenScope(octokit: TestOctokit, h: AppHarness, taskId: string): Promise<void> {
  const forged = await widenedQueueCommit(octokit, h, taskId);
  await octokit.rest.git.updateRef({ ...repo, ref: "heads/autopilot/state", sha: forged });
}

/** A commit on top of the state branch's head widening a task's scope to everything, on no branch yet. */
async function widenedQueueCommit(octokit: TestOctokit, h: AppHarness, taskId: string): Promise<string> {
  const head = (await octokit.rest.repos.getBranch({ ...repo, branch: "autopilot/state" })).data.commit;
  const doc = parseQueue(await stateFile(h, "ops/queue.jsonl")).doc;
  const entry = getEntry(doc, taskId)!;
  const widened = doc.items.map((item) =>
    item.kind === "entry" && item.entry.id === taskId ? { ...item, entry: { ...entry, scope: ["**"] } } : item,
  );
  const tree = await octokit.rest.git.createTree({
    ...repo,
    base_tree: head.commit.tree.sha,
    tree: [
      { path: "ops/queue.jsonl", mode: "100644", type: "blob", content: serializeQueue({ ...doc, items: widened }) },
    ],
  });
  const commit = await octokit.rest.git.createCommit({
    ...repo,
    message: "Widen the scope",
    tree: tree.data.sha,
    parents: [head.sha],
  });
  return commit.data.sha;
}

/** Whether Autopilot paused and opened the issue naming `login`'s push. */
async function pausedFor(h: AppHarness, login: string): Promise<boolean> {
  const pause = JSON.parse(await stateFile(h, "ops/pause.json")) as { paused?: boolean };
  const issues = (await h.user.rest.issues.listForRepo({ ...repo, state: "open" })).data.filter(
    (item) => item.title === stateTamperTitle && item.body?.includes(login),
  );
  return pause.paused === true && issues.length === 1;
}

/**
 * The queue on the state branch judges every task. An account with push access that is not the
 * app (the agent's own app, a contributor) rewrites it to widen the task's scope, then pushes
 * outside it: the app pauses, says so in an issue, and merges nothing until an owner resumes.
 */
describe("someone else pushes to the state branch", () => {
  let h: AppHarness | undefined;
  afterEach(async () => h?.close());

  it("pauses Autopilot, opens an issue naming the push, and merges nothing until /resume", async () => {
    h = await startAppHarness({ reviewPorts: acceptingReviewers() });
    await setRepoConfig(
      h,
      ["owners: [octocat]", "merge:", "  required_checks: [ci/test]", "dispatch:", "  target: none", ""].join("\n"),
    );
    const { issue, pull, branch } = await startTask(h, "Paginate widget lists", "src/widgets/**", "low");
    const agent = await personWith(h, "agent-dev", "write");
    await widenScope(agent, h, `T-${issue}`);
    await h.settle();

    expect(JSON.parse(await stateFile(h, "ops/pause.json"))).toMatchObject({ paused: true, by: "autopilot" });
    const issues = (await h.user.rest.issues.listForRepo({ ...repo, state: "open" })).data.filter(
      (item) => item.title === stateTamperTitle,
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]?.body).toContain("agent-dev");
    expect(issues[0]?.body).toContain("/resume");

    // the widened scope lets the push through the scope gate, but nothing merges while paused
    await pushCommit(h.user, branch, `Everything\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      "src/widgets/list.ts": "export const a = 1;\n",
      "src/billing/charge.ts": "export const b = 2;\n",
    });
    await markReady(h, pull.node_id);
    const head = (await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data.head.sha;
    await h.ci.rest.repos.createCommitStatus({ ...repo, sha: head, state: "success", context: "ci/test" });
    await h.settle();
    expect((await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data.merged).toBe(false);

    // an owner who looked may resume: the pause record says who
    await h.user.rest.issues.createComment({ ...repo, issue_number: issue, body: "/resume" });
    await h.settle();
    expect(JSON.parse(await stateFile(h, "ops/pause.json"))).toMatchObject({ paused: false, by: "octocat" });
    expect((await commentBodies(h, issue)).some((body) => body.includes("Autopilot is running again"))).toBe(true);
  });

  // GitHub sends an app one check suite per commit SHA: a commit pushed to another branch first
  // brings none when the state branch is moved to it; nor does the suite of a push to a branch with a
  // pull request call itself a push without one. The push event comes for every ref update.
  it("pauses for a commit pushed to a scratch branch first, then the state branch moved to it", async () => {
    h = await startAppHarness();
    await setRepoConfig(h, ["owners: [octocat]", "dispatch:", "  target: none", ""].join("\n"));
    const { issue } = await startTask(h, "Paginate widget lists", "src/widgets/**", "low");
    const agent = await personWith(h, "agent-dev", "write");
    const forged = await widenedQueueCommit(agent, h, `T-${issue}`);
    await agent.rest.git.createRef({ ...repo, ref: "refs/heads/scratch", sha: forged });
    await h.settle();
    await agent.rest.git.updateRef({ ...repo, ref: "heads/autopilot/state", sha: forged });
    await h.settle();
    expect(await pausedFor(h, "agent-dev")).toBe(true);
  });

  it("pauses for a push to the state branch while a pull request from it is open", async () => {
    h = await startAppHarness();
    await setRepoConfig(h, ["owners: [octocat]", "dispatch:", "  target: none", ""].join("\n"));
    const { issue } = await startTask(h, "Paginate widget lists", "src/widgets/**", "low");
    const agent = await personWith(h, "agent-dev", "write");
    // the state branch shares no history with main: the pull request goes to a branch made from its own past
    const head = (await agent.rest.repos.getBranch({ ...repo, branch: "autopilot/state" })).data.commit;
    await agent.rest.git.createRef({ ...repo, ref: "refs/heads/state-before", sha: head.parents[0]!.sha });
    await agent.rest.pulls.create({ ...repo, head: "autopilot/state", base: "state-before", title: "State" });
    await h.settle();
    await widenScope(agent, h, `T-${issue}`);
    await h.settle();
    expect(await pausedFor(h, "agent-dev")).toBe(true);
  });

  it("takes an owner's push as a repair: no pause, no issue", async () => {
    h = await startAppHarness();
    await setRepoConfig(h, ["owners: [octocat]", "dispatch:", "  target: none", ""].join("\n"));
    const { issue } = await startTask(h, "Paginate widget lists", "src/widgets/**", "low");
    await widenScope(h.user, h, `T-${issue}`);
    await h.settle();
    expect(JSON.parse(await stateFile(h, "ops/pause.json"))).toMatchObject({ paused: false });
    const issues = (await h.user.rest.issues.listForRepo({ ...repo, state: "open" })).data.filter(
      (item) => item.title === stateTamperTitle,
    );
    expect(issues).toEqual([]);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { parsePauseRecord } from "../../src/core/queue/index.js";
import { stateTamperTitle } from "../../src/handlers/state-guard.js";
import {
  noMergeConfig,
  setRepoConfig,
  startAppHarness,
  startTask,
  stateFile,
  taskStatus,
  type AppHarness,
} from "../e2e/app-harness.js";
import { personWith } from "./security-harness.js";

const repo = { owner: "acme", repo: "widgets" };
const stateHead = async (h: AppHarness) =>
  (await h.user.rest.repos.getBranch({ ...repo, branch: "autopilot/state" }).catch(() => undefined))?.data.commit.sha;

/**
 * The state branch holds the queue: every task in progress, its scope lock and its history. Any
 * writer may delete a branch no rule protects; without it the app's next write would start a new
 * state branch from the default branch and forget every task. A deletion makes no check suite, so
 * the app hears of it only through the `push` event.
 */
describe("attack: the state branch deleted", () => {
  let h: AppHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("is put back where it was, and Autopilot pauses with an issue saying who", async () => {
    h = await startAppHarness();
    await setRepoConfig(h, `${noMergeConfig}owners: [octocat]\n`);
    const { issue } = await startTask(h, "Paginate widget lists", "src/widgets/**");
    const before = await stateHead(h);
    const agent = await personWith(h, "widget-agent", "write");
    await agent.rest.git.deleteRef({ ...repo, ref: "heads/autopilot/state" });
    await h.settle();

    // restored at its head, the pause written on top: the task and its history are all there
    const restored = (await h.user.rest.repos.listCommits({ ...repo, sha: "autopilot/state", per_page: 2 })).data;
    expect(restored[1]?.sha).toBe(before);
    expect(await taskStatus(h, `T-${issue}`)).toBe("in_progress");
    expect(parsePauseRecord(await stateFile(h, "ops/pause.json"))).toMatchObject({ record: { paused: true } });
    const issues = (await h.user.rest.issues.listForRepo({ ...repo, state: "open" })).data;
    const told = issues.find((item) => item.title === stateTamperTitle);
    expect(told?.body).toContain("widget-agent deleted `autopilot/state`");

    // an owner resumes; GitHub delivers the deletion a second time: nothing is restored or paused again
    await h.user.rest.issues.createComment({ ...repo, issue_number: issue, body: "/resume" });
    await h.settle();
    expect(parsePauseRecord(await stateFile(h, "ops/pause.json"))).toMatchObject({ record: { paused: false } });
    const deletion = h.sandbox.deliveries
      .list({ per_page: 100 })
      .deliveries.map((item) => h!.sandbox.deliveries.get(item.id)!)
      .find((item) => item.event === "push" && (item.request.payload as { deleted?: boolean }).deleted === true)!;
    expect(deletion).toBeDefined();
    await h.sandbox.deliveries.redeliver(deletion.id);
    await h.settle();
    expect(parsePauseRecord(await stateFile(h, "ops/pause.json"))).toMatchObject({ record: { paused: false } });
  });

  it("stays deleted when an owner deleted it", async () => {
    h = await startAppHarness();
    await setRepoConfig(h, `${noMergeConfig}owners: [octocat]\n`);
    await startTask(h, "Paginate widget lists", "src/widgets/**");
    await h.user.rest.git.deleteRef({ ...repo, ref: "heads/autopilot/state" });
    await h.settle();
    expect(await stateHead(h)).toBeUndefined();
  });
});

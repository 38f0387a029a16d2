import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getEntry, parseQueue, serializeQueue } from "../../src/core/queue/index.js";
import { putEntry } from "../../src/core/queue/queue-document.js";
import { octokitPort } from "../../src/github/index.js";
import { configOf } from "../../src/handlers/config-of.js";
import { moveTask } from "../../src/handlers/move-task.js";
import { QueueRefusedError } from "../../src/handlers/queue-commit.js";
import {
  installationClient,
  installationContext,
  labelNames,
  noMergeConfig,
  queueEntryOf,
  setRepoConfig,
  startAppHarness,
  startTask,
  stateFile,
  type AppHarness,
} from "./app-harness.js";

const repo = { owner: "acme", repo: "widgets" };
const stateLabels = (labels: readonly string[]) => labels.filter((label) => label.startsWith("autopilot:")).sort();

/**
 * A move of a task is one request: the queue commit on the state branch rides in the GraphQL
 * request that mirrors the move as labels. When that commit loses a race (another writer moved
 * the queue since the app last saw it) and the queue then refuses the move, the labels already
 * changed are put back to what the queue says.
 */
describe("a task's move", () => {
  let h: AppHarness;
  beforeEach(async () => {
    h = await startAppHarness();
    await setRepoConfig(h, noMergeConfig);
  });
  afterEach(() => h.close());

  const graphqlSince = (mark: number) =>
    h.sandbox
      .requests()
      .slice(mark)
      .filter((request) => request.operationId === "graphql").length;

  it("commits the queue and changes the labels in one request", async () => {
    const { issue, pull } = await startTask(h, "Block in one request", "src/widgets/one-request/**");
    const mark = h.sandbox.requests().length;
    await h.user.rest.issues.createComment({ ...repo, issue_number: issue, body: "/block waiting for design" });
    await h.settle();
    expect((await queueEntryOf(h, `T-${issue}`))?.status).toBe("blocked");
    expect(stateLabels(await labelNames(h, issue))).toEqual(["autopilot:blocked"]);
    expect(stateLabels(await labelNames(h, pull.number))).toEqual(["autopilot:blocked"]);
    // one GraphQL request for the commit and both items' labels (two before: the commit, then the labels)
    expect(graphqlSince(mark)).toBe(1);
  });

  it("puts the labels back when its commit lost a race and the queue then refuses the move", async () => {
    const { issue, pull } = await startTask(h, "Raced move", "src/widgets/raced/**");
    // a replica of the app, whose GraphQL request carrying the queue commit is preceded, once, by
    // another writer's commit that sets the task back to queued (an owner fixing the queue by hand)
    const client = installationClient(h.sandbox);
    let raced = false;
    client.hook.before("request", async (options) => {
      if (raced || options.url !== "/graphql" || !String(options.query).includes("createCommitOnBranch")) return;
      raced = true;
      const { doc } = parseQueue(await stateFile(h, "ops/queue.jsonl"));
      const entry = getEntry(doc, `T-${issue}`);
      if (!entry) throw new Error(`no T-${issue} in the queue`);
      const path = "ops/queue.jsonl";
      const { sha } = (await h.user.rest.repos.getContent({ ...repo, path, ref: "autopilot/state" })).data as {
        sha: string;
      };
      await h.user.rest.repos.createOrUpdateFileContents({
        ...repo,
        path,
        branch: "autopilot/state",
        message: `queue: T-${issue} back to queued`,
        content: Buffer.from(serializeQueue(putEntry(doc, { ...entry, status: "queued" }))).toString("base64"),
        sha,
      });
    });
    const replica = { ...installationContext(h.sandbox), github: octokitPort(client, repo) };
    const loaded = await configOf(replica);
    if (!loaded.ok) throw new Error("the configuration did not load");
    const entry = await queueEntryOf(h, `T-${issue}`);
    if (!entry) throw new Error(`no T-${issue} in the queue`);
    const move = moveTask({ ...replica, config: loaded.config }, entry, {
      to: "review",
      actor: "octocat",
      reason: "test",
    });
    await expect(move).rejects.toThrow(QueueRefusedError);
    await h.settle();
    expect(raced).toBe(true);
    // the queue refused in_progress → review from queued: the labels say queued, as the queue does
    expect((await queueEntryOf(h, `T-${issue}`))?.status).toBe("queued");
    expect(stateLabels(await labelNames(h, issue))).toEqual(["autopilot:queued"]);
    expect(stateLabels(await labelNames(h, pull.number))).toEqual(["autopilot:queued"]);
  });
});

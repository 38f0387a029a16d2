import { afterEach, describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/config/index.js";
import { addTask, getEntry, parseQueue } from "../../src/core/queue/index.js";
import { commitQueueChange } from "../../src/handlers/queue-commit.js";
import { readQueueText } from "../../src/handlers/task-state.js";
import {
  installationContext,
  mainFile,
  setRepoConfig,
  startAppHarness,
  stateFile,
  taskSpec,
  type AppHarness,
} from "./app-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/**
 * A queue as an earlier version left it on main: one task (whose PR is gone: a queue must not
 * trust that every number it names still exists), and a line nobody can read (kept byte for byte).
 */
const legacyQueue = [
  JSON.stringify({
    id: "T-7",
    issue: 7,
    title: "Older task",
    status: "done",
    branch: "autopilot/T-7-older",
    pr: 8,
    scope: ["src/old/**"],
    forbidden: [],
    budget: { files: 20, lines: 600 },
    risk: "low",
    mode: "full",
    refs: [],
    history: [],
  }),
  '{"id": "T-8", broken',
  "",
].join("\n");
const legacyDecisions = `${JSON.stringify({ id: "Q-T-7-1", task: "T-7", kind: "spec", question: "Which page size?", asked_by: "autopilot", asked_at: "2026-01-01T00:00:00Z", status: "open" })}\n`;
const legacyModelLog = `${JSON.stringify({ task: "T-7", role: "red_team", provider: "anthropic" })}\n`;

async function seedLegacyState(h: AppHarness): Promise<string> {
  const put = async (path: string, text: string) =>
    h.user.rest.repos.createOrUpdateFileContents({
      ...repo,
      path,
      message: `Seed ${path}`,
      content: Buffer.from(text).toString("base64"),
    });
  await put("ops/queue.jsonl", legacyQueue);
  await put("ops/decisions.jsonl", legacyDecisions);
  await put("ops/model-decisions.jsonl", legacyModelLog);
  await h.settle();
  return (await h.sandbox.repo.git.getRef("refs/heads/main")) ?? "";
}

describe("the app's state branch", () => {
  let h: AppHarness | undefined;
  afterEach(async () => h?.close());

  it("carries an existing repository's state over once, byte for byte, and never pushes to main again", async () => {
    h = await startAppHarness();
    await setRepoConfig(h, ["dispatch:", "  target: none", ""].join("\n"));
    const mainBefore = await seedLegacyState(h);

    // before the first write the app reads the state where it was
    expect(await readQueueText(installationContext(h.sandbox), defaultConfig())).toBe(legacyQueue);

    const issue = (
      await h.user.rest.issues.create({ ...repo, title: "Paginate widget lists", body: taskSpec("src/widgets/**") })
    ).data.number;
    await h.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
    await h.settle();

    // main is as the team left it: no commit of the app, the old files still there
    expect(await h.sandbox.repo.git.getRef("refs/heads/main")).toBe(mainBefore);
    expect(await mainFile(h, "ops/queue.jsonl")).toBe(legacyQueue);

    // the state branch's first commit is the carry-over, shares no history with main, holds no workflow
    const commits = (await h.user.rest.repos.listCommits({ ...repo, sha: "autopilot/state", per_page: 10 })).data;
    const first = commits.at(-1)!;
    expect(first.parents).toEqual([]);
    expect(first.commit.message).toBe(
      "autopilot: state branch autopilot/state\n\nCarried over from main: ops/queue.jsonl, ops/decisions.jsonl, ops/model-decisions.jsonl.\n",
    );
    const carried = async (path: string) =>
      (await h!.sandbox.repo.git.readFile(first.sha, path))?.content.toString("utf8");
    expect(await carried("ops/queue.jsonl")).toBe(legacyQueue);
    expect(await carried("ops/decisions.jsonl")).toBe(legacyDecisions);
    expect(await carried("ops/model-decisions.jsonl")).toBe(legacyModelLog);
    const tree = (await h.user.rest.git.getTree({ ...repo, tree_sha: "autopilot/state", recursive: "true" })).data.tree;
    expect(
      tree
        .filter((entry) => entry.type === "blob")
        .map((entry) => entry.path)
        .sort(),
    ).toEqual(["README.md", "ops/decisions.jsonl", "ops/model-decisions.jsonl", "ops/pause.json", "ops/queue.jsonl"]);

    // the new task joins the old lines; the unreadable line is still there, unchanged
    const queue = await stateFile(h, "ops/queue.jsonl");
    expect(queue).toContain('{"id": "T-8", broken\n');
    const doc = parseQueue(queue).doc;
    expect(getEntry(doc, "T-7")).toMatchObject({ status: "done", pr: 8 });
    expect(getEntry(doc, `T-${issue}`)).toMatchObject({ status: "in_progress" });

    // a later edit of the old file on main is not read again: the state branch is the record now
    const old = (await h.user.rest.repos.getContent({ ...repo, path: "ops/queue.jsonl" })).data as { sha: string };
    await h.user.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: "ops/queue.jsonl",
      message: "Someone edits the old queue",
      content: "",
      sha: old.sha,
    });
    await h.settle();
    expect(await readQueueText(installationContext(h.sandbox), defaultConfig())).toBe(queue);
  });

  it("two replicas creating it at once both land their change: one creates, the other writes on top", async () => {
    h = await startAppHarness({ retry: false });
    await seedLegacyState(h);
    const config = defaultConfig();
    const replicas = [0, 1].map(() => installationContext(h!.sandbox));
    await Promise.all(
      ["T-41", "T-42"].map((taskId, index) =>
        commitQueueChange(replicas[index]!, config, {
          taskId,
          apply: (doc) =>
            addTask(
              doc,
              {
                id: taskId,
                issue: Number(taskId.slice(2)),
                title: taskId,
                status: "queued",
                branch: null,
                pr: null,
                scope: [`src/${taskId}/**`],
                forbidden: [],
                risk: "low",
                mode: "full",
                refs: [],
              },
              { actor: "autopilot[bot]", reason: "labelled", delivery: `d-${taskId}`, at: "2026-12-05T00:00:00Z" },
            ),
        }),
      ),
    );
    const doc = parseQueue(await stateFile(h, "ops/queue.jsonl")).doc;
    expect(["T-7", "T-41", "T-42"].map((id) => getEntry(doc, id)?.id)).toEqual(["T-7", "T-41", "T-42"]);
    const roots = (await h.user.rest.repos.listCommits({ ...repo, sha: "autopilot/state", per_page: 10 })).data.filter(
      (commit) => commit.parents.length === 0,
    );
    expect(roots).toHaveLength(1);
  });

  it("keeps the state on main when the configuration says so (state_branch: main)", async () => {
    h = await startAppHarness();
    await setRepoConfig(h, ["state_branch: main", "dispatch:", "  target: none", ""].join("\n"));
    const issue = (
      await h.user.rest.issues.create({ ...repo, title: "Paginate widget lists", body: taskSpec("src/widgets/**") })
    ).data.number;
    await h.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
    await h.settle();
    expect(getEntry(parseQueue(await mainFile(h, "ops/queue.jsonl")).doc, `T-${issue}`)).toMatchObject({
      status: "in_progress",
    });
    expect(await h.sandbox.repo.git.getRef("refs/heads/autopilot/state")).toBeUndefined();
  });
});

import { blobTextBytes } from "@autopilot/github-sandbox";
import { afterEach, describe, expect, it } from "vitest";
import { isDashboardBody } from "../../src/core/progress/index.js";
import { getEntry, listEntries, parseQueue } from "../../src/core/queue/index.js";
import { installationContext, stateFile, type AppHarness } from "./app-harness.js";
import { doneQueue, seedStateBranch } from "./done-queue.js";
import { startAccepting } from "./merge-queue-setup.js";
import { expectConverged, lifecycle } from "./task-lifecycle.js";

const repo = { owner: "acme", repo: "widgets" };
const queuePath = "ops/queue.jsonl";

/**
 * GitHub's GraphQL gives a blob's first 512,000 bytes as `Blob.text` and says `isTruncated`; a
 * queue file kept for months passes that. The app must read such a file whole (REST's raw
 * contents) and never write the cut text back: the lines past the cut are tasks' history.
 */
describe("a state branch whose queue is past GitHub's 512,000-byte Blob.text", () => {
  let h: AppHarness | undefined;
  afterEach(async () => h?.close());

  it("runs a task from label to merge and keeps every earlier line of the queue byte for byte", async () => {
    h = await startAccepting(["merge:", "  required_checks: [ci/test]", "owners: [octocat]"]);
    const earlier = doneQueue(300);
    const earlierLines = earlier.split("\n").slice(0, -1);
    expect(earlierLines).toHaveLength(300);
    expect(Buffer.byteLength(earlier)).toBeGreaterThan(blobTextBytes + 100_000);
    const seeded = await seedStateBranch(h, earlier, 601);

    const { issue, pull } = await lifecycle(h);
    const task = `T-${issue}`;
    // the new task sorts after every earlier one
    expect(issue).toBe(601);
    await expectConverged(h, issue, pull.number);

    // the queue now: the 300 earlier lines as they were, then the new task's, done
    const queue = await stateFile(h, queuePath);
    expect(queue.startsWith(earlier)).toBe(true);
    // the gates found the task's spec (scope, risk) only by reading past GraphQL's cut
    expect(Buffer.from(queue).indexOf(`{"id":"${task}",`)).toBeGreaterThan(blobTextBytes);
    const added = parseQueue(queue.slice(earlier.length));
    expect(listEntries(added.doc).map((entry) => [entry.id, entry.status])).toEqual([[task, "done"]]);
    expect(added.errors).toEqual([]);

    // and at every commit the app made on the state branch: no cut text was ever written back
    const commits = (
      await h.user.paginate(h.user.rest.repos.listCommits, { ...repo, sha: "autopilot/state", per_page: 100 })
    ).map((commit) => commit.sha);
    expect(commits.at(-1)).toBe(seeded);
    expect(commits.length).toBeGreaterThan(2);
    for (const sha of commits) {
      const text = (await h.sandbox.repo.git.readFile(sha, queuePath))?.content.toString("utf8") ?? "";
      expect(text.startsWith(earlier), `ops/queue.jsonl at ${sha.slice(0, 7)}`).toBe(true);
    }

    // the app met the cut: its reads of the queue include REST's contents API, raw
    const queueReads = h.sandbox
      .requests()
      .filter(
        (request) =>
          request.operationId === "repos/get-content" &&
          decodeURIComponent(request.path).endsWith(`/contents/${queuePath}`),
      );
    expect(queueReads.length).toBeGreaterThan(0);
    expect(queueReads.every((request) => request.status === 200)).toBe(true);

    // the dashboard and the records show the task
    const dashboard = (
      await h.user.paginate(h.user.rest.issues.listForRepo, { ...repo, state: "open", per_page: 100 })
    ).find((item) => item.user?.login === "autopilot[bot]" && isDashboardBody(item.body));
    expect(dashboard?.body).toContain(`[${task}]`);
    const progress = await h.sandbox.repo.git.readFile("autopilot/records", "docs/PROGRESS.md");
    expect(progress?.content.toString("utf8")).toContain(task);
  });

  it("reads the queue whole through its GraphQL file read: the truncated text is read again raw", async () => {
    h = await startAccepting(["owners: [octocat]"]);
    const earlier = doneQueue(300);
    await seedStateBranch(h, earlier, 601);
    const ctx = installationContext(h.sandbox);
    const before = h.sandbox.requests().length;

    const read = await ctx.github.readFilesAndChecks({
      files: [{ key: "queue", ref: "autopilot/state", path: queuePath }],
    });
    expect(read.files.get("queue")?.text).toBe(earlier);
    expect(getEntry(parseQueue(read.files.get("queue")?.text ?? "").doc, "T-599")?.status).toBe("done");
    const asked = h.sandbox
      .requests()
      .slice(before)
      .map((request) => request.operationId)
      .filter((operation) => !operation?.startsWith("apps/"));
    expect(asked).toEqual(["graphql", "repos/get-content"]);
  });
});

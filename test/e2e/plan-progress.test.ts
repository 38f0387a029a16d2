import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli, writeFiles } from "../cli/cli-harness.js";
import { personWith } from "../security/security-harness.js";
import {
  commentBodies,
  labelNames,
  markReady,
  pushCommit,
  queueEntryOf,
  scriptedReviewers,
  setRepoConfig,
  startAppHarness,
  taskSpec,
  type AppHarness,
  type TestOctokit,
} from "./app-harness.js";
import { findings } from "./task-lifecycle.js";

const repo = { owner: "acme", repo: "widgets" };
const accept = {
  decision: "accept",
  recommended_status: "done",
  next_actions: [],
  summary: "Meets the spec.",
  reasons: ["done"],
};

/** Two phases: the first has one work item, the second two, the last of which no task ever names. */
const plan = {
  version: 1,
  title: "Widgets v1",
  phases: [
    { id: "P1", title: "Foundations", items: ["1.1"] },
    { id: "P2", title: "Delivery", items: ["2.1", "2.2"] },
  ],
  items: [
    { id: "1.1", title: "Widget pages", refs: ["NT-0012"] },
    { id: "2.1", title: "Widget search", depends_on: ["1.1"] },
    { id: "2.2", title: "Widget export", depends_on: ["2.1"] },
  ],
};

/** A plan of record, end to end: phases and the outline move as tasks merge, and only as they do. */
describe("plan of record", () => {
  let h: AppHarness;
  let dir: string | undefined;
  beforeEach(async () => {
    h = await startAppHarness({
      reviewPorts: scriptedReviewers(
        () => ({ output: findings }),
        () => ({ output: accept }),
      ),
    });
    await setRepoConfig(
      h,
      ["merge:", "  required_checks: [ci/test]", "owners: [octocat]", "dispatch:", "  target: none", ""].join("\n"),
    );
    // people write the plan on the default branch
    await h.user.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: "ops/por.json",
      message: "Plan of record",
      content: Buffer.from(`${JSON.stringify(plan, null, 2)}\n`).toString("base64"),
    });
    await h.settle();
  });
  afterEach(async () => {
    await h.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  const records = async (path: string) =>
    (await h.sandbox.repo.git.readFile("autopilot/records", path))?.content.toString("utf8") ?? "";
  const pullOf = async (issue: number) => {
    const pull = (await h.user.rest.pulls.list({ ...repo, state: "open" })).data.find((item) =>
      item.title.startsWith(`[T-${issue}]`),
    );
    if (!pull) throw new Error(`no draft PR for T-${issue}`);
    return pull;
  };
  /** The agent's work, CI green on every head: the task merges by policy. */
  const deliver = async (issue: number, file: string) => {
    const pull = await pullOf(issue);
    await pushCommit(h.user, pull.head.ref, `Work\n\nTask: T-${issue}\nRefs: NT-0012\n`, { [file]: "export {};\n" });
    await markReady(h, pull.node_id);
    for (let round = 0; round < 3; round += 1) {
      const { head, merged } = (await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data;
      if (merged) break;
      await h.ci.rest.repos.createCommitStatus({ ...repo, sha: head.sha, state: "success", context: "ci/test" });
      await h.settle();
    }
    expect((await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data.merged).toBe(true);
    return pull.number;
  };
  const open = async (author: TestOctokit, title: string, scope: string, item: string) => {
    const body = taskSpec(scope, [`item: "${item}"`]);
    return (await author.rest.issues.create({ ...repo, title, body })).data.number;
  };
  const label = async (issue: number) => {
    await h.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
    await h.settle();
  };
  const phaseRow = (progress: string, id: string) => progress.split("\n").find((line) => line.startsWith(`| ${id} |`));

  it("moves each phase's progress and the outline's boxes as the tasks naming its items merge", async () => {
    const first = await open(h.user, "Paginate widget lists", "src/widgets/**", "1.1");
    await label(first);
    const firstPull = await deliver(first, "src/widgets/pages.ts");

    let outline = await records("docs/OUTLINE.md");
    let progress = await records("docs/PROGRESS.md");
    const web = (await h.user.rest.repos.get(repo)).data.html_url;
    expect(outline).toContain(
      `- [x] **1.1** Widget pages · refs NT-0012 ✓ · [T-${first}](${web}/issues/${first}) done in [#${firstPull}](${web}/pull/${firstPull})`,
    );
    expect(outline).toContain("- [ ] **2.1** Widget search · no task yet");
    expect(outline).toContain("Widgets v1: 1 of 3 work items done (33%), 1 of 2 phases done.");
    expect(phaseRow(progress, "P1")).toBe("| P1 | Foundations | 1 of 1 | 100% | done |");
    expect(phaseRow(progress, "P2")).toBe("| P2 | Delivery | 0 of 2 | 0% | not started |");

    // the second phase starts: a task for 2.1, opened by a reader, labelled by the owner
    const mallory = await personWith(h, "mallory", "read");
    const second = await open(mallory, "Search widgets", "src/search/**", "2.1");
    await label(second);
    expect((await queueEntryOf(h, `T-${second}`))?.item).toBe("2.1");
    // the issue's author, without authority, tries to make the task count for another item
    await mallory.rest.issues.update({
      ...repo,
      issue_number: second,
      body: taskSpec("src/search/**", ['item: "2.2"']),
    });
    await h.settle();
    expect((await queueEntryOf(h, `T-${second}`))?.item).toBe("2.1");
    await deliver(second, "src/search/find.ts");

    outline = await records("docs/OUTLINE.md");
    progress = await records("docs/PROGRESS.md");
    expect(outline).toMatch(/^- \[x\] \*\*2\.1\*\* Widget search · \[T-\d+\]/m);
    expect(outline).toContain("- [ ] **2.2** Widget export · no task yet");
    expect(outline).not.toMatch(/^- \[x\] \*\*2\.2\*\*/m);
    expect(outline).toContain("Widgets v1: 2 of 3 work items done (66%), 1 of 2 phases done.");
    expect(phaseRow(progress, "P2")).toBe("| P2 | Delivery | 1 of 2 | 50% | in progress |");

    // `autopilot progress` renders the same two files offline from the same repository files
    dir = mkdtempSync(join(tmpdir(), "autopilot-plan-"));
    const at = /on (\d{4}-\d\d-\d\d) (\d\d:\d\d) UTC\. Do not edit/.exec(outline);
    writeFiles(dir, {
      "ops/por.json": (await h.sandbox.repo.git.readFile("main", "ops/por.json"))?.content.toString("utf8") ?? "",
      ".github/autopilot.yml":
        (await h.sandbox.repo.git.readFile("main", ".github/autopilot.yml"))?.content.toString("utf8") ?? "",
      "docs/blueprints/crosswalk.json": await records("docs/blueprints/crosswalk.json"),
      "ops/queue.jsonl":
        (await h.sandbox.repo.git.readFile("autopilot/state", "ops/queue.jsonl"))?.content.toString("utf8") ?? "",
    });
    const run = await runCli(["progress", "--write", "--repo-url", web, "--now", `${at?.[1]}T${at?.[2]}:00Z`], dir);
    expect(run.stderr).toBe("");
    expect(readFileSync(join(dir, "docs/OUTLINE.md"), "utf8")).toBe(outline);
    expect(readFileSync(join(dir, "docs/PROGRESS.md"), "utf8")).toBe(progress);
  });

  it("asks the owner about a spec naming a work item the plan does not have, and starts nothing", async () => {
    const issue = await open(h.user, "Ship the moon", "src/moon/**", "9.9");
    await label(issue);
    const asked = (await commentBodies(h, issue)).join("\n");
    expect(asked).toContain("no work item `9.9` in `ops/por.json`; the plan has `1.1`, `2.1`, `2.2`");
    expect(await labelNames(h, issue)).toContain("autopilot:needs-owner");
    expect((await h.user.rest.pulls.list({ ...repo, state: "open" })).data).toEqual([]);
    expect((await queueEntryOf(h, `T-${issue}`))?.status).toBe("needs_owner");
  });
});

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getEntry, parseQueue } from "../../src/core/queue/index.js";
import { parseTaskFile } from "../../src/core/task/index.js";
import { countCallsPerFlow } from "../../bench/app-calls.js";
import { octokitPort } from "../../src/github/index.js";
import { configOf } from "../../src/handlers/config-of.js";
import { dispatchIssue } from "../../src/handlers/dispatch/dispatch-issue.js";
import type { RepoContext } from "../../src/handlers/repo-context.js";
import { testServices } from "../helpers/test-services.js";
import {
  installationClient,
  installationContext,
  startAppHarness,
  sweepAfterRestart,
  taskSpec,
  type AppHarness,
} from "./app-harness.js";

/**
 * Dispatch as a maintainer sees it, with Autopilot running against the sandbox: label an issue,
 * get a branch, a task file, a draft PR, labels, a queue commit and an agent dispatch. Each test
 * starts on a fresh sandbox and sets up what it needs, so they pass in any order.
 */
describe("dispatch from a labeled issue", () => {
  let h: AppHarness;
  const repo = { owner: "acme", repo: "widgets" };

  beforeEach(async () => {
    h = await startAppHarness();
  });
  afterEach(() => h.close());

  /** Opens an issue and labels it `autopilot`, as a maintainer does; returns its number once settled. */
  const labeledIssue = async (title: string, body: string): Promise<number> => {
    const number = (await h.user.rest.issues.create({ ...repo, title, body })).data.number;
    await h.user.rest.issues.addLabels({ ...repo, issue_number: number, labels: ["autopilot"] });
    await h.settle();
    return number;
  };

  const queueOnState = async () => {
    const text = await h.sandbox.repo.git.readFile("autopilot/state", "ops/queue.jsonl");
    return parseQueue(text?.content.toString("utf8") ?? "").doc;
  };
  const labelsOf = async (number: number) =>
    (await h.user.rest.issues.listLabelsOnIssue({ ...repo, issue_number: number })).data
      .map((label) => label.name)
      .sort();
  const commitsOnMain = async () =>
    (await h.user.rest.repos.listCommits({ ...repo, sha: "main", per_page: 100 })).data.length;

  it("turns a labeled issue with a complete spec into a branch, a task file, a draft PR and a dispatched agent", async () => {
    const first = await labeledIssue("Paginate widget lists", taskSpec("src/widgets/**"));

    const branch = `autopilot/T-${first}-paginate-widget-lists`;
    const taskFile = await h.sandbox.repo.git.readFile(branch, `ops/tasks/T-${first}.md`);
    const parsed = parseTaskFile(taskFile?.content.toString("utf8") ?? "");
    expect(parsed.ok && parsed.frontMatter).toMatchObject({
      id: `T-${first}`,
      scope: ["src/widgets/**"],
      risk: "medium",
      branch,
    });

    const pulls = (await h.user.rest.pulls.list({ ...repo, state: "all" })).data;
    expect(pulls).toHaveLength(1);
    const pull = pulls[0]!;
    const pullNumber = pull.number;
    expect(pull).toMatchObject({
      title: `[T-${first}] Paginate widget lists`,
      draft: true,
      head: { ref: branch },
      base: { ref: "main" },
    });
    expect(pull.body).toMatch(new RegExp(`^Closes #${first}`));
    expect(await labelsOf(first)).toEqual(["autopilot", "autopilot:in-progress", "risk:medium"]);
    expect(await labelsOf(pullNumber)).toEqual(["autopilot:in-progress", "risk:medium"]);
    const label = (await h.user.rest.issues.getLabel({ ...repo, name: "autopilot:in-progress" })).data;
    expect(label.description).toMatch(/\S/);

    const entry = getEntry(await queueOnState(), `T-${first}`);
    expect(entry).toMatchObject({
      status: "in_progress",
      branch,
      pr: pullNumber,
      scope: ["src/widgets/**"],
      risk: "medium",
    });
    expect(entry?.dispatched_at).toEqual(expect.any(String));
    // the queue moves are commits on the app's state branch; main is left as the team had it
    const state = (await h.user.rest.repos.listCommits({ ...repo, sha: "autopilot/state", per_page: 5 })).data.map(
      (commit) => commit.commit.message,
    );
    // the run GitHub created for the dispatch is recorded after the start (issue 17)
    expect(state[0]).toMatch(new RegExp(`^autopilot: T-${first} in_progress: agent run \\d+\\n\\nTask: T-${first}`));
    expect(state[1]).toMatch(
      new RegExp(`^autopilot: T-${first} in_progress: pr #${pullNumber}, agent started\\n\\nTask: T-${first}`),
    );
    expect(state[2]).toMatch(new RegExp(`^autopilot: T-${first} \\(new\\) → in_progress\\n\\nTask: T-${first}`));
    expect(state[3]).toMatch(/^autopilot: state branch autopilot\/state\n/);
    expect(state).toHaveLength(4);
    const main = (await h.user.rest.repos.listCommits({ ...repo, sha: "main", per_page: 5 })).data;
    expect(main.map((commit) => commit.commit.message)).not.toContainEqual(expect.stringMatching(/^autopilot:/));

    expect(
      h.sandbox.repo.workflowDispatches.map(({ workflowId, ref, inputs }) => ({ workflowId, ref, inputs })),
    ).toEqual([
      {
        workflowId: "agent.yml",
        ref: "main",
        inputs: { task: `T-${first}`, branch, brief: `ops/tasks/T-${first}.md` },
      },
    ]);
  });

  it("does nothing more when the labeled webhook is redelivered five times", async () => {
    const first = await labeledIssue("Paginate widget lists", taskSpec("src/widgets/**"));
    const before = {
      commits: await commitsOnMain(),
      comments: (await h.user.rest.issues.listComments({ ...repo, issue_number: first })).data.length,
    };
    const labeled = h.sandbox.deliveries
      .list({ per_page: 100 })
      .deliveries.find((delivery) => delivery.event === "issues" && delivery.action === "labeled");
    for (let i = 0; i < 5; i += 1) await h.sandbox.deliveries.redeliver(labeled!.id);
    await h.settle();
    expect(await commitsOnMain()).toBe(before.commits);
    expect((await h.user.rest.issues.listComments({ ...repo, issue_number: first })).data).toHaveLength(
      before.comments,
    );
    expect((await h.user.rest.pulls.list({ ...repo, state: "all" })).data).toHaveLength(1);
    expect(h.sandbox.repo.workflowDispatches).toHaveLength(1);
  });

  it("creates the branch, the task file and the draft PR without looking for them first", async () => {
    // the repository's first task also sets it up (state branch, labels): the second one is measured
    await labeledIssue("Paginate widget lists", taskSpec("src/widgets/**"));
    const flows = countCallsPerFlow(h.autopilot.work, h.sandbox);
    const issue = await labeledIssue("Sort gadget lists", taskSpec("src/gadgets/**"));
    const calls = flows.take();
    flows.stop();
    // a task not started before has no branch, no task file and no PR: each is created straight away,
    // the three in one request (GraphQL createRef, createCommitOnBranch, createPullRequest)
    const dispatch = calls["label or command"]?.by_operation ?? {};
    expect(dispatch["git/get-ref"]).toBeUndefined();
    expect(dispatch["repos/get-content"]).toBeUndefined();
    expect(dispatch["pulls/list"]).toBeUndefined();
    expect(dispatch["git/create-ref"]).toBeUndefined();
    expect(dispatch["pulls/create"]).toBeUndefined();
    // the lock commit, the start, the labels with the PR-number commit in their request, the agent's run recorded
    expect(dispatch.graphql).toBe(4);
    // the draft's first head is the app's own task file: judged when the agent pushes (or the draft is marked ready)
    expect(calls.gates?.calls ?? 0).toBe(0);
    const pull = (await h.user.rest.pulls.list({ ...repo, state: "all" })).data.find((item) =>
      item.title.startsWith(`[T-${issue}]`),
    );
    expect((await h.user.rest.checks.listForRef({ ...repo, ref: pull!.head.sha })).data.check_runs).toEqual([]);
  });

  it("takes the branch and the PR a start cut off before recording the PR left behind, as GitHub's refusals say", async () => {
    const issue = await labeledIssue("Paginate widget lists", taskSpec("src/widgets/**"));
    const [opened] = (await h.user.rest.pulls.list({ ...repo, state: "all" })).data;
    // the queue as a start cut off after opening the PR left it: no PR recorded (straight to git, no webhook)
    const git = h.sandbox.repo.git;
    const stateHead = (await git.getRef("refs/heads/autopilot/state"))!;
    const text = (await git.readFile("autopilot/state", "ops/queue.jsonl"))!.content.toString("utf8");
    const unrecorded = text
      .split("\n")
      .map((line) => (line.includes(`"T-${issue}"`) ? JSON.stringify({ ...JSON.parse(line), pr: null }) : line))
      .join("\n");
    const tree = await git.createTree(
      [{ path: "ops/queue.jsonl", mode: "100644", type: "blob", content: unrecorded }],
      (await git.getCommit(stateHead))!.tree,
    );
    const cut = await git.createCommit({ message: "cut off", tree: tree.sha, parents: [stateHead] });
    await git.updateRef("refs/heads/autopilot/state", cut.sha);
    expect(getEntry(await queueOnState(), `T-${issue}`)?.pr).toBeNull();

    const branchHead = await git.getRef(`refs/heads/${opened!.head.ref}`);
    const mark = h.sandbox.requests().length;
    await sweepAfterRestart(h);
    const sent = h.sandbox.requests().slice(mark);
    // the start is sent again as one GraphQL request: GitHub refuses the branch (it exists), the
    // commit (the branch is not at main's head) and the PR (one is open) in its answer, each on its own
    expect(sent.filter((request) => request.status === 422)).toEqual([]);
    expect(sent.map((request) => request.operationId)).not.toContain("git/create-ref");
    expect(sent.map((request) => request.operationId)).not.toContain("pulls/create");
    // the task file found as the plan has it: no second commit on the branch
    expect(await git.getRef(`refs/heads/${opened!.head.ref}`)).toBe(branchHead);
    const pulls = (await h.user.rest.pulls.list({ ...repo, state: "all" })).data;
    expect(pulls.map((pull) => pull.number)).toEqual([opened!.number]);
    expect(getEntry(await queueOnState(), `T-${issue}`)).toMatchObject({ status: "in_progress", pr: opened!.number });
    expect(h.sandbox.repo.workflowDispatches).toHaveLength(1);
  });

  it("two replicas starting one task at the same moment, each in one request, leave one branch, one task file commit, one PR", async () => {
    // the repository's first task sets it up (state branch, labels)
    await labeledIssue("Paginate widget lists", taskSpec("src/widgets/**"));
    const repositoryId = (await h.user.rest.repos.get(repo)).data.node_id;
    const login = h.sandbox.state.appBot().login;
    // two replicas of the app (each its own client and memory), both knowing the repository's id from a webhook
    const replicas = [0, 1].map((): RepoContext => {
      const services = testServices();
      services.knownCommits.setRepositoryId("acme/widgets", repositoryId);
      // a context as the harness's helper builds it, with this replica's memory behind its port
      const ctx = installationContext(h.sandbox, services);
      return { ...ctx, github: octokitPort(installationClient(h.sandbox), repo, services) };
    });
    const issue = (
      await h.user.rest.issues.create({ ...repo, title: "Sort gadget lists", body: taskSpec("src/gadgets/**") })
    ).data.number;
    await h.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
    const mark = h.sandbox.requests().length;
    // the label's webhook reaches the harness's instance; both replicas reconcile the issue at once
    await Promise.all(
      replicas.map(async (ctx) => {
        const loaded = await configOf(ctx);
        if (!loaded.ok) throw new Error("the configuration did not load");
        await dispatchIssue({ ...ctx, config: loaded.config }, issue, { login });
      }),
    );
    await h.settle();
    const sent = h.sandbox.requests().slice(mark);
    expect(sent.map((request) => request.operationId)).not.toContain("git/create-ref");

    const branch = `autopilot/T-${issue}-sort-gadget-lists`;
    const pulls = (await h.user.rest.pulls.list({ ...repo, state: "all" })).data.filter(
      (pull) => pull.head.ref === branch,
    );
    expect(pulls).toHaveLength(1);
    const compared = (await h.user.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `main...${branch}` }))
      .data;
    expect(compared.commits.map((commit) => commit.commit.message)).toEqual([
      `autopilot: T-${issue} task file\n\nTask: T-${issue}\n`,
    ]);
    expect(getEntry(await queueOnState(), `T-${issue}`)).toMatchObject({ status: "in_progress", pr: pulls[0]!.number });
  });

  it("asks the owner about an incomplete spec once, and dispatches when the owner completes it", async () => {
    const issue = (
      await h.user.rest.issues.create({ ...repo, title: "Document the API", body: "Please write the docs." })
    ).data.number;
    await h.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
    await h.settle();
    const comments = (await h.user.rest.issues.listComments({ ...repo, issue_number: issue })).data;
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain("Autopilot needs");
    expect(comments[0]?.user?.login).toBe("autopilot[bot]");
    expect(await labelsOf(issue)).toEqual(["autopilot", "autopilot:needs-owner"]);
    expect(getEntry(await queueOnState(), `T-${issue}`)).toMatchObject({ status: "needs_owner", scope: [] });

    await h.user.rest.issues.update({ ...repo, issue_number: issue, body: taskSpec("docs/**") });
    await h.settle();
    expect(getEntry(await queueOnState(), `T-${issue}`)).toMatchObject({ status: "in_progress", scope: ["docs/**"] });
    expect(await labelsOf(issue)).toEqual(["autopilot", "autopilot:in-progress", "risk:medium"]);
    expect((await h.user.rest.issues.listComments({ ...repo, issue_number: issue })).data).toHaveLength(1);
  });

  it("blocks a task whose scope overlaps one in progress, naming it", async () => {
    const first = await labeledIssue("Paginate widget lists", taskSpec("src/widgets/**"));
    const issue = await labeledIssue("Widget cursors", taskSpec("src/widgets/cursor.ts"));
    expect(getEntry(await queueOnState(), `T-${issue}`)).toMatchObject({ status: "blocked" });
    expect(await labelsOf(issue)).toEqual(["autopilot", "autopilot:blocked", "risk:medium"]);
    const comments = (await h.user.rest.issues.listComments({ ...repo, issue_number: issue })).data;
    expect(comments.map((comment) => comment.body)).toEqual([expect.stringContaining(`**T-${first}** holds`)]);
    expect(h.sandbox.repo.workflowDispatches).toHaveLength(1); // the first task's agent only
  });

  it("with an invalid configuration, reports autopilot/config and comments, and does nothing else", async () => {
    const current = (await h.user.rest.repos.getContent({ ...repo, path: ".github/autopilot.yml" })).data as {
      sha: string;
    };
    await h.user.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: ".github/autopilot.yml",
      message: "Break the config",
      sha: current.sha,
      content: Buffer.from("defaults:\n  risk: extreme\nunknown_key: 1\n").toString("base64"),
    });
    const commits = await commitsOnMain();
    const issue = (await h.user.rest.issues.create({ ...repo, title: "Anything", body: taskSpec("lib/**") })).data
      .number;
    await h.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
    await h.settle();

    const runs = (await h.user.rest.checks.listForRef({ ...repo, ref: "main", check_name: "autopilot/config" })).data
      .check_runs;
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      conclusion: "failure",
      output: { title: ".github/autopilot.yml is invalid: 2 problems" },
    });
    expect(runs[0]?.output.summary).toContain("unknown_key");
    const comments = (await h.user.rest.issues.listComments({ ...repo, issue_number: issue })).data;
    expect(comments.map((comment) => comment.body)).toEqual([expect.stringContaining("`autopilot/config`")]);
    expect(await commitsOnMain()).toBe(commits);
    expect(await labelsOf(issue)).toEqual(["autopilot"]);
  });
});

describe("state labels moved by hand", () => {
  let h: AppHarness;
  const repo = { owner: "acme", repo: "widgets" };
  beforeAll(async () => {
    h = await startAppHarness();
  });
  afterAll(() => h.close());

  const statusOf = async (taskId: string) => {
    const text = await h.sandbox.repo.git.readFile("autopilot/state", "ops/queue.jsonl");
    return getEntry(parseQueue(text?.content.toString("utf8") ?? "").doc, taskId)?.status;
  };
  const labelsOf = async (number: number) =>
    (await h.user.rest.issues.listLabelsOnIssue({ ...repo, issue_number: number })).data
      .map((label) => label.name)
      .sort();

  it("applies an allowed move to the queue, and undoes a refused one with a comment saying why", async () => {
    const issue = (
      await h.user.rest.issues.create({ ...repo, title: "Paginate widget lists", body: taskSpec("src/widgets/**") })
    ).data.number;
    await h.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
    await h.settle();

    await h.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot:blocked"] });
    await h.settle();
    expect(await statusOf(`T-${issue}`)).toBe("blocked");
    expect(await labelsOf(issue)).toEqual(["autopilot", "autopilot:blocked", "risk:medium"]);

    await h.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot:done"] });
    await h.settle();
    expect(await statusOf(`T-${issue}`)).toBe("blocked");
    expect(await labelsOf(issue)).toEqual(["autopilot", "autopilot:blocked", "risk:medium"]);
    const comments = (await h.user.rest.issues.listComments({ ...repo, issue_number: issue })).data.map(
      (comment) => comment.body,
    );
    expect(comments).toEqual([
      expect.stringMatching(/@octocat, T-\d+ cannot move to `done` by label: `done` is recorded by the merge/),
    ]);

    // the PR mirrors the move made on the issue, and a state label on the PR is a command too
    const pull = (await h.user.rest.pulls.list({ ...repo })).data[0]!;
    expect(await labelsOf(pull.number)).toEqual(["autopilot:blocked", "risk:medium"]);
    await h.user.rest.issues.addLabels({ ...repo, issue_number: pull.number, labels: ["autopilot:in-progress"] });
    await h.settle();
    expect(await statusOf(`T-${issue}`)).toBe("in_progress");
    expect(await labelsOf(pull.number)).toEqual(["autopilot:in-progress", "risk:medium"]);
    expect(await labelsOf(issue)).toEqual(["autopilot", "autopilot:in-progress", "risk:medium"]);
  });
});

describe("dispatch by mention", () => {
  let h: AppHarness;
  const repo = { owner: "acme", repo: "widgets" };
  beforeAll(async () => {
    h = await startAppHarness();
    const current = (await h.user.rest.repos.getContent({ ...repo, path: ".github/autopilot.yml" })).data as {
      sha: string;
    };
    await h.user.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: ".github/autopilot.yml",
      message: "Dispatch by mention",
      sha: current.sha,
      // not @copilot: Copilot's coding agent ignores an app's mention, so readiness holds its tasks (doctor fails it too)
      content: Buffer.from('dispatch:\n  target: mention\n  handle: "@coder"\n').toString("base64"),
    });
    await h.settle();
  });
  afterAll(() => h.close());

  it("mentions the agent once in the draft PR with its brief, and starts no workflow", async () => {
    const issue = (
      await h.user.rest.issues.create({ ...repo, title: "Paginate widget lists", body: taskSpec("src/widgets/**") })
    ).data.number;
    await h.user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
    await h.settle();
    await h.user.rest.issues.update({ ...repo, issue_number: issue, body: `${taskSpec("src/widgets/**")}\n\nThanks!` });
    await h.settle();
    const pull = (await h.user.rest.pulls.list({ ...repo })).data[0]!;
    const comments = (await h.user.rest.issues.listComments({ ...repo, issue_number: pull.number })).data.map(
      (comment) => comment.body ?? "",
    );
    expect(comments).toHaveLength(1);
    expect(comments[0]).toContain(`@coder please work on **T-${issue}: Paginate widget lists**`);
    expect(comments[0]).toContain(`ops/tasks/T-${issue}.md`);
    expect(h.sandbox.repo.workflowDispatches).toEqual([]);
  });
});

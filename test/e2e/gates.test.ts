import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testServices } from "../helpers/test-services.js";
import { countCallsPerFlow } from "../../bench/app-calls.js";
import { loadRepoConfig, octokitPort } from "../../src/github/index.js";
import { runPullGates } from "../../src/handlers/gates/run-pull-gates.js";
import { fakeGithubToken } from "../helpers/fake-credentials.js";
import { markReady, pushCommit, startAppHarness, startTask, type AppHarness } from "./app-harness.js";

const repo = { owner: "acme", repo: "widgets" };

/**
 * The gates as an agent's pushes meet them, Autopilot running against the sandbox: a change
 * outside the task's scope, a change with a credential, a correct change; a plain push; a PR that
 * is not a task.
 */
describe("gates as check runs", () => {
  let h: AppHarness;
  const credential = fakeGithubToken();

  const checks = async (sha: string) => {
    const runs = (await h.user.rest.checks.listForRef({ ...repo, ref: sha })).data.check_runs;
    return Object.fromEntries(runs.map((run) => [run.name, run]));
  };
  const annotations = async (id: number) =>
    (await h.user.rest.checks.listAnnotations({ ...repo, check_run_id: id })).data;
  /**
   * Each test gates its own task, on its own folder (tasks in progress must not overlap), so no
   * test sees what another pushed and any order gives the same results.
   */
  let tasks = 0;
  const ownTask = async () => {
    tasks += 1;
    const folder = `src/widgets-${tasks}`;
    const started = await startTask(h, `Paginate widget lists ${tasks}`, `${folder}/**`);
    return { ...started, folder, id: `T-${started.issue}` };
  };
  /** A task whose head the gates judged green, for the tests that look at how they judged it. */
  const judgedTask = async () => {
    const task = await ownTask();
    const sha = await pushCommit(h.user, task.branch, `Page widget lists by 50\n\nTask: ${task.id}\nRefs: NT-0012\n`, {
      [`${task.folder}/list-widgets.ts`]: "export const pageSize = 50;\n",
    });
    await h.settle();
    return { ...task, sha };
  };

  beforeAll(async () => {
    h = await startAppHarness();
  });
  afterAll(() => h.close());

  it("fails autopilot/scope with an annotation on a file outside the task's scope", async () => {
    const { branch, id } = await ownTask();
    const sha = await pushCommit(h.user, branch, `Touch the docs\n\nTask: ${id}\nRefs: NT-0012\n`, {
      "docs/notes.md": "# notes\n",
    });
    await h.settle();
    const runs = await checks(sha);
    expect(Object.keys(runs).sort()).toEqual(["autopilot/concordance", "autopilot/scope", "autopilot/secrets"]);
    expect(runs["autopilot/scope"]).toMatchObject({ status: "completed", conclusion: "failure" });
    const notes = await annotations(runs["autopilot/scope"]!.id);
    expect(notes).toEqual([expect.objectContaining({ path: "docs/notes.md", annotation_level: "failure" })]);
    expect(runs["autopilot/secrets"]).toMatchObject({ conclusion: "success" });
  });

  it("fails autopilot/secrets on a credential, and never shows the credential", async () => {
    const { branch, id, folder } = await ownTask();
    const sha = await pushCommit(h.user, branch, `Configure the client\n\nTask: ${id}\n`, {
      [`${folder}/client.ts`]: `export const token = "${credential}";\n`,
    });
    await h.settle();
    const runs = await checks(sha);
    expect(runs["autopilot/secrets"]).toMatchObject({ conclusion: "failure" });
    expect(runs["autopilot/scope"]).toMatchObject({ conclusion: "success" });
    const found = await annotations(runs["autopilot/secrets"]!.id);
    expect(found).toEqual([
      expect.objectContaining({ path: `${folder}/client.ts`, start_line: 1, annotation_level: "failure" }),
    ]);
    expect(JSON.stringify([runs, found])).not.toContain(credential);
    expect(found[0]?.message).toMatch(/rotate/i);
  });

  it("passes all three gates on a correct change with trailers", async () => {
    const { sha } = await judgedTask();
    const runs = await checks(sha);
    expect(Object.fromEntries(Object.entries(runs).map(([name, run]) => [name, run.conclusion]))).toEqual({
      "autopilot/scope": "success",
      "autopilot/concordance": "success",
      "autopilot/secrets": "success",
    });
  });

  it("judges each head once, whichever of GitHub's events for it arrive", async () => {
    const { sha: head } = await judgedTask();
    const runs = (await h.user.rest.checks.listForRef({ ...repo, ref: head, filter: "all" })).data.check_runs;
    expect(runs).toHaveLength(3);
  });

  /** The check_run webhooks GitHub sent for `name` on `sha`: action and status, oldest first. */
  const runEvents = (sha: string, name: string) =>
    h.sandbox.deliveries
      .list({ per_page: 100 })
      .deliveries.filter((delivery) => delivery.event === "check_run")
      .reverse()
      .map(
        (delivery) =>
          h.sandbox.deliveries.get(delivery.id)?.request.payload as {
            action: string;
            check_run: { name: string; head_sha: string; status: string };
          },
      )
      .filter((payload) => payload.check_run.head_sha === sha && payload.check_run.name === name)
      .map((payload) => [payload.action, payload.check_run.status]);

  const silent = {
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
    debug: () => undefined,
    child: () => silent,
  };
  /** The gates run by hand on one head of a task PR, as the app (a job would run them so). */
  const gateByHand = async (
    pull: { number: number },
    branch: string,
    headSha: string,
    options: { showRunningAfterMs?: number } = {},
  ) => {
    const octokit = h.asApp();
    const loaded = await loadRepoConfig(octokit, { ...repo });
    if (!loaded.ok) throw new Error("the seeded config is valid");
    const ctx = {
      github: octokitPort(octokit, repo),
      ...repo,
      defaultBranch: "main",
      delivery: null,
      log: silent as never,
      config: loaded.config,
      services: testServices(),
    };
    return runPullGates(
      ctx,
      { number: pull.number, headSha, headRef: branch, baseRef: "main", fromFork: false },
      undefined,
      options,
    );
  };

  it("creates each gate's run completed, in one request, when the change is read at once", async () => {
    const { sha: head } = await judgedTask();
    // GitHub announces a run created completed twice: created, then completed (which the review and merge wait for)
    expect(runEvents(head, "autopilot/scope")).toEqual([
      ["created", "completed"],
      ["completed", "completed"],
    ]);
  });

  it("shows each gate in progress first when the change takes a while to read", async () => {
    const { branch, pull, sha: head } = await judgedTask();
    await gateByHand(pull, branch, head, { showRunningAfterMs: 0 });
    await h.settle();
    expect(runEvents(head, "autopilot/scope")).toEqual([
      ["created", "completed"],
      ["completed", "completed"],
      ["created", "in_progress"],
      ["completed", "completed"],
    ]);
    const runs = (await h.user.rest.checks.listForRef({ ...repo, ref: head, filter: "latest" })).data.check_runs;
    expect(runs.map((run) => [run.name, run.status, run.conclusion]).sort()).toEqual([
      ["autopilot/concordance", "completed", "success"],
      ["autopilot/scope", "completed", "success"],
      ["autopilot/secrets", "completed", "success"],
    ]);
  });

  it("leaves the draft's first head, the app's own task file, to the agent's push; marking it ready judges it", async () => {
    const { pull } = await ownTask();
    const head = pull.head.sha;
    expect(await checks(head)).toEqual({});
    await markReady(h, pull.node_id);
    expect(
      Object.values(await checks(head))
        .map((run) => [run.name, run.status])
        .sort(),
    ).toEqual([
      ["autopilot/concordance", "completed"],
      ["autopilot/scope", "completed"],
      ["autopilot/secrets", "completed"],
    ]);
  });

  it("runs the gates again when a run is re-requested", async () => {
    const { sha: head } = await judgedTask();
    const scope = (await h.user.rest.checks.listForRef({ ...repo, ref: head, check_name: "autopilot/scope" })).data
      .check_runs[0]!;
    // GitHub's "Re-run" button asks as the app: rerequesting is an app's call
    const app = h.asApp();
    await app.rest.checks.rerequestRun({ ...repo, check_run_id: scope.id });
    await h.settle();
    const runs = (await h.user.rest.checks.listForRef({ ...repo, ref: head, filter: "all" })).data.check_runs;
    expect(runs.filter((run) => run.name === "autopilot/scope")).toHaveLength(2);
    expect(runs.every((run) => run.status === "completed")).toBe(true);
  });

  it("reports on the head it read, even when a newer one was pushed meanwhile", async () => {
    const { branch, id, pull } = await judgedTask();
    const git = h.sandbox.repo.git;
    const older = (await git.getRef(`refs/heads/${branch}`))!;
    const parent = (await git.getCommit(older))!;
    const tree = await git.createTree(
      [{ path: "docs/later.md", mode: "100644", type: "blob", content: "# later\n" }],
      parent.tree,
    );
    const newer = await git.createCommit({ message: `Later\n\nTask: ${id}\n`, tree: tree.sha, parents: [older] });
    // straight to git: no webhook, as if it were still in flight; GitHub's pull request already shows the new head
    await git.updateRef(`refs/heads/${branch}`, newer.sha);
    h.sandbox.repo.issues.get(pull.number)!.pull!.head.sha = newer.sha;
    const before = (await h.user.rest.checks.listForRef({ ...repo, ref: older, filter: "all" })).data.check_runs.length;
    const results = await gateByHand(pull, branch, older);
    // the older head's change (in scope) is what was judged, and its runs say so; the newer head's
    // change (out of scope) was neither read nor reported on: its own event gates it
    expect(results?.map((result) => [result.name, result.conclusion]).sort()).toEqual([
      ["autopilot/concordance", "success"],
      ["autopilot/scope", "success"],
      ["autopilot/secrets", "success"],
    ]);
    const runs = (await h.user.rest.checks.listForRef({ ...repo, ref: older, filter: "all" })).data.check_runs;
    expect(runs).toHaveLength(before + 3);
    expect((await h.user.rest.checks.listForRef({ ...repo, ref: newer.sha, filter: "all" })).data.check_runs).toEqual(
      [],
    );
  });

  it("scans a plain push, fails the check on its head and tells the pusher to rotate", async () => {
    const main = (await h.user.rest.git.getRef({ ...repo, ref: "heads/main" })).data.object.sha;
    await h.user.rest.git.createRef({ ...repo, ref: "refs/heads/spike", sha: main });
    const sha = await pushCommit(h.user, "spike", "Try the API", { "spike.ts": `const key = "${credential}";\n` });
    await h.settle();
    expect(await checks(sha)).toEqual({ "autopilot/secrets": expect.objectContaining({ conclusion: "failure" }) });
    const issues = (await h.user.rest.issues.listForRepo({ ...repo, creator: "autopilot[bot]", state: "open" })).data;
    const warning = issues.find((issue) => issue.title.startsWith("A credential was pushed to spike"));
    expect(warning?.body).toContain("@octocat");
    expect(warning?.body).toContain("`spike.ts` line 1");
    expect(warning?.body).toMatch(/Rotate the credential/);
    expect(warning?.body).not.toContain(credential);
  });

  it("runs only the secret gate on a pull request that is not a task", async () => {
    const main = (await h.user.rest.git.getRef({ ...repo, ref: "heads/main" })).data.object.sha;
    await h.user.rest.git.createRef({ ...repo, ref: "refs/heads/fix-typo", sha: main });
    const sha = await pushCommit(h.user, "fix-typo", "Fix a typo", { "README.md": "# widgets!\n" });
    await h.user.rest.pulls.create({ ...repo, head: "fix-typo", base: "main", title: "Fix a typo" });
    await h.settle();
    expect(await checks(sha)).toEqual({ "autopilot/secrets": expect.objectContaining({ conclusion: "success" }) });
  });
});

/**
 * The call budget of one push, with one task in progress. (With another task in progress the gates
 * also read the base's file tree, to tell whether the tasks' scopes overlap: one call more.)
 */
describe("the gates' GitHub calls", () => {
  let h: AppHarness;
  let flows: ReturnType<typeof countCallsPerFlow>;
  const checks = async (sha: string) => {
    const runs = (await h.user.rest.checks.listForRef({ ...repo, ref: sha })).data.check_runs;
    return Object.fromEntries(runs.map((run) => [run.name, run]));
  };
  beforeAll(async () => {
    h = await startAppHarness();
    flows = countCallsPerFlow(h.autopilot.work, h.sandbox);
  });
  afterAll(() => h.close());

  it("gates a small push to a task PR with at most 3 calls to GitHub, REST and GraphQL together, when it is the only task", async () => {
    const { branch, issue } = await startTask(h, "Paginate widget lists", "src/widgets/**");
    const id = `T-${issue}`;
    const folder = "src/widgets";
    await pushCommit(h.user, branch, `Page widget lists by 50\n\nTask: ${id}\nRefs: NT-0012\n`, {
      [`${folder}/list-widgets.ts`]: "export const pageSize = 50;\n",
    });
    await h.settle();
    flows.take();
    const sha = await pushCommit(h.user, branch, `Document the page size\n\nTask: ${id}\nRefs: NT-0012\n`, {
      [`${folder}/page-size.md`]: "50 per page\n",
    });
    await h.settle();
    const { gates } = flows.take();
    // read config, task file, queue, indices and the head's runs; compare; create the runs completed
    expect(gates?.by_operation).toEqual({ graphql: 2, "repos/compare-commits-with-basehead": 1 });
    expect(gates?.calls).toBeLessThanOrEqual(3);
    expect(
      Object.values(await checks(sha))
        .map((run) => [run.name, run.status, run.conclusion])
        .sort(),
    ).toEqual([
      ["autopilot/concordance", "completed", "success"],
      ["autopilot/scope", "completed", "success"],
      ["autopilot/secrets", "completed", "success"],
    ]);
  });

  it("asks GitHub nothing when a head it judged is marked ready", async () => {
    const { branch, issue, pull } = await startTask(h, "Sort widget lists", "src/sorting/**");
    const sha = await pushCommit(h.user, branch, `Sort widget lists\n\nTask: T-${issue}\nRefs: NT-0012\n`, {
      "src/sorting/sort-widgets.ts": "export const order = 'name';\n",
    });
    await h.settle();
    expect(Object.keys(await checks(sha))).toHaveLength(3);
    flows.take();
    await markReady(h, pull.node_id);
    expect(flows.take().gates?.calls ?? 0).toBe(0);
    const runs = (await h.user.rest.checks.listForRef({ ...repo, ref: sha, filter: "all" })).data.check_runs;
    expect(runs.filter((run) => run.name.startsWith("autopilot/") && run.name !== "autopilot/review")).toHaveLength(3);
  });
});

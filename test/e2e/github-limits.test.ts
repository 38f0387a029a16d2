import { ProbotOctokit } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { fakeGithubToken } from "../helpers/fake-credentials.js";
import { pushCommit, startAppHarness, startTask, taskSpec, type AppHarness } from "./app-harness.js";

const repo = { owner: "acme", repo: "widgets" };
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const filler = (count: number, from = 0): string =>
  Array.from({ length: count }, (_, i) => `export const widget${from + i} = ${from + i};`).join("\n") + "\n";

/**
 * What real GitHub leaves out, refuses or limits, met end to end by the app on the sandbox.
 */
describe("GitHub's limits, as the app meets them", () => {
  let h: AppHarness | undefined;
  afterEach(async () => h?.close());

  const checks = async (sha: string) => {
    const runs = (await h!.user.rest.checks.listForRef({ ...repo, ref: sha })).data.check_runs;
    return Object.fromEntries(runs.map((run) => [run.name, run]));
  };

  it("finds a credential hidden in a file whose diff GitHub does not send, and names its line", async () => {
    h = await startAppHarness();
    // the agent hides a credential in the middle of a change too large for GitHub to send a patch
    h.sandbox.state.setDiffLimits({ patchBytes: 4_000 });
    await pushCommit(h.user, "main", "Add the widget table", { "src/widgets/table.ts": filler(300) });
    const { branch } = await startTask(h, "Grow the widget table", "src/widgets/**");
    const credential = fakeGithubToken();
    const grown = `${filler(300)}${filler(150, 300)}export const token = "${credential}";\n${filler(150, 450)}`;
    const sha = await pushCommit(h.user, branch, "Grow the table\n\nTask: T-2\nRefs: NT-0012\n", {
      "src/widgets/table.ts": grown,
      "src/widgets/fresh.ts": `${filler(200)}const key = "${fakeGithubToken()}";\n`,
    });
    await h.settle();

    const files =
      (await h.user.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `main...${sha}` })).data.files ?? [];
    expect(
      files
        .filter((file) => file.patch === undefined)
        .map((file) => file.filename)
        .sort(),
    ).toEqual(["src/widgets/fresh.ts", "src/widgets/table.ts"]);
    const run = (await checks(sha))["autopilot/secrets"];
    expect(run).toMatchObject({
      conclusion: "failure",
      output: { title: expect.stringMatching(/^2 possible secrets found/) },
    });
    const found = (await h.user.rest.checks.listAnnotations({ ...repo, check_run_id: run!.id })).data;
    expect(found.map((annotation) => [annotation.path, annotation.start_line]).sort()).toEqual([
      ["src/widgets/fresh.ts", 201],
      ["src/widgets/table.ts", 451],
    ]);
    expect(JSON.stringify([run, found])).not.toContain(credential);
  });

  it("runs a task on a repository whose main holds workflows without the workflows permission; an agent app cannot slip one in", async () => {
    h = await startAppHarness();
    expect(await h.sandbox.repo.git.readFile("main", ".github/workflows/agent.yml")).toBeDefined();
    const { branch, pull } = await startTask(h, "Paginate widget lists", "src/widgets/**");
    // the coding agent pushes with its own GitHub App, granted contents but not workflows
    const permissions = { metadata: "read", contents: "write", pull_requests: "write" };
    const installation = h.sandbox.state.installOtherApp({
      id: 4343,
      slug: "widget-agent",
      name: "widget-agent",
      ownerLogin: "acme",
      permissions,
    });
    h.sandbox.auth.grantInstallation(installation.id, permissions);
    const token = h.sandbox.auth.createInstallationToken(installation.id).token;
    const agent = new ProbotOctokit({
      baseUrl: h.sandbox.apiUrl,
      auth: { token },
      log: silent,
      retry: { enabled: false },
      throttle: { enabled: false },
    });

    const before = pull.head.sha;
    const refused = await pushCommit(agent, branch, "Run my own CI\n\nTask: T-1\n", {
      ".github/workflows/agent.yml": "on: push\njobs: {}\n",
    }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 422, message: expect.stringContaining("without `workflows` permission") });
    expect((await h.user.rest.pulls.get({ ...repo, pull_number: pull.number })).data.head.sha).toBe(before);
    const sha = await pushCommit(agent, branch, "Page widget lists\n\nTask: T-1\nRefs: NT-0012\n", {
      "src/widgets/page.ts": "export const size = 50;\n",
    });
    await h.settle();
    expect((await checks(sha))["autopilot/scope"]).toMatchObject({ conclusion: "success" });

    // nothing the app itself did leaned on a leniency GitHub does not have
    const workflowRefusals = h.sandbox.requests().filter((request) => request.status === 403 || request.status === 422);
    expect(workflowRefusals.map((request) => [request.method, request.operationId])).toEqual([
      ["PATCH", "git/update-ref"],
    ]);
  });

  it("with Probot's throttling on, rides out 429s, a spent budget and GitHub's content-creation limit: a burst is retried after retry-after", async () => {
    h = await startAppHarness({ throttle: true });
    // the limit's clock stands still but for the app's waits: each refusal lets a minute pass (no test waits a minute)
    const started = Date.now();
    const refusals = () => h!.sandbox.requests().filter((request) => request.limited === "content_creation").length;
    h.sandbox.server.setContentCreationLimit({
      perMinute: 2,
      perHour: 500,
      retryAfterSeconds: 1,
      now: () => started + refusals() * 60_000,
    });
    h.sandbox.server.setFaults([
      // the task's start (branch, task file, draft PR in one GraphQL request) refused twice
      {
        match: { operationId: "graphql", graphqlField: "createPullRequest" },
        kind: "429",
        retryAfterSeconds: 1,
        times: 2,
      },
      // the hourly budget spent, resetting now: Probot waits until x-ratelimit-reset and retries
      {
        match: { operationId: "git/create-ref" },
        kind: "primary_rate_limit",
        status: 429,
        resetAfterSeconds: 0,
        times: 1,
      },
    ]);

    // one POST by the person (their own count), then everything the app creates for the task
    const issue = (
      await h.user.rest.issues.create({
        ...repo,
        title: "Paginate widget lists",
        body: taskSpec("src/widgets/**"),
        labels: ["autopilot"],
      })
    ).data;
    await h.settle();

    const pulls = (await h.user.rest.pulls.list({ ...repo, state: "open" })).data;
    expect(pulls.map((pull) => pull.title)).toEqual([expect.stringMatching(new RegExp(`^\\[T-${issue.number}\\]`))]);
    const labels = (await h.user.rest.issues.get({ ...repo, issue_number: issue.number })).data.labels.map((label) =>
      typeof label === "string" ? label : label.name,
    );
    expect(labels).toContain("autopilot:in-progress");
    const requests = h.sandbox.requests();
    // (a retry may also meet the content-creation limit: those are counted below)
    const statuses = (operationId: string) =>
      requests
        .filter((request) => request.operationId === operationId && request.limited === undefined)
        .map((request) => request.status);
    // the start's request refused twice, then sent again: GitHub ran none of a refused one
    const starts = requests.filter((request) => request.operationId === "graphql" && request.fault === "429");
    expect(starts.map((request) => request.status)).toEqual([429, 429]);
    // the one ref the app creates through REST is its state branch (refused once, then made)
    expect(statuses("git/create-ref")).toEqual([429, 201]);
    const limited = requests.filter((request) => request.limited === "content_creation");
    expect(limited.length).toBeGreaterThan(0);
    // every refused write went through on a retry: nothing the app meant to create is missing
    const failedWrites = requests.filter(
      (request) =>
        request.method === "POST" &&
        request.status >= 400 &&
        request.limited === undefined &&
        request.fault === undefined,
    );
    expect(failedWrites).toEqual([]);
  }, 180_000);
});

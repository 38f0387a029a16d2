import { ProbotOctokit } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Sandbox } from "@autopilot/github-sandbox";
import { taskSpec } from "../e2e/app-harness.js";
import {
  postDelivery,
  productionEnvOf,
  type ServerProcess,
  sourceEntry,
  startServerProcess,
  startupSweepDone,
} from "./server-process.js";

const repo = { owner: "acme", repo: "widgets" };
type Line = Record<string, unknown>;

/**
 * `npm start` with credentials, as a separate process against the sandbox (a local GitHub
 * Enterprise Server: GHE_HOST), stopped the way a container runtime stops it. One flow: an issue
 * is dispatched, SIGTERM arrives while the dispatch job waits on GitHub, the job still completes
 * and the process exits 0; its JSON log lines are read back for their fields.
 */
describe("npm start with credentials", () => {
  let sandbox: Sandbox;
  let server: ServerProcess;
  let user: InstanceType<typeof ProbotOctokit>;

  beforeAll(async () => {
    sandbox = await Sandbox.start();
    server = await startServerProcess({
      command: sourceEntry,
      env: productionEnvOf(sandbox),
    });
    sandbox.setWebhookUrl(`${server.url}/api/github/webhooks`);
    // the start-up sweep's last call on a settled repository: from here on, work comes from deliveries
    await startupSweepDone(server);
    user = new ProbotOctokit({
      baseUrl: sandbox.apiUrl,
      auth: { token: sandbox.userToken() },
      retry: { enabled: false },
      throttle: { enabled: false },
    });
  });
  afterAll(async () => {
    if (server.child.exitCode === null) server.child.kill("SIGKILL");
    await sandbox.stop();
  });

  it("answers /healthz and /metrics, refuses a forged delivery, takes a signed one, and on SIGTERM finishes the job in flight before exiting 0", async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok" });
    const metrics = await fetch(`${server.url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/process_cpu_seconds_total/);
    const body = JSON.stringify({ action: "opened", repository: { full_name: "acme/widgets" } });
    expect(await postDelivery(server, { event: "issues", id: "forged-1", body, secret: "not-the-secret" })).toBe(400);

    // the same process takes a signed delivery; SIGTERM ends it (hence one test: a second could not reorder around it)
    // the task's start (branch, task file and draft PR in one GraphQL request) is the dispatch
    // job's last write but one: GitHub holds its answer until the app has been told to stop
    const start = sandbox.server.holdRequests({ operationId: "graphql", graphqlField: "createPullRequest" });
    const issue = (
      await user.rest.issues.create({ ...repo, title: "Paginate widget lists", body: taskSpec("src/widgets/**") })
    ).data.number;
    await user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
    const branchCreated = await server.waitForLine(
      (line) => String(line.msg).includes(`POST ${sandbox.apiUrl}/api/v3/repos/acme/widgets/git/refs - 201`),
      "the state branch being created (the task branch comes in the start's GraphQL request)",
    );
    expect(branchCreated).toMatchObject({ event: "issues.labeled", task: `T-${issue}` });
    await start.reached;
    server.child.kill("SIGTERM");
    await server.waitForLine((line) => String(line.msg).startsWith("SIGTERM"), "the app told to stop");
    start.release();
    expect(await server.exit).toBe(0);

    const lines = server.lines();
    const signal = lines.findIndex((line) => String(line.msg).startsWith("SIGTERM"));
    const answeredAfter = lines
      .slice(signal + 1)
      .filter((line) => String(line.msg).includes(`POST ${sandbox.apiUrl}/api/graphql - 200`));
    expect(signal).toBeGreaterThan(-1);
    // drained: the job's writes (the start, then the labels) were answered after the signal, and the PR is there
    expect(answeredAfter.length).toBeGreaterThanOrEqual(1);
    const pulls = (await user.rest.pulls.list({ ...repo, state: "open" })).data;
    expect(pulls.map((pull) => pull.title)).toEqual([`[T-${issue}] Paginate widget lists`]);

    // every line of the job carries the delivery and the repository; the task once it is known
    // the owner's label: the first issues.labeled (the app's own state labels come after it)
    const labeled = sandbox.deliveries
      .list({ per_page: 100 })
      .deliveries.findLast((delivery) => delivery.event === "issues" && delivery.action === "labeled");
    const deliveryLines = lines.filter((line) => line.delivery === labeled?.guid);
    for (const line of deliveryLines) expect(line.repository).toBe("acme/widgets");
    // the dispatch job's lines (its own, Octokit's request lines, the queue's): thread, event, then task
    const jobLines = deliveryLines.filter((line) => line.event === "issues.labeled");
    expect(jobLines.length).toBeGreaterThan(10);
    for (const line of jobLines) expect(line.issue, JSON.stringify(line)).toBe(issue);
    const firstWithTask = jobLines.findIndex((line: Line) => line.task !== undefined);
    expect(firstWithTask).toBeGreaterThan(-1);
    for (const line of jobLines.slice(firstWithTask))
      expect(line, JSON.stringify(line)).toMatchObject({ task: `T-${issue}` });
    expect(answeredAfter[0]).toMatchObject({
      delivery: labeled?.guid,
      repository: "acme/widgets",
      task: `T-${issue}`,
    });
    // and no key twice on a line (pino writes duplicates verbatim; JSON.parse would hide them)
    for (const raw of server
      .stdout()
      .split("\n")
      .filter((line) => line.includes(`"delivery":"${labeled?.guid}"`))) {
      const topLevel = topLevelText(raw);
      expect(topLevel.match(/"delivery":/g)).toHaveLength(1);
      for (const key of ["repository", "task", "issue", "event"])
        expect((topLevel.match(new RegExp(`"${key}":`, "g")) ?? []).length).toBeLessThanOrEqual(1);
    }
  });
});

/** A JSON line with its nested objects emptied, so only its own keys are left to count. */
function topLevelText(raw: string): string {
  let text = raw.slice(1, -1);
  for (let previous = ""; previous !== text; ) {
    previous = text;
    text = text.replace(/\{[^{}]*\}/g, "{}");
  }
  return text;
}

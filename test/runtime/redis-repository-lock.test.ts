import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { ProbotOctokit } from "probot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Sandbox } from "@autopilot/github-sandbox";
import { taskSpec } from "../e2e/app-harness.js";
import { productionEnvOf, type ServerProcess, sourceEntry, startServerProcess } from "../deploy/server-process.js";
import { hasRedisServer, startRedisServer, type RedisServer } from "../helpers/redis-server.js";

/*
 * REDIS_URL: two replicas behind a load balancer both take deliveries for one repository (here a
 * relay hands every delivery to both, the worst case). Each replica serialises its own jobs; with
 * REDIS_URL they also take turns through a lock in Redis, so no job of `acme/widgets` in one
 * process ever runs while one runs in the other. Both run as `npm start` does, configured only by
 * environment, and log JSON; the jobs' start and end lines (pino `time`, ms) are read back.
 */
type Line = Record<string, unknown>;
const repo = { owner: "acme", repo: "widgets" };

/** Posts each delivery it receives to every target, as two replicas sharing the traffic could both see it. */
async function startRelay(targets: () => string[]): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const headers = forwarded(request.headers);
      const body = Buffer.concat(chunks);
      void Promise.all(
        targets().map((target) => fetch(target, { method: "POST", headers, body }).then((answer) => answer.status)),
      ).then(
        (statuses) => response.writeHead(statuses[0] ?? 502).end(),
        () => response.writeHead(502).end(),
      );
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

function forwarded(headers: IncomingHttpHeaders): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of [
    "content-type",
    "user-agent",
    "x-github-event",
    "x-github-delivery",
    "x-hub-signature-256",
    "x-github-hook-installation-target-id",
  ]) {
    const value = headers[name];
    if (typeof value === "string") kept[name] = value;
  }
  return kept;
}

interface JobSpan {
  pid: unknown;
  start: number;
  end: number;
}

/**
 * Each replica's jobs of acme/widgets, from its own start and end lines (one job at a time within a
 * replica). The lines are read in the order of their `time`, a start before an end of the same
 * millisecond: a replica's log lines can reach the pipe out of order (a job's end after the next
 * job's start and end, or before its own start), and each end is paired with the start of the same
 * delivery.
 */
const endRank = (line: Line): number => (line.msg === "work queue: job finished" ? 1 : 0);

function jobSpans(server: ServerProcess): JobSpan[] {
  const spans: JobSpan[] = [];
  const open = new Map<unknown, Line[]>();
  // the replica's last lines of the repository, named when a job's lines do not pair up
  const recent: Line[] = [];
  const lines = server
    .lines()
    .filter((line) => line.key === "acme/widgets")
    .map((line, index) => ({ line, index }))
    // within one millisecond a start goes before an end: a short job's two lines share their time,
    // and the pipe may hand over its end first
    .sort((a, b) => Number(a.line.time) - Number(b.line.time) || endRank(a.line) - endRank(b.line) || a.index - b.index)
    .map(({ line }) => line);
  for (const line of lines) {
    recent.push(line);
    if (recent.length > 6) recent.shift();
    const started = open.get(line.delivery) ?? [];
    if (line.msg === "work queue: job started") open.set(line.delivery, [...started, line]);
    if (line.msg === "work queue: job finished") {
      const start = started.shift();
      expect(start, `a job ended that had not started; the lines before: ${JSON.stringify(recent)}`).toBeDefined();
      spans.push({ pid: line.pid, start: Number(start!.time), end: Number(line.time) });
    }
  }
  return spans;
}

describe.skipIf(!hasRedisServer)("REDIS_URL: jobs of one repository never overlap across replicas", () => {
  let redis: RedisServer;
  let sandbox: Sandbox;
  let servers: ServerProcess[] = [];
  let relay: { url: string; close: () => Promise<void> } | undefined;

  beforeEach(async () => {
    redis = await startRedisServer();
    sandbox = await Sandbox.start();
  });
  afterEach(async () => {
    for (const server of servers) if (server.child.exitCode === null) server.child.kill("SIGKILL");
    servers = [];
    await relay?.close();
    await sandbox?.stop();
    await redis?.stop();
  });

  const replica = (redisUrl: string | undefined) =>
    startServerProcess({
      command: sourceEntry,
      env: productionEnvOf(sandbox, redisUrl === undefined ? {} : { REDIS_URL: redisUrl }),
    });

  it("two replicas take turns on acme/widgets: a dispatch handled by both, and their start-up sweeps", async () => {
    // every job reads the configuration first: slow answers make each job long enough to overlap without the lock
    sandbox.server.setFaults([
      { kind: "latency", ms: 150, match: { method: "GET", pathPrefix: "/repos/acme/widgets/contents" } },
    ]);
    const started = await Promise.allSettled([replica(redis.url), replica(redis.url)]);
    servers = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
    for (const result of started) if (result.status === "rejected") throw result.reason;
    relay = await startRelay(() => servers.map((server) => `${server.url}/api/github/webhooks`));
    sandbox.setWebhookUrl(relay.url);

    const user = new ProbotOctokit({
      baseUrl: sandbox.apiUrl,
      auth: { token: sandbox.userToken() },
      retry: { enabled: false },
      throttle: { enabled: false },
    });
    const issue = (
      await user.rest.issues.create({ ...repo, title: "Paginate widget lists", body: taskSpec("src/widgets/**") })
    ).data.number;
    await user.rest.issues.addLabels({ ...repo, issue_number: issue, labels: ["autopilot"] });
    // both replicas ran the owner's label to its end (one dispatched, the other found the work done)
    const dispatchEnd = (line: Line) =>
      line.msg === "work queue: job finished" && line.event === "issues.labeled" && line.key === "acme/widgets";
    for (const server of servers) await server.waitForLine(dispatchEnd, "the end of the dispatch job");
    await sandbox.idle();
    // SIGTERM: each replica runs what it has queued (waiting its turn at the lock), then exits 0
    for (const server of servers) server.child.kill("SIGTERM");
    expect(await Promise.all(servers.map((server) => server.exit))).toEqual([0, 0]);

    const [first, second] = servers.map(jobSpans) as [JobSpan[], JobSpan[]];
    // the lock was met (which replica waits depends on the machine's timing; that one did is what counts)
    const waits = servers.map(
      (server) =>
        server.lines().filter((line) => line.msg === "work queue: repository locked by another replica, waiting")
          .length,
    );
    expect(waits.reduce((sum, count) => sum + count, 0)).toBeGreaterThan(0);
    expect(first.length + second.length).toBeGreaterThan(4);
    const overlaps = first.flatMap((a) =>
      second.filter((b) => a.start < b.end && b.start < a.end).map((b) => ({ a, b })),
    );
    expect(overlaps).toEqual([]);
    const pulls = (await user.rest.pulls.list({ ...repo, state: "open" })).data;
    expect(pulls.map((pull) => pull.title)).toEqual([`[T-${issue}] Paginate widget lists`]);
    // no lock left behind for the next replica
    expect(await redis.client().keys("autopilot:*")).toEqual([]);
  });

  it("without REDIS_URL a replica never connects to Redis", async () => {
    const before = await connectionsReceived(redis);
    const server = await replica(undefined);
    servers = [server];
    await server.waitForLine(
      (line) => line.msg === "work queue: job finished" && line.event === "sweep",
      "the start-up sweep's job",
    );
    server.child.kill("SIGTERM");
    expect(await server.exit).toBe(0);
    expect(await connectionsReceived(redis)).toBe(before + 1); // only this test's own client
    expect(await redis.client().keys("*")).toEqual([]);
  });
});

async function connectionsReceived(redis: RedisServer): Promise<number> {
  const client = redis.client();
  const stats = await client.info("stats");
  client.disconnect();
  return Number(/total_connections_received:(\d+)/.exec(stats)?.[1]);
}

import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { ProbotOctokit } from "probot";
import { afterAll, describe, expect, it } from "vitest";
import { Sandbox } from "@autopilot/github-sandbox";
import { killedAfterTest, testRunEnvironment } from "../helpers/child-processes.js";
import {
  freePort,
  postDelivery,
  productionEnvOf,
  projectRoot,
  type ServerProcess,
  sourceEntry,
  startServerProcess,
  startupSweepDone,
  streamUpload,
} from "../deploy/server-process.js";

const repo = { owner: "acme", repo: "widgets" };

/** Runs the real entry (`npm start`) with only `env`, and resolves with its exit code and stderr once it exits. */
async function startExpectingExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const port = await freePort();
  const [command, ...args] = sourceEntry;
  const child = killedAfterTest(
    spawn(command!, args, {
      cwd: projectRoot,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        HOST: "127.0.0.1",
        PORT: String(port),
        LOG_LEVEL: "info",
        ...testRunEnvironment(),
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.resume();
  const code = await new Promise<number | null>((done) => child.once("exit", done));
  return { code, stderr };
}

/** A comment delivery as GitHub would send it, signed with `secret`. */
function commentDelivery(
  issue: number,
  body: string,
  secret: string | undefined,
): { headers: Record<string, string>; body: string } {
  const payload = JSON.stringify({
    action: "created",
    issue: { number: issue, title: "x", state: "open", labels: [], user: { login: "octocat", type: "User" } },
    comment: { id: 991, body, user: { login: "octocat", type: "User" } },
    repository: { id: 1, name: "widgets", full_name: "acme/widgets", owner: { login: "acme" } },
    sender: { login: "octocat", type: "User" },
    installation: { id: 1 },
  });
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-github-event": "issue_comment",
    "x-github-delivery": `forged-${issue}-${secret ?? "none"}`,
  };
  if (secret !== undefined)
    headers["x-hub-signature-256"] = `sha256=${createHmac("sha256", secret).update(payload).digest("hex")}`;
  return { headers, body: payload };
}

/**
 * Whoever can reach the webhook URL is an attacker unless every delivery is signed with a secret
 * only GitHub and the app know. Without WEBHOOK_SECRET, Probot checks signatures against the
 * public fallback "development", and comment authors are taken from the payload: a forged
 * `/pause` (or `/answer`) would act as the owner. The server refuses to start that way.
 */
describe("a forged webhook delivery", () => {
  let sandbox: Sandbox | undefined;
  let server: ServerProcess | undefined;
  afterAll(async () => {
    if (server && server.child.exitCode === null) server.child.kill("SIGKILL");
    await sandbox?.stop();
  });

  it("finds no server to forge for: npm start refuses to run without a real WEBHOOK_SECRET outside development", async () => {
    const credentials = { APP_ID: "1", PRIVATE_KEY: "not read: the process stops first" };
    const environments: Record<string, string>[] = [
      { NODE_ENV: "production" },
      {},
      { NODE_ENV: "production", WEBHOOK_SECRET: "development" },
    ];
    for (const env of environments) {
      const { code, stderr } = await startExpectingExit({ ...credentials, ...env });
      expect(code).toBe(1);
      expect(stderr).toMatch(
        env.WEBHOOK_SECRET
          ? /WEBHOOK_SECRET is "development", the public fallback/
          : /Set WEBHOOK_SECRET to the webhook secret of the GitHub App, or set NODE_ENV=development/,
      );
    }
  });

  it("is refused with 400, unsigned or signed with Probot's fallback secret, and changes nothing", async () => {
    sandbox = await Sandbox.start();
    server = await startServerProcess({
      command: sourceEntry,
      env: productionEnvOf(sandbox),
    });
    sandbox.setWebhookUrl(`${server.url}/api/github/webhooks`);
    await startupSweepDone(server);
    const user = new ProbotOctokit({
      baseUrl: sandbox.apiUrl,
      auth: { token: sandbox.userToken() },
      retry: { enabled: false },
      throttle: { enabled: false },
    });
    const issue = (await user.rest.issues.create({ ...repo, title: "A thread to forge a command in" })).data.number;

    for (const secret of ["development", undefined, ""]) {
      const forged = commentDelivery(issue, "/pause", secret);
      const answer = await fetch(`${server.url}/api/github/webhooks`, {
        method: "POST",
        headers: forged.headers,
        body: forged.body,
      });
      expect(answer.status).toBe(400);
    }
    const config = await sandbox.repo.git.readFile("main", ".github/autopilot.yml");
    expect(config?.content.toString("utf8") ?? "").not.toMatch(/paused:\s*true/);
    expect((await user.rest.issues.listComments({ ...repo, issue_number: issue })).data).toEqual([]);
    expect(server.lines().some((line) => line.event === "issue_comment.created")).toBe(false);
  });

  it("cannot make the server hold an oversized body: 413 before the upload ends, and signed deliveries still come in", async () => {
    sandbox ??= await Sandbox.start();
    const secret = sandbox.webhookSecret;
    // a server of its own: the one of the test before is killed when that test ends
    const running = await startServerProcess({ command: sourceEntry, env: productionEnvOf(sandbox) });
    const headers = {
      "content-type": "application/json",
      "x-github-event": "issue_comment",
      "x-github-delivery": "forged-oversized",
      "x-hub-signature-256": `sha256=${"0".repeat(64)}`,
    };
    const path = "/api/github/webhooks";
    const refused = (count: number) => () =>
      running.lines().filter((line) => String(line.msg).startsWith("webhook request over GitHub's")).length === count;
    // The server answers 413 and closes the connection under the client's writes: a client still
    // writing often sees only the close (ECONNRESET), so either counts, as long as it comes early.
    // 30 MB announced: refused on the headers, while most of the body is still to be written
    const announced = await streamUpload(running, { path, headers, bytes: 30 * 2 ** 20, announceLength: true });
    expect(announced.finished).toBe(false);
    expect([413, undefined]).toContain(announced.status);
    expect(announced.written).toBeLessThan(25 * 2 ** 20);
    await running.waitForLine(refused(1), "the first refusal");
    // chunked, no length: refused once GitHub's 25 MB cap has streamed in, long before the end
    const chunked = await streamUpload(running, { path, headers, bytes: 64 * 2 ** 20, announceLength: false });
    expect(chunked.finished).toBe(false);
    expect([413, undefined]).toContain(chunked.status);
    expect(chunked.written).toBeLessThan(64 * 2 ** 20);
    await running.waitForLine(refused(2), "the second refusal");

    // a delivery signed with the real secret is still taken, refused bodies left nothing behind
    const ping = JSON.stringify({ zen: "Keep it logically awesome.", hook_id: 1 });
    const id = "signed-after-oversized";
    expect(await postDelivery(running, { event: "ping", id, body: ping, secret })).toBe(200);
    await running.waitForLine((line) => line.msg === `ping event received (id: ${id})`, "the signed delivery");
  });
});

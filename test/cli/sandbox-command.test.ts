import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { signAppJwt } from "@autopilot/github-sandbox/auth";
import { runCli, tempDir } from "./cli-harness.js";

interface Running {
  ready: Promise<Record<string, unknown>>;
  stop: () => void;
  exit: Promise<number>;
  stderr: () => string;
}

/** `autopilot sandbox` in-process: the ready line is read as it is printed, stopping stands for Ctrl-C. */
function startSandboxCommand(args: string[]): Running {
  let stdout = "";
  let stderr = "";
  let announce: (info: Record<string, unknown>) => void = () => undefined;
  let stop: () => void = () => undefined;
  const ready = new Promise<Record<string, unknown>>((resolve) => (announce = resolve));
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const exit = main(["sandbox", ...args], {
    cwd: tempDir(),
    stdout: (text) => {
      stdout += text;
      if (stdout.includes("\n")) announce(JSON.parse(stdout.split("\n")[0] ?? "") as Record<string, unknown>);
    },
    stderr: (text) => void (stderr += text),
    stdin: async () => "",
    untilStopped: () => stopped,
  });
  return { ready, stop, exit, stderr: () => stderr };
}

describe("autopilot sandbox", () => {
  const running: Running[] = [];
  afterAll(async () => {
    for (const command of running) command.stop();
    await Promise.all(running.map((command) => command.exit));
  });

  it("prints one JSON line with everything a client needs, serves the seeded repository, and stops cleanly", async () => {
    const command = startSandboxCommand(["--webhook-secret", "a-local-test-secret"]);
    running.push(command);
    const info = await command.ready;
    expect(Object.keys(info)).toEqual(
      expect.arrayContaining(["apiUrl", "userToken", "appId", "privateKeyPath", "installationId", "repo"]),
    );
    expect(info).toMatchObject({ repo: "acme/widgets", webhookSecret: "a-local-test-secret", webhookUrl: null });

    const response = await fetch(`${String(info.apiUrl)}/repos/acme/widgets/contents/.github/autopilot.yml`, {
      headers: { authorization: `token ${String(info.userToken)}`, accept: "application/vnd.github.raw" },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/target: workflow_dispatch/);

    command.stop();
    expect(await command.exit).toBe(0);
    await expect(fetch(`${String(info.apiUrl)}/repos/acme/widgets`)).rejects.toThrow();
  });

  it("--with-app connects Autopilot, which receives the installation's signed webhooks", async () => {
    const command = startSandboxCommand(["--with-app"]);
    running.push(command);
    const info = await command.ready;
    expect(String(info.webhookUrl)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/github\/webhooks$/);
    const jwt = signAppJwt({
      appId: Number(info.appId),
      privateKeyPem: readFileSync(String(info.privateKeyPath), "utf8"),
    });
    const headers = { authorization: `Bearer ${jwt}`, accept: "application/vnd.github+json" };
    let deliveries: Array<{ event: string; status_code: number }> = [];
    for (let attempt = 0; attempt < 50 && deliveries.length === 0; attempt += 1) {
      deliveries = (await (
        await fetch(`${String(info.apiUrl)}/app/hook/deliveries`, { headers })
      ).json()) as typeof deliveries;
      if (deliveries.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(deliveries.map((delivery) => [delivery.event, delivery.status_code])).toEqual([["installation", 200]]);
    command.stop();
    expect(await command.exit).toBe(0);
  });

  it.each([
    [["--port", "http"], /--port must be a number from 0 to 65535, not "http"/],
    [["--port", "70000"], /--port must be a number/],
    [["--webhook-url", "ftp://example.test/hook"], /--webhook-url must be an http\(s\) URL/],
    [["--webhook-url", "http://127.0.0.1:9/hook", "--with-app"], /exclude each other/],
    [["--webhook-secret", ""], /must not be empty/],
    [["extra"], /unexpected argument "extra"/],
  ])("refuses %j with a clear message and exit code 2", async (args, message) => {
    const run = await runCli(["sandbox", ...args], tempDir());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe("");
  });
});

import { setTimeout as sleep } from "node:timers/promises";
import type { ApplicationFunction } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, startAppOnSandbox, type ConnectedApp } from "../../src/index.js";
import { startSandboxHarness, type SandboxHarness } from "./sandbox-harness.js";

/** A Probot app that answers a labelled issue, as Autopilot's dispatch will. */
const greeter: ApplicationFunction = (app) => {
  app.on("issues.labeled", async (context) => {
    await context.octokit.rest.issues.createComment(
      context.issue({ body: `Picked up: ${context.payload.label?.name ?? ""}` }),
    );
  });
};

async function waitFor<T>(read: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const value = await read();
    if (value !== undefined) return value;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * A real Probot app connected to the sandbox as to GitHub Enterprise Server: signed webhooks in,
 * `/api/v3` REST out, the installation token obtained with the app's JWT.
 */
describe("a Probot app on the sandbox", () => {
  let h: SandboxHarness;
  let sandbox: Sandbox;
  let connected: ConnectedApp;

  beforeAll(async () => {
    h = await startSandboxHarness();
    sandbox = h.sandbox;
    connected = await startAppOnSandbox(sandbox, { appFn: greeter, logLevel: "fatal" });
  });

  afterAll(async () => {
    await connected.stop();
    await h.close();
  });

  it("receives the labeled issue and comments on it with an installation token", async () => {
    const issue = await h.user.rest.issues.create({ owner: "acme", repo: "widgets", title: "Try the app" });
    await h.user.rest.issues.addLabels({
      owner: "acme",
      repo: "widgets",
      issue_number: issue.data.number,
      labels: ["autopilot"],
    });

    const comment = await waitFor(async () => {
      const { data } = await h.user.rest.issues.listComments({
        owner: "acme",
        repo: "widgets",
        issue_number: issue.data.number,
      });
      return data[0];
    }, "the app's comment");
    expect(comment).toMatchObject({ body: "Picked up: autopilot", user: { login: "autopilot[bot]", type: "Bot" } });

    await sandbox.idle();
    const calls = sandbox.requests().map((request) => `${request.method} ${request.path} ${request.status}`);
    expect(calls).toContain(`POST /app/installations/${sandbox.installationId}/access_tokens 201`);
    expect(calls).toContain(`POST /repos/acme/widgets/issues/${issue.data.number}/comments 201`);
    const deliveries = sandbox.deliveries.list({ per_page: 100 }).deliveries;
    expect(deliveries.map((delivery) => [delivery.event, delivery.action, delivery.status_code])).toEqual(
      expect.arrayContaining([
        ["issues", "labeled", 200],
        ["issue_comment", "created", 200],
      ]),
    );
  });
});

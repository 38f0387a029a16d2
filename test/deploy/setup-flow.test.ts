import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sourceEntry, startServerProcess, type ServerProcess } from "./server-process.js";

/**
 * `npm start` on a machine with no credentials yet: Probot's setup flow, which registers the
 * GitHub App from `app.yml` through GitHub's manifest flow. NO_SMEE_SETUP keeps it offline (it
 * would otherwise open a smee.io channel for the webhooks).
 */
describe("npm start without APP_ID and PRIVATE_KEY", () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess({
      command: sourceEntry,
      env: { NODE_ENV: "development", NO_SMEE_SETUP: "true", LOG_LEVEL: "info" },
    });
  });
  afterAll(async () => {
    server.child.kill("SIGTERM");
    await server.exit;
  });

  it("sends / to the setup page", async () => {
    const response = await fetch(`${server.url}/`, { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/probot");
  });

  it("serves the registration page carrying app.yml's manifest: name, permissions, events, webhook URL", async () => {
    const response = await fetch(`${server.url}/probot`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/Register GitHub App/);
    const manifest = JSON.parse(
      decodeEntities(/name="manifest"[^>]*value='([^']*)'/.exec(html)?.[1] ?? "null"),
    ) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      name: "Autopilot",
      default_permissions: {
        issues: "write",
        pull_requests: "write",
        checks: "write",
        contents: "write",
        statuses: "read",
        actions: "write",
        metadata: "read",
      },
      hook_attributes: { url: `${server.url}/` },
      redirect_url: `${server.url}/probot/setup`,
    });
    expect(manifest.default_events).toEqual(expect.arrayContaining(["issues", "pull_request", "check_suite", "push"]));
  });

  it("does not serve the app meanwhile: no webhook endpoint, no metrics", async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
  });
});

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

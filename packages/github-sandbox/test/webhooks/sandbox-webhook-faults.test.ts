import { ProbotOctokit } from "probot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Sandbox } from "../../src/index.js";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver.js";

const repoRef = { owner: "acme", repo: "widgets" };
const userClient = (sandbox: Sandbox) =>
  new ProbotOctokit({ baseUrl: sandbox.apiUrl, auth: { token: sandbox.userToken() }, throttle: { enabled: false } });

describe("Sandbox.start({ webhookFaults })", () => {
  let receiver: WebhookReceiver;
  let sandbox: Sandbox | undefined;

  beforeEach(async () => {
    receiver = await startWebhookReceiver();
  });

  afterEach(async () => {
    await sandbox?.stop();
    await receiver.close();
  });

  const received = (): string[] =>
    receiver.received.map((delivery) => {
      const action = (JSON.parse(delivery.body) as { action?: string }).action;
      return `${String(delivery.headers["x-github-event"])}${action ? `.${action}` : ""}`;
    });

  it("reorders and duplicates the sandbox's own webhooks, and idle() still waits for all", async () => {
    sandbox = await Sandbox.start({
      webhookUrl: receiver.url,
      installApp: false,
      webhookFaults: {
        rules: [
          { kind: "hold", match: { event: "issues", action: "opened" }, until: { event: "issues", action: "labeled" } },
          { kind: "duplicate", match: { event: "issues", action: "labeled" } },
        ],
      },
    });
    const user = userClient(sandbox);
    await user.rest.issues.create({ ...repoRef, title: "Paginate widget lists", labels: ["autopilot"] });
    await sandbox.idle();

    expect(received()).toEqual(["issues.labeled", "issues.labeled", "issues.opened"]);
    const [first, second] = receiver.received;
    expect(second?.headers["x-github-delivery"]).toBe(first?.headers["x-github-delivery"]);
    expect(sandbox.deliveries.list().deliveries.map((item) => item.redelivery)).toEqual([false, true, false]);
  });

  it("holds a delivery with nothing after it until idle() is asked for, or leaves it held", async () => {
    sandbox = await Sandbox.start({ webhookUrl: receiver.url, installApp: false });
    sandbox.deliveries.setFaults({ rules: [{ kind: "hold", match: { event: "issues" } }] });
    const user = userClient(sandbox);
    await user.rest.issues.create({ ...repoRef, title: "Paginate widget lists" });

    await sandbox.idle({ releaseHeld: false });
    expect(received()).toEqual([]);
    expect(sandbox.deliveries.heldCount()).toBe(1);
    await sandbox.idle();
    expect(received()).toEqual(["issues.opened"]);
  });
});

import { createHmac } from "node:crypto";
import { ProbotOctokit } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { startSandboxHarness, type SandboxHarness, type TestOctokit } from "../../e2e/sandbox-harness.js";
import { startWebhookReceiver, type ReceivedDelivery, type WebhookReceiver } from "../../webhooks/webhook-receiver.js";
import { requestFailure } from "../rest-fixture.js";

const repo = { owner: "acme", repo: "widgets" };
const oldSecret = "operator-secret-before-rotation";
const newSecret = "operator-secret-after-rotation";

let h: SandboxHarness;
let other: WebhookReceiver | undefined;
afterEach(async () => {
  await h?.close();
  await other?.close();
  other = undefined;
});

async function start(): Promise<SandboxHarness> {
  h = await startSandboxHarness({ webhookSecret: oldSecret, installApp: false });
  return h;
}

/** Octokit sending `token` as it is, where auth-app would swap in the app's JWT. */
const bearing = (token: string): TestOctokit =>
  new ProbotOctokit({
    auth: { token },
    baseUrl: h.sandbox.apiUrl,
    request: { retries: 0 },
    retry: { enabled: false },
    throttle: { enabled: false },
  });

/** Whether the delivery's two signature headers are the HMACs of its exact body under `secret`. */
function signedWith(delivery: ReceivedDelivery, secret: string): boolean {
  const hmac = (algorithm: "sha1" | "sha256"): string =>
    `${algorithm}=${createHmac(algorithm, secret).update(delivery.body).digest("hex")}`;
  return (
    delivery.headers["x-hub-signature-256"] === hmac("sha256") && delivery.headers["x-hub-signature"] === hmac("sha1")
  );
}

/** Opens an issue and answers the delivery it caused, once received. */
async function openIssue(title: string, receiver: WebhookReceiver = h.receiver): Promise<ReceivedDelivery> {
  const before = receiver.received.length;
  await h.user.rest.issues.create({ ...repo, title });
  await h.sandbox.idle();
  expect(receiver.received).toHaveLength(before + 1);
  return receiver.received.at(-1)!;
}

describe("GET and PATCH /app/hook/config", () => {
  it("shows the hook's config with its secret masked, to the app's JWT only", async () => {
    await start();
    const { data } = await h.appJwt.rest.apps.getWebhookConfigForApp();
    expect(data).toEqual({ content_type: "json", insecure_ssl: "0", secret: "********", url: h.receiver.url });

    const installationToken = h.sandbox.auth.createInstallationToken(h.sandbox.installationId).token;
    for (const token of [installationToken, h.sandbox.userToken()]) {
      const refused = { status: 401, message: "A JSON web token could not be decoded" };
      const read = await requestFailure(bearing(token).rest.apps.getWebhookConfigForApp());
      expect({ status: read.status, message: read.message }).toEqual(refused);
      const write = await requestFailure(bearing(token).rest.apps.updateWebhookConfigForApp({ secret: newSecret }));
      expect({ status: write.status, message: write.message }).toEqual(refused);
    }
    expect(signedWith(await openIssue("Still the operator's secret"), oldSecret)).toBe(true);
  });

  it("signs every delivery after a PATCH with the new secret; those sent keep the old signature", async () => {
    await start();
    const before = await openIssue("Before the rotation");
    expect(signedWith(before, oldSecret)).toBe(true);

    const { data } = await h.appJwt.rest.apps.updateWebhookConfigForApp({ secret: newSecret });
    expect(data).toEqual({ content_type: "json", insecure_ssl: "0", secret: "********", url: h.receiver.url });
    expect(JSON.stringify(data)).not.toContain(newSecret);
    expect(h.sandbox.webhookSecret).toBe(newSecret);

    const after = await openIssue("After the rotation");
    expect(signedWith(after, newSecret)).toBe(true);
    expect(signedWith(after, oldSecret)).toBe(false);
    // GitHub's delivery log still shows what the earlier attempt carried
    const [, sent] = (await h.appJwt.rest.apps.listWebhookDeliveries()).data;
    const record = await h.appJwt.rest.apps.getWebhookDelivery({ delivery_id: sent!.id });
    expect(record.data.request.headers?.["X-Hub-Signature-256"]).toBe(before.headers["x-hub-signature-256"]);
  });

  it("signs a redelivery with the secret of the moment it is sent", async () => {
    await start();
    const original = await openIssue("Delivered under the old secret");
    const [sent] = (await h.appJwt.rest.apps.listWebhookDeliveries()).data;
    await h.appJwt.rest.apps.updateWebhookConfigForApp({ secret: newSecret });

    await h.appJwt.rest.apps.redeliverWebhookDelivery({ delivery_id: sent!.id });
    await h.sandbox.idle();
    const again = h.receiver.received.at(-1)!;
    expect(again.headers["x-github-delivery"]).toBe(original.headers["x-github-delivery"]);
    expect(again.body).toBe(original.body);
    expect(signedWith(again, newSecret)).toBe(true);
    expect(signedWith(again, oldSecret)).toBe(false);
  });

  it("moves deliveries to a new url, and posts them as a form when asked", async () => {
    await start();
    other = await startWebhookReceiver();
    // Octokit takes a `url` parameter for the request's own URL: the body goes as `data`
    const moved = await h.appJwt.request("PATCH /app/hook/config", { data: { url: other.url, insecure_ssl: 1 } });
    expect(moved.data).toMatchObject({ url: other.url, insecure_ssl: "1" });
    expect(h.sandbox.webhookUrl).toBe(other.url);
    const json = await openIssue("Sent to the new url", other);
    expect(JSON.parse(json.body)).toMatchObject({ action: "opened" });
    expect(h.receiver.received).toHaveLength(0);

    await h.appJwt.rest.apps.updateWebhookConfigForApp({ content_type: "form" });
    const form = await openIssue("Sent as a form", other);
    expect(form.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    const payload = new URLSearchParams(form.body).get("payload");
    expect(JSON.parse(payload ?? "null")).toMatchObject({ action: "opened", issue: { title: "Sent as a form" } });
    expect(signedWith(form, oldSecret)).toBe(true);
  });

  it("sends no signature once the secret is removed, and GET leaves it out", async () => {
    await start();
    const { data } = await h.appJwt.rest.apps.updateWebhookConfigForApp({ secret: "" });
    expect(data).toEqual({ content_type: "json", insecure_ssl: "0", url: h.receiver.url });
    const unsigned = await openIssue("No secret");
    expect(unsigned.headers["x-hub-signature-256"]).toBeUndefined();
    expect(unsigned.headers["x-hub-signature"]).toBeUndefined();
  });

  it("refuses a content type or insecure_ssl GitHub does not know with 422, changing nothing", async () => {
    await start();
    const invalid = (field: string) => ({
      status: 422,
      message: "Validation Failed",
      errors: [{ resource: "Hook", code: "invalid", field }],
    });
    const attempts = [
      [{ content_type: "xml", secret: newSecret }, invalid("content_type")],
      [{ insecure_ssl: "2", secret: newSecret }, invalid("insecure_ssl")],
      [{ insecure_ssl: 2, secret: newSecret }, invalid("insecure_ssl")],
    ] as const;
    for (const [body, expected] of attempts) {
      const refused = await requestFailure(h.appJwt.rest.apps.updateWebhookConfigForApp(body));
      expect({ status: refused.status, message: refused.message, errors: refused.data.errors }).toEqual(expected);
    }
    // a type the description refuses is GitHub's schema 422
    const typed = await requestFailure(h.appJwt.request("PATCH /app/hook/config", { data: { insecure_ssl: true } }));
    expect(typed.status).toBe(422);
    expect(typed.message).toMatch(/^Invalid request\./);

    const { data } = await h.appJwt.rest.apps.getWebhookConfigForApp();
    expect(data).toEqual({ content_type: "json", insecure_ssl: "0", secret: "********", url: h.receiver.url });
    expect(signedWith(await openIssue("Nothing changed"), oldSecret)).toBe(true);
  });
});

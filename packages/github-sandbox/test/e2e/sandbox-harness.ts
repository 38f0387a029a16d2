import { createHmac, timingSafeEqual } from "node:crypto";
import { ProbotOctokit } from "probot";
import { Sandbox, type SandboxOptions } from "../../src/index.js";
import { describeErrors, loadWebhookValidators } from "../helpers/webhook-schemas.js";
import { startWebhookReceiver, type ReceivedDelivery, type WebhookReceiver } from "../webhooks/webhook-receiver.js";

export type TestOctokit = InstanceType<typeof ProbotOctokit>;

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

export interface SandboxHarness {
  sandbox: Sandbox;
  receiver: WebhookReceiver;
  /** Acting as the sandbox's user (octocat, admin of acme/widgets), with a personal token. */
  user: TestOctokit;
  /** Acting as the app: its private key, the JWT and installation tokens, as Probot does. */
  app: TestOctokit;
  /** The app itself (JWT only), for the `/app/*` endpoints. */
  appJwt: TestOctokit;
  close(): Promise<void>;
}

export async function startSandboxHarness(options: SandboxOptions = {}): Promise<SandboxHarness> {
  const receiver = await startWebhookReceiver();
  const sandbox = await Sandbox.start({ webhookUrl: receiver.url, validateResponses: true, ...options });
  const base = {
    baseUrl: sandbox.apiUrl,
    log: silent,
    request: { retries: 0 },
    retry: { enabled: false },
    throttle: { enabled: false },
  };
  const privateKey = sandbox.credentials.privateKeyPem;
  return {
    sandbox,
    receiver,
    user: new ProbotOctokit({ ...base, auth: { token: sandbox.userToken() } }),
    app: new ProbotOctokit({
      ...base,
      auth: { appId: sandbox.appId, privateKey, installationId: sandbox.installationId },
    }),
    appJwt: new ProbotOctokit({ ...base, auth: { appId: sandbox.appId, privateKey } }),
    close: async () => {
      await sandbox.stop();
      await receiver.close();
    },
  };
}

/** What a receiver can tell of a delivery: its event, action, id, and whether GitHub's signature holds. */
export interface SeenDelivery {
  event: string;
  action: string | undefined;
  guid: string;
  signatureValid: boolean;
  payload: Record<string, unknown>;
}

export function describeDelivery(delivery: ReceivedDelivery, secret: string): SeenDelivery {
  const payload = JSON.parse(delivery.body) as Record<string, unknown>;
  const expected = Buffer.from(`sha256=${createHmac("sha256", secret).update(delivery.body).digest("hex")}`);
  const given = Buffer.from(String(delivery.headers["x-hub-signature-256"] ?? ""));
  return {
    event: String(delivery.headers["x-github-event"]),
    action: typeof payload.action === "string" ? payload.action : undefined,
    guid: String(delivery.headers["x-github-delivery"]),
    signatureValid: given.length === expected.length && timingSafeEqual(given, expected),
    payload,
  };
}

export const label = (seen: { event: string; action: string | undefined }): string =>
  seen.action ? `${seen.event}.${seen.action}` : seen.event;

/** The deliveries whose payload GitHub's webhook schema refuses, as `event.action: why`. */
export function invalidPayloads(seen: SeenDelivery[]): string[] {
  const validatorFor = loadWebhookValidators();
  return seen.flatMap((delivery) => {
    const validate = validatorFor(delivery.event, delivery.action);
    return validate(delivery.payload) ? [] : [`${label(delivery)}: ${describeErrors(validate)}`];
  });
}

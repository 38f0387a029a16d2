import { generateKeyPairSync } from "node:crypto";
import nock from "nock";
import { Probot, ProbotOctokit } from "probot";
import { createAutopilot, type AutopilotApp } from "../../src/index.js";
import { examplePayload, withInstallation } from "@autopilot/github-sandbox/webhooks";
import { WorkQueue } from "../../src/work/index.js";

export const installationId = 77;

/** Autopilot loaded into a real Probot, talking to api.github.com as nock answers it; nothing else may be called. */
export async function startHandlerHarness(): Promise<{
  probot: Probot;
  work: WorkQueue;
  api: nock.Scope;
  autopilot: AutopilotApp;
}> {
  const { privateKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  const work = new WorkQueue({ concurrency: 1 });
  const probot = new Probot({
    appId: 4242,
    privateKey,
    secret: "handler-test",
    logLevel: "fatal",
    Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
  });
  const autopilot = createAutopilot({ work, sweepIntervalMs: 0 });
  await probot.load(autopilot, { cwd: process.cwd(), addHandler: () => undefined });
  nock.disableNetConnect();
  const api = nock("https://api.github.com");
  return { probot, work, api, autopilot };
}

/** A real example payload for the event, pointing at acme/widgets and the test installation. */
export function webhookPayload(
  event: string,
  action: string | undefined,
  patch: (payload: Record<string, any>) => void,
): Record<string, any> {
  const payload = withInstallation(examplePayload(event, action), installationId) as Record<string, any>;
  payload.repository = {
    ...payload.repository,
    name: "widgets",
    full_name: "acme/widgets",
    default_branch: "main",
    owner: { ...payload.repository.owner, login: "acme" },
  };
  patch(payload);
  return payload;
}

/**
 * Webhook ingestion: autocannon fires signed `issues.edited` deliveries at Autopilot's webhook
 * endpoint (Probot's node middleware, as `npm start` serves it). Probot verifies
 * `X-Hub-Signature-256` over the body, and the handler queues a dispatch reconcile (deduplicated
 * per issue) before the 200 goes back; the queued jobs run meanwhile against the sandbox, in the
 * same process, as they would in production. Payloads are real sandbox deliveries of edits to 20
 * issues without the trigger label, so each job reads the issue and the queue and stops there.
 * Measured at fixed rates (autocannon's `overallRate`, latencies corrected for coordinated
 * omission) and at the highest rate the machine sustains. Target: p99 < 50 ms at >= 200/s.
 */
import { createHmac, randomUUID } from "node:crypto";
import autocannon, { type AutocannonRequest, type AutocannonResult } from "autocannon";
import { Sandbox } from "@autopilot/github-sandbox";
import { startAutopilotOnSandbox } from "../dev/autopilot-on-sandbox.js";
import { roundMs, userClient } from "./support/clients.js";
import { repoRef } from "./support/task-flow.js";

const issueCount = 20;
const durationS = 4;
const connections = 20;
const targetP99Ms = 50;
const targetRate = 200;

/** Signed deliveries as GitHub sends them; each carries its own delivery GUID. */
function signedRequests(secret: string, payloads: readonly Record<string, unknown>[]): AutocannonRequest[] {
  return payloads.map((payload) => {
    const body = JSON.stringify(payload);
    return {
      method: "POST",
      body,
      headers: {
        "content-type": "application/json",
        "user-agent": "GitHub-Hookshot/bench",
        "x-github-event": "issues",
        "x-github-delivery": randomUUID(),
        "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
      },
    };
  });
}

function summary(result: AutocannonResult, offeredRate: number | "max") {
  const answered = result.requests.total;
  return {
    offered_per_s: offeredRate,
    sustained_deliveries_per_s: Math.round(answered / result.duration),
    ack_ms: {
      p50: roundMs(result.latency.p50),
      p90: roundMs(result.latency.p90),
      p99: roundMs(result.latency.p99),
      max: roundMs(result.latency.max),
    },
    deliveries: answered,
    non_2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

export async function runWebhookIngestionBench(): Promise<object> {
  const sandbox = await Sandbox.start({ installApp: false });
  const autopilot = await startAutopilotOnSandbox(sandbox);
  sandbox.installApp();
  const { octokit: user } = userClient(sandbox);
  try {
    await autopilot.settle();
    // real `issues.edited` payloads: edit issues and keep what the sandbox delivered
    for (let index = 1; index <= issueCount; index += 1) {
      const issue = (
        await user.rest.issues.create({ ...repoRef, title: `Widget idea ${index}`, body: "Not a task yet." })
      ).data.number;
      await user.rest.issues.update({ ...repoRef, issue_number: issue, body: "Not a task yet (edited)." });
    }
    await autopilot.settle();
    const payloads = sandbox.deliveries
      .list({ per_page: 100 })
      .deliveries.filter((delivery) => delivery.event === "issues" && delivery.action === "edited")
      .map((delivery) => sandbox.deliveries.get(delivery.id)?.request.payload as Record<string, unknown>);
    if (payloads.length !== issueCount)
      throw new Error(`webhook bench: expected ${issueCount} issues.edited deliveries, got ${payloads.length}`);
    const requests = signedRequests(sandbox.webhookSecret, payloads);
    const url = autopilot.app.webhookUrl;

    // the load generator runs in a worker thread, so its clock is not held up by the app's event loop
    const fire = async (rate?: number, duration = durationS) => {
      const result = await autocannon({
        url,
        connections,
        duration,
        workers: 1,
        requests,
        ...(rate ? { overallRate: rate } : {}),
      });
      await autopilot.settle();
      return result;
    };
    await fire(100, 2); // warm-up: JIT, installation token, config cache
    const at200 = summary(await fire(targetRate), targetRate);
    const at400 = summary(await fire(400), 400);
    const max = summary(await fire(), "max");
    return {
      scope: `signed issues.edited deliveries (${issueCount} issues, rotating) → Probot verify → dispatch job queued (deduplicated per issue) → 200; ${connections} connections, ${durationS} s per run, autocannon in a worker thread, the app and the sandbox on the main thread`,
      fixed_rate_200: at200,
      fixed_rate_400: at400,
      max_rate: max,
      meets_target:
        at200.ack_ms.p99 < targetP99Ms &&
        at200.sustained_deliveries_per_s >= targetRate * 0.95 &&
        at200.non_2xx === 0 &&
        at200.errors === 0,
      target: `p99 < ${targetP99Ms} ms at >= ${targetRate}/s (GitHub gives a delivery 10 s)`,
    };
  } finally {
    await autopilot.stop();
    await sandbox.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${JSON.stringify(await runWebhookIngestionBench(), null, 2)}\n`);
}

/**
 * `npm run bench`: every benchmark in one run, printed as one JSON document on stdout.
 * Ratios are measured within the run so a noisy, shared machine affects both sides alike.
 */
import { runAppCallsBench } from "./app-calls.js";
import { runCliStartBench } from "./cli-start.js";
import { runContentionBench } from "./contention.js";
import { runFaultsBench } from "./faults.js";
import { runHostileInputBench } from "./hostile-input.js";
import { runLifecycleBench } from "./lifecycle.js";
import { runReviewCostBench } from "./review-cost.js";
import { runReviewTokensBench } from "./review-tokens.js";
import { runSandboxStartupBench } from "./sandbox-startup.js";
import { runSecretsAccuracyBench } from "./secrets-accuracy.js";
import { runSecretsProcessThroughputBench } from "./secrets-process-throughput.js";
import { runSecretsThroughputBench } from "./secrets-throughput.js";
import { runWebhookIngestionBench } from "./webhook-ingestion.js";

const started = Date.now();
// first: it measures a cold start, before anything has loaded GitHub's description
const sandboxStartup = await runSandboxStartupBench();
const result = {
  node: process.version,
  at: new Date().toISOString(),
  sandbox: { startup: sandboxStartup },
  app_rest_calls: await runAppCallsBench(),
  cli_start: await runCliStartBench(),
  review_prompt_tokens: runReviewTokensBench(),
  review_cost: runReviewCostBench(),
  secrets: {
    accuracy: await runSecretsAccuracyBench(),
    throughput: await runSecretsThroughputBench(),
    process_throughput: await runSecretsProcessThroughputBench(),
  },
  hostile_input: runHostileInputBench(),
  webhook_ingestion: await runWebhookIngestionBench(),
  lifecycle: await runLifecycleBench(),
  lifecycle_merge_queue: await runLifecycleBench({ mergeQueue: true }),
  contention: await runContentionBench(),
  faults: await runFaultsBench(),
  duration_s: 0,
};
result.duration_s = Math.round((Date.now() - started) / 100) / 10;
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);

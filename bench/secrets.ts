/**
 * The secret scanner's entries of `npm run bench` alone, printed as one JSON document:
 * `npx tsx bench/secrets.ts`. Each file can also run on its own.
 */
import { runSecretsAccuracyBench } from "./secrets-accuracy.js";
import { runSecretsProcessThroughputBench } from "./secrets-process-throughput.js";
import { runSecretsThroughputBench } from "./secrets-throughput.js";

const result = {
  node: process.version,
  at: new Date().toISOString(),
  accuracy: await runSecretsAccuracyBench(),
  process_throughput: await runSecretsProcessThroughputBench(),
  throughput: await runSecretsThroughputBench(),
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);

import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { SecretAllowlist } from "../core/secrets/index.js";
import { FileReadError, scanFileList, type FileListScan, type ListedFile, type ReportedFinding } from "./scan-file-list.js";
import type { ScanWorkerData, ScanWorkerReply } from "./scan-worker.js";

/** below this many files per thread, starting a worker (~50 ms) costs more than it saves */
const MIN_FILES_PER_THREAD = 400;
const MAX_THREADS = 8;

/** Threads `autopilot scan` uses by default: one per core, at most eight. */
export function defaultJobs(): number {
  return Math.max(1, Math.min(MAX_THREADS, availableParallelism()));
}

/**
 * Reads and scans `files` on up to `jobs` threads: this one and `jobs - 1` workers, each given
 * every `jobs`-th file (an interleaved share, so that large and small files spread evenly).
 * Findings come back in the order of `files`, as a single thread would report them. A worker
 * that cannot start (no compiled worker module, as under a test runner) is replaced by this
 * thread scanning its share. `workers` says how many workers did their share.
 */
export async function scanFiles(
  cwd: string,
  files: readonly ListedFile[],
  allowlist: SecretAllowlist,
  jobs: number,
): Promise<{ findings: ReportedFinding[]; files: number; bytes: number; workers: number }> {
  const threads = Math.max(1, Math.min(jobs, Math.floor(files.length / MIN_FILES_PER_THREAD)));
  const shares = Array.from({ length: threads }, () => ({ files: [] as ListedFile[], indices: [] as number[] }));
  files.forEach((file, index) => {
    const share = shares[index % threads]!;
    share.files.push(file);
    share.indices.push(index);
  });
  const workers = shares.slice(1).map((share) => runWorker({ cwd, files: share.files, indices: share.indices, allowlist }));
  let own: FileListScan;
  try {
    own = scanFileList(cwd, shares[0]!.files, shares[0]!.indices, allowlist);
  } catch (error) {
    await Promise.all(workers); // no worker is left running behind the error
    throw error;
  }
  const results = [own];
  let ran = 0;
  for (const [i, reply] of (await Promise.all(workers)).entries()) {
    const share = shares[i + 1]!;
    if (reply === undefined) results.push(scanFileList(cwd, share.files, share.indices, allowlist));
    else if (!reply.ok) throw reply.readError ? new FileReadError(reply.message) : new Error(reply.message);
    else {
      results.push(reply.scan);
      ran += 1;
    }
  }
  const perFile = results.flatMap((result) => result.findings).sort((a, b) => a.index - b.index);
  return {
    findings: perFile.flatMap((entry) => entry.findings),
    files: results.reduce((total, result) => total + result.files, 0),
    bytes: results.reduce((total, result) => total + result.bytes, 0),
    workers: ran,
  };
}

/**
 * A worker running scan-worker beside this module: the compiled `.js`, or, when the CLI runs
 * from its TypeScript sources (development, tests), the `.ts` through tsx's loader, which
 * workers do not inherit.
 */
function startWorker(data: ScanWorkerData): Worker {
  if (!import.meta.url.endsWith(".ts")) return new Worker(new URL("./scan-worker.js", import.meta.url), { workerData: data });
  const loader = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm/api").replace(/\.cjs$/, ".mjs")).href;
  const worker = new URL("./scan-worker.ts", import.meta.url).href;
  const source = `import(${JSON.stringify(loader)}).then(({ register }) => { register(); return import(${JSON.stringify(worker)}); });`;
  return new Worker(source, { eval: true, workerData: data });
}

/** A worker's reply, or undefined when the worker could not run. */
function runWorker(data: ScanWorkerData): Promise<ScanWorkerReply | undefined> {
  return new Promise((resolve) => {
    let reply: ScanWorkerReply | undefined;
    let worker: Worker;
    try {
      worker = startWorker(data);
    } catch {
      resolve(undefined);
      return;
    }
    worker.once("message", (message: ScanWorkerReply) => {
      reply = message;
    });
    worker.once("error", () => resolve(undefined));
    worker.once("exit", () => resolve(reply));
  });
}

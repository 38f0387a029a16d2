import { createRequire } from "node:module";
import { availableParallelism, loadavg } from "node:os";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { CompiledScanOptions } from "../core/secrets/compile-scan-options-with.js";
import type { SecretAllowlist } from "../core/secrets/index.js";
import {
  FileReadError,
  MIN_FILES_PER_THREAD,
  mergeScans,
  scanFileList,
  type FileListScan,
  type ListedFile,
  type ReportedFinding,
  type SkippedFile,
} from "./scan-file-list.js";
import type { ScanWorkerData, ScanWorkerReply } from "./scan-worker.js";

/** scan-worker's STARTED, IDLE and CANCELLED (not imported: that would run the worker module in this thread) */
const STARTED = "started";
const IDLE = 0;
const CANCELLED = 2;

const MAX_THREADS = 8;

/**
 * Threads `autopilot scan` uses by default: one per idle core (cores minus the load average of
 * the last minute, as `make -l` judges it), at least one, at most eight. A worker on a core that
 * other processes keep busy only adds its start-up to the scan.
 */
export function defaultJobs(): number {
  const idle = availableParallelism() - Math.floor(loadavg()[0] ?? 0);
  return Math.max(1, Math.min(MAX_THREADS, idle));
}

/**
 * Reads and scans `files` on up to `jobs` threads (`defaultJobs()` when undefined): this one and
 * `jobs - 1` workers. Every thread claims chunks of files from one shared counter, this one from
 * the start, each worker once it has started: on a busy machine a worker that starts late takes
 * little, and nothing waits for a fixed share, and one that has not started when the files run
 * out is stopped, not waited for. Findings come back in the order of `files`, as a single thread
 * reports them. A worker that cannot start (no compiled worker module, say) simply claims nothing.
 * `workers` says how many workers ran.
 */
export async function scanOnThreads(
  cwd: string,
  files: readonly ListedFile[],
  /** the allowlist as configured (for the workers, which compile their own) and compiled */
  { allowlist, compiled }: { allowlist: SecretAllowlist; compiled: CompiledScanOptions },
  jobs: number | undefined,
  options: { stopLateWorkers?: boolean },
): Promise<{ findings: ReportedFinding[]; skipped: SkippedFile[]; files: number; bytes: number; workers: number }> {
  const threads = Math.max(1, Math.min(jobs ?? defaultJobs(), Math.floor(files.length / MIN_FILES_PER_THREAD)));
  if (threads === 1) return { ...mergeScans([scanFileList(cwd, files, compiled)]), workers: 0 };
  const next = new Int32Array(new SharedArrayBuffer(4));
  const states = new Int32Array(new SharedArrayBuffer(4 * (threads - 1)));
  const workers = Array.from({ length: threads - 1 }, (_, slot) =>
    runWorker({ cwd, files: [...files], allowlist, next, states, slot }),
  );
  let own: FileListScan;
  try {
    own = scanFileList(cwd, files, compiled, next);
  } catch (error) {
    Atomics.store(next, 0, files.length); // the workers stop claiming
    await settle(workers, states, true); // and none is left running behind the error
    throw error;
  }
  const results = [own];
  let ran = 0;
  for (const reply of await settle(workers, states, options.stopLateWorkers ?? true)) {
    if (reply === undefined) continue;
    if (!reply.ok) throw reply.readError ? new FileReadError(reply.message) : new Error(reply.message);
    results.push(reply.scan);
    ran += 1;
  }
  // a worker that failed to start claimed nothing; one that died mid-chunk is an error above
  return { ...mergeScans(results), workers: ran };
}

/**
 * The workers' replies once this thread has claimed every file. A worker still starting (loading
 * its modules, warming up) would only say it found nothing left: it is stopped instead of waited
 * for, so a scan that one thread finishes alone does not wait for the others to start.
 */
async function settle(
  workers: readonly RunningWorker[],
  states: Int32Array,
  stopLate: boolean,
): Promise<(ScanWorkerReply | undefined)[]> {
  const replies = workers.map(({ worker, reply }, slot) => {
    if (!stopLate || Atomics.compareExchange(states, slot, IDLE, CANCELLED) !== IDLE) return reply;
    void worker?.terminate();
    return undefined;
  });
  return Promise.all(replies);
}

/**
 * A worker running scan-worker beside this module: the compiled `.js`, or, when the CLI runs
 * from its TypeScript sources (development, tests), the `.ts` through tsx's loader, which
 * workers do not inherit.
 */
function startWorker(data: ScanWorkerData): Worker {
  if (!import.meta.url.endsWith(".ts"))
    return new Worker(new URL("./scan-worker.js", import.meta.url), { workerData: data });
  const loader = pathToFileURL(
    createRequire(import.meta.url)
      .resolve("tsx/esm/api")
      .replace(/\.cjs$/, ".mjs"),
  ).href;
  const worker = new URL("./scan-worker.ts", import.meta.url).href;
  const source = `import(${JSON.stringify(loader)}).then(({ register }) => { register(); return import(${JSON.stringify(worker)}); });`;
  return new Worker(source, { eval: true, workerData: data });
}

/**
 * A worker and its reply; undefined when the worker could not start (it claimed no file); a
 * failure when it stopped without replying after it started, since files it claimed went unscanned.
 */
interface RunningWorker {
  worker: Worker | undefined;
  reply: Promise<ScanWorkerReply | undefined>;
}

function runWorker(data: ScanWorkerData): RunningWorker {
  let worker: Worker;
  try {
    worker = startWorker(data);
  } catch {
    return { worker: undefined, reply: Promise.resolve(undefined) };
  }
  const reply = new Promise<ScanWorkerReply | undefined>((resolve) => {
    let started = false;
    let reply: ScanWorkerReply | undefined;
    const failed = (why: string): ScanWorkerReply | undefined =>
      started ? { ok: false, message: `a scan thread stopped: ${why}`, readError: false } : undefined;
    worker.on("message", (message: ScanWorkerReply | typeof STARTED) => {
      if (message === STARTED) started = true;
      else reply = message;
    });
    worker.once("error", (error) => resolve(reply ?? failed(error.message)));
    worker.once("exit", (code) => resolve(reply ?? failed(`exit code ${code}`)));
  });
  return { worker, reply };
}

/**
 * A worker thread of `autopilot scan` (see scan-threads.ts): scans the chunks of files it claims
 * from the shared counter and posts the result, or the message of the error that stopped it.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { SecretAllowlist } from "../core/secrets/index.js";
import type { CompiledScanOptions } from "../core/secrets/compile-scan-options-with.js";
import { compileAllowlist, FileReadError, scanFileList, type ListedFile } from "./scan-file-list.js";

export interface ScanWorkerData {
  cwd: string;
  files: ListedFile[];
  allowlist: SecretAllowlist;
  /** the next file to claim, shared by every thread of the scan */
  next: Int32Array;
  /** one slot per worker, shared: IDLE until the worker or the main thread moves it on */
  states: Int32Array;
  /** this worker's slot in `states` */
  slot: number;
}

/** not started yet: the main thread may still cancel it */
export const IDLE = 0;
/** started claiming files: the main thread waits for its reply */
export const WORKING = 1;
/** cancelled by the main thread, which scanned every file before the worker started */
export const CANCELLED = 2;

export type ScanWorkerReply =
  | { ok: true; scan: ReturnType<typeof scanFileList> }
  | { ok: false; message: string; readError: boolean };

/** posted before the worker claims any file: from then on, its end without a reply is a failure */
export const STARTED = "started";

/** The worker's one job: scan the files it claims, then say how it went. */
function scanClaimedFiles(data: ScanWorkerData, compiled: CompiledScanOptions): ScanWorkerReply {
  try {
    return { ok: true, scan: scanFileList(data.cwd, data.files, compiled, data.next) };
  } catch (error) {
    Atomics.store(data.next, 0, data.files.length); // the others stop claiming: the scan has failed
    return { ok: false, message: (error as Error).message, readError: error instanceof FileReadError };
  }
}

const data = workerData as ScanWorkerData | undefined;
// compiled before claiming anything (the main thread compiled the same allowlist without error)
const compiled = data && (await compileAllowlist(data.allowlist));
// a worker that starts after the main thread has finished the scan leaves at once
if (data && compiled && Atomics.compareExchange(data.states, data.slot, IDLE, WORKING) === IDLE) {
  parentPort?.postMessage(STARTED);
  parentPort?.postMessage(scanClaimedFiles(data, compiled));
}

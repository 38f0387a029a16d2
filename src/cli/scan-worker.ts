/**
 * A worker thread of `autopilot scan` (see scan-files.ts): scans its share of the files and
 * posts the result, or the message of the error that stopped it.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { SecretAllowlist } from "../core/secrets/index.js";
import { FileReadError, scanFileList, type ListedFile } from "./scan-file-list.js";

export interface ScanWorkerData {
  cwd: string;
  files: ListedFile[];
  indices: number[];
  allowlist: SecretAllowlist;
}

export type ScanWorkerReply =
  | { ok: true; scan: ReturnType<typeof scanFileList> }
  | { ok: false; message: string; readError: boolean };

const data = workerData as ScanWorkerData;
let reply: ScanWorkerReply;
try {
  reply = { ok: true, scan: scanFileList(data.cwd, data.files, data.indices, data.allowlist) };
} catch (error) {
  reply = { ok: false, message: (error as Error).message, readError: error instanceof FileReadError };
}
parentPort?.postMessage(reply);

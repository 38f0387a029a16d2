import type { SecretAllowlist } from "../core/secrets/index.js";
import {
  compileAllowlist,
  MIN_FILES_PER_THREAD,
  mergeScans,
  scanFileList,
  type ListedFile,
  type ReportedFinding,
  type SkippedFile,
} from "./scan-file-list.js";

/**
 * Reads and scans `files` on up to `jobs` threads (one per idle core when undefined: see
 * scan-threads.ts), findings in the order of `files`. Fewer than two threads' worth of files
 * are scanned in this thread alone, without loading the worker pool (worker_threads, os): what a
 * pre-commit hook's `autopilot scan FILE` does. `workers` says how many workers ran.
 */
export async function scanFiles(
  cwd: string,
  files: readonly ListedFile[],
  allowlist: SecretAllowlist,
  jobs: number | undefined,
  options: {
    /** `false` waits for every worker to start (tests of the workers themselves) */
    stopLateWorkers?: boolean;
  } = {},
): Promise<{ findings: ReportedFinding[]; skipped: SkippedFile[]; files: number; bytes: number; workers: number }> {
  const compiled = await compileAllowlist(allowlist);
  if (files.length < 2 * MIN_FILES_PER_THREAD || jobs === 1)
    return { ...mergeScans([scanFileList(cwd, files, compiled)]), workers: 0 };
  const { scanOnThreads } = await import("./scan-threads.js");
  return scanOnThreads(cwd, files, { allowlist, compiled }, jobs, options);
}

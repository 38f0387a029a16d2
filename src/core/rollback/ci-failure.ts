import type { CheckSource } from "../merge/index.js";

/** A failure the default branch's CI reported on one commit: a check run or a commit status. */
export interface CiFailure {
  /** the check run's name or the status's context */
  name: string;
  /** the commit it reported on */
  sha: string;
  /** `failure`, `timed_out`… for a check run; `failure` or `error` for a status */
  outcome: string;
  /** who reported it: the check run's app, the status's poster (GitHub does not say which app posted a status) */
  source: CheckSource;
  /** the check's page (`html_url`, `details_url` or `target_url`), when it gave one */
  url: string | null;
}

/** Conclusions that mean the check found a problem; `cancelled`, `skipped`, `neutral` and `stale` do not. */
const failedConclusions = new Set(["failure", "timed_out", "action_required", "startup_failure"]);

/** Whether a completed check run's conclusion is a failure. */
export const checkRunFailed = (conclusion: string | null | undefined): boolean =>
  failedConclusions.has(conclusion ?? "");

/** Whether a commit status's state is a failure. */
export const statusFailed = (state: string): boolean => state === "failure" || state === "error";

/** Who reported a failure, as the queue records it: `app:<slug>` or the account's login. */
export const reporterOf = (source: CheckSource): string =>
  source.kind === "check_run" ? `app:${source.app ?? "unknown"}` : (source.creator ?? "unknown");

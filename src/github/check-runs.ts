import type { GateResult } from "../core/gate-result.js";
import { annotationBatches, capSummary, type GithubAnnotation } from "./check-run-output.js";
import type { GithubClient, RepoRef } from "./client.js";

export interface StartCheckRunOptions extends RepoRef {
  headSha: string;
  name: string;
  externalId?: string;
  detailsUrl?: string;
}

export interface CompleteCheckRunOptions extends RepoRef {
  checkRunId: number;
  result: GateResult;
}

export interface PublishGateResultOptions extends RepoRef {
  headSha: string;
  result: GateResult;
  /** A run already started for this gate (`startCheckRun`); without it the run is created completed. */
  checkRunId?: number;
  externalId?: string;
  detailsUrl?: string;
}

const optional = (externalId?: string, detailsUrl?: string) => ({
  ...(externalId === undefined ? {} : { external_id: externalId }),
  ...(detailsUrl === undefined ? {} : { details_url: detailsUrl }),
});

const outputOf = (result: GateResult, annotations: GithubAnnotation[]) => ({
  title: result.title,
  summary: capSummary(result.summary),
  ...(annotations.length > 0 ? { annotations } : {}),
});

/**
 * Sends the annotations past the first batch: GitHub appends each update's annotations to the
 * run's and, as the update names no status or conclusion, leaves the completed run as it is.
 * One call per batch, in order, so the annotations list in the order the gate reported them.
 */
async function appendAnnotations(octokit: GithubClient, { owner, repo }: RepoRef, checkRunId: number, result: GateResult, rest: GithubAnnotation[][]) {
  for (const batch of rest) {
    await octokit.rest.checks.update({ owner, repo, check_run_id: checkRunId, output: outputOf(result, batch) });
  }
}

/** Creates the gate's check run on `headSha`, `in_progress`, so the PR shows the gate running. */
export async function startCheckRun(octokit: GithubClient, options: StartCheckRunOptions): Promise<number> {
  const { owner, repo, headSha, name } = options;
  const { data } = await octokit.rest.checks.create({
    owner,
    repo,
    head_sha: headSha,
    name,
    status: "in_progress",
    started_at: new Date().toISOString(),
    ...optional(options.externalId, options.detailsUrl),
  });
  return data.id;
}

/**
 * Completes a started run with the gate's result: conclusion, title and summary (capped at 65,535
 * characters with a note of what was cut) and the first 50 annotations in one call, then the
 * other annotations 50 per call.
 */
export async function completeCheckRun(octokit: GithubClient, options: CompleteCheckRunOptions): Promise<void> {
  const { owner, repo, checkRunId, result } = options;
  const [first = [], ...rest] = annotationBatches(result.annotations);
  await octokit.rest.checks.update({
    owner,
    repo,
    check_run_id: checkRunId,
    status: "completed",
    conclusion: result.conclusion,
    completed_at: new Date().toISOString(),
    output: outputOf(result, first),
  });
  await appendAnnotations(octokit, options, checkRunId, result, rest);
}

/**
 * Publishes a gate's result on `headSha` and returns the run's id. With `checkRunId` it completes
 * that run; otherwise it creates the run already completed, which saves the call `startCheckRun`
 * would make (a gate that finishes within the webhook's work item needs no in-progress phase).
 */
export async function publishGateResult(octokit: GithubClient, options: PublishGateResultOptions): Promise<number> {
  const { owner, repo, headSha, result, checkRunId } = options;
  if (checkRunId !== undefined) {
    await completeCheckRun(octokit, { owner, repo, checkRunId, result });
    return checkRunId;
  }
  const [first = [], ...rest] = annotationBatches(result.annotations);
  const { data } = await octokit.rest.checks.create({
    owner,
    repo,
    head_sha: headSha,
    name: result.name,
    status: "completed",
    conclusion: result.conclusion,
    completed_at: new Date().toISOString(),
    output: outputOf(result, first),
    ...optional(options.externalId, options.detailsUrl),
  });
  await appendAnnotations(octokit, options, data.id, result, rest);
  return data.id;
}

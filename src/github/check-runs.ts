import type { GateResult } from "../core/gate-result.js";
import { annotationBatches, capSummary, detailsText, redactOutput, type GithubAnnotation } from "./check-run-output.js";
import type { GithubClient, RepoRef } from "./client.js";

export interface PublishGateResultOptions extends RepoRef {
  headSha: string;
  result: GateResult;
  externalId?: string;
  detailsUrl?: string;
}

const optional = (externalId?: string, detailsUrl?: string) => ({
  ...(externalId === undefined ? {} : { external_id: externalId }),
  ...(detailsUrl === undefined ? {} : { details_url: detailsUrl }),
});

const optionalText = (text: string | undefined) => (text === undefined ? {} : { text });

const outputOf = (result: GateResult, annotations: GithubAnnotation[]) => ({
  title: redactOutput(result.title),
  summary: capSummary(result.summary),
  ...optionalText(detailsText(result.text)),
  ...(annotations.length > 0 ? { annotations } : {}),
});

/**
 * Publishes a result on `headSha` as a check run created already completed (a result computed
 * within one work item needs no in-progress phase) and returns the run's id: conclusion, title
 * and summary (capped at 65,535 UTF-8 bytes with a note of what was cut) and the first 50
 * annotations in one call, then the other annotations 50 per call. The gates of a pull request
 * go through GraphQL instead (`graphql-check-runs.ts`), all runs in one request.
 */
export async function publishGateResult(octokit: GithubClient, options: PublishGateResultOptions): Promise<number> {
  const { owner, repo, headSha, result } = options;
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
  // GitHub appends each update's annotations to the run's and, as the update names no status or
  // conclusion, leaves the completed run as it is; one call per batch, in the gate's order
  for (const batch of rest) {
    await octokit.rest.checks.update({ owner, repo, check_run_id: data.id, output: outputOf(result, batch) });
  }
  return data.id;
}

import type { CheckAnnotationState, CheckRunState, RepoState, SandboxState } from "../state/index.js";
import { appJson, appManifest, appWithId } from "./app.js";
import type { Links } from "./links.js";

/**
 * GitHub's `pull-request-minimal` for each open pull request whose head is `sha`: the
 * `pull_requests` of check runs and check suites.
 */
export function pullRequestsAtJson(repo: RepoState, sha: string, links: Links): Record<string, unknown>[] {
  const repoRef = { id: repo.id, url: `${links.api}/repos/${repo.fullName}`, name: repo.name };
  const pulls = [];
  for (const issue of repo.issues.values()) {
    const pull = issue.pull;
    // GitHub lists no fork's pull request here
    if (!pull || issue.state !== "open" || pull.head.sha !== sha || pull.head.repo !== undefined) continue;
    pulls.push({
      id: issue.pullId ?? issue.id,
      number: issue.number,
      url: `${links.api}/repos/${repo.fullName}/pulls/${issue.number}`,
      head: { ref: pull.head.ref, sha: pull.head.sha, repo: repoRef },
      base: { ref: pull.base.ref, sha: pull.base.sha, repo: repoRef },
    });
  }
  return pulls;
}

/** Where a check run lives in the API. */
export const checkRunUrl = (repo: RepoState, runId: number, links: Links): string =>
  `${links.api}/repos/${repo.fullName}/check-runs/${runId}`;

/**
 * GitHub's `check-run`. A run without a `details_url` points at the app's homepage, as GitHub
 * documents; `output.annotations_count` counts every annotation appended so far.
 */
export function checkRunJson(
  state: SandboxState,
  repo: RepoState,
  run: CheckRunState,
  links: Links,
): Record<string, unknown> {
  const url = checkRunUrl(repo, run.id, links);
  return {
    id: run.id,
    head_sha: run.headSha,
    node_id: run.nodeId,
    external_id: run.externalId ?? "",
    url,
    html_url: `${links.web}/${repo.fullName}/runs/${run.id}`,
    details_url:
      run.detailsUrl ?? appWithId(state, repo.checkSuites.get(run.suiteId)?.appId).externalUrl ?? appManifest.url,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: {
      title: run.output.title,
      summary: run.output.summary,
      text: run.output.text,
      annotations_count: run.output.annotations.length,
      annotations_url: `${url}/annotations`,
    },
    name: run.name,
    check_suite: { id: run.suiteId },
    app: appJson(state, links, appWithId(state, repo.checkSuites.get(run.suiteId)?.appId)),
    pull_requests: pullRequestsAtJson(repo, run.headSha, links),
  };
}

/** GitHub's `check-annotation`: absent optional fields are null, `blob_href` links the file at the run's commit. */
export function checkAnnotationJson(
  repo: RepoState,
  run: CheckRunState,
  annotation: CheckAnnotationState,
  links: Links,
): Record<string, unknown> {
  return {
    path: annotation.path,
    blob_href: `${links.web}/${repo.fullName}/blob/${run.headSha}/${annotation.path}`,
    start_line: annotation.start_line,
    end_line: annotation.end_line,
    start_column: annotation.start_column ?? null,
    end_column: annotation.end_column ?? null,
    annotation_level: annotation.annotation_level,
    title: annotation.title ?? null,
    message: annotation.message,
    raw_details: annotation.raw_details ?? null,
  };
}

import { appJson, appWithId } from "../represent/app.js";
import { checkRunJson, pullRequestsAtJson } from "../represent/check-run.js";
import { checkSuiteJson, simpleCheckSuiteJson } from "../represent/check-suite.js";
import { commitJson } from "../represent/commit.js";
import { statusJson } from "../represent/status.js";
import type { Links } from "../represent/index.js";
import type { CheckSuiteState, RepoState, SandboxState } from "../state/index.js";
import { basePayload, type Payload } from "./payload-base.js";
import type { SandboxEvent } from "./sandbox-event.js";

type SuiteEvent = Extract<SandboxEvent, { name: "check_suite" }>;
type RunEvent = Extract<SandboxEvent, { name: "check_run" }>;
type StatusEvent = Extract<SandboxEvent, { name: "status" }>;

async function suiteForWebhook(
  state: SandboxState,
  repo: RepoState,
  suite: CheckSuiteState,
  links: Links,
): Promise<Payload> {
  const json = await checkSuiteJson(state, repo, suite, links);
  let runs = 0;
  for (const run of repo.checkRuns.values()) if (run.suiteId === suite.id) runs += 1;
  return {
    ...json,
    before: suite.before,
    after: suite.headSha,
    pull_requests: pullRequestsAtJson(repo, suite.headSha, links),
    app: appJson(state, links, appWithId(state, suite.appId)),
    latest_check_runs_count: runs,
    check_runs_url: `${links.api}/repos/${repo.fullName}/check-suites/${suite.id}/check-runs`,
  };
}

/** `check_suite`: the app's suite for a head commit, with the pull requests at that head. */
export async function checkSuitePayload(state: SandboxState, links: Links, event: SuiteEvent): Promise<Payload> {
  const payload = basePayload(state, links, "check_suite", event.action, event.repo, event.sender);
  payload.check_suite = await suiteForWebhook(state, event.repo, event.suite, links);
  return payload;
}

/** `check_run`: the run, and for `requested_action` the button the user pressed. */
export async function checkRunPayload(state: SandboxState, links: Links, event: RunEvent): Promise<Payload> {
  const payload = basePayload(state, links, "check_run", event.action, event.repo, event.sender);
  const run = await checkRunJson(state, event.repo, event.run, links);
  const suite = event.repo.checkSuites.get(event.run.suiteId);
  if (suite) run.check_suite = simpleCheckSuiteJson(state, event.repo, suite, links);
  payload.check_run = run;
  delete payload.requested_action;
  if (event.requestedAction) payload.requested_action = event.requestedAction;
  return payload;
}

/** `status`: a commit status, with the commit and the branches whose tip it is. */
export async function statusPayload(state: SandboxState, links: Links, event: StatusEvent): Promise<Payload> {
  const { repo, status } = event;
  const payload = basePayload(state, links, "status", undefined, repo, event.sender);
  const json = statusJson(repo, status, links);
  const branches = [];
  for (const ref of await repo.git.listRefs("heads/")) {
    if (ref.sha !== status.sha) continue;
    const name = ref.ref.slice("refs/heads/".length);
    branches.push({
      name,
      commit: { sha: ref.sha, url: `${links.api}/repos/${repo.fullName}/commits/${ref.sha}` },
      protected: false,
    });
  }
  const commit = await repo.git.getCommit(status.sha);
  if (commit) payload.commit = commitJson(repo, commit, links);
  Object.assign(payload, {
    id: status.id,
    sha: status.sha,
    name: repo.fullName,
    target_url: status.targetUrl,
    context: status.context,
    description: status.description,
    state: status.state,
    branches,
    created_at: json.created_at,
    updated_at: json.updated_at,
  });
  return payload;
}

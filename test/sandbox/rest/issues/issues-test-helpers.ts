import { ProbotOctokit } from "probot";
import { legacyNodeId, type IssueState } from "../../../../src/sandbox/state/index.js";
import type { RestFixture, TestOctokit } from "../rest-fixture.js";

/** Octokit's RequestError, as far as these tests read it. */
export interface ApiError {
  status: number;
  response: { data: { message: string; errors?: unknown[] }; headers: Record<string, string> };
}

/** The error a request fails with; throws when it succeeds. */
export async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error as ApiError,
  );
  if (!outcome) throw new Error("expected the request to fail");
  return outcome;
}

const silentLog = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** The app with an installation token narrowed to `permissions`. */
export function installationWith(fixture: RestFixture, permissions: Record<string, string>): TestOctokit {
  const { token } = fixture.ctx.auth.createInstallationToken(fixture.installationId, { permissions });
  return new ProbotOctokit({
    auth: { token },
    baseUrl: fixture.url,
    log: silentLog,
    request: { retries: 0 },
    retry: { enabled: false },
    throttle: { enabled: false },
  });
}

/** A pull request put straight into the state (the pulls handlers are another area's). */
export function seedPull(fixture: RestFixture, title: string, author = "octocat"): IssueState {
  const { state } = fixture.ctx;
  const { repo } = fixture;
  const id = state.nextId();
  const now = state.iso();
  const pull: IssueState = {
    id,
    nodeId: legacyNodeId("Issue", id),
    number: repo.nextNumber++,
    title,
    body: null,
    user: state.ensureUser(author),
    state: "open",
    stateReason: null,
    labels: [],
    assignees: [],
    locked: false,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    closedBy: null,
    pull: {
      head: { ref: "feature", sha: fixture.initialSha },
      base: { ref: "main", sha: fixture.initialSha },
      draft: false,
      merged: false,
      mergedAt: null,
      mergedBy: null,
      mergeCommitSha: null,
      maintainerCanModify: false,
      requestedReviewers: [],
    },
    pullId: state.nextId(),
    pullNodeId: legacyNodeId("PullRequest", id),
  };
  repo.issues.set(pull.number, pull);
  return pull;
}

/** The events as `name.action` (or `name`), for compact assertions. */
export function eventNames(fixture: RestFixture): string[] {
  return fixture.events.map((event) => ("action" in event ? `${event.name}.${event.action}` : event.name));
}

/** No request was answered with a 500 for a response GitHub's description would not allow. */
export function loggedErrors(fixture: RestFixture): string[] {
  return fixture.logged.filter((line) => line.level === "error").map((line) => `${line.message} ${JSON.stringify(line.fields)}`);
}

import { legacyNodeId, type IssueState } from "../../../src/state/index.js";
import type { RestFixture } from "../rest-fixture.js";

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

export { eventNames, loggedErrors } from "../rest-fixture.js";

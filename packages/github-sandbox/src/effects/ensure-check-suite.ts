import type { CheckSuiteState, RepoState, SandboxState } from "../state/index.js";
import { legacyNodeId } from "../state/index.js";

/**
 * An app's check suite for `headSha` (GitHub keeps one per app and commit), created if missing;
 * `appId` defaults to the sandbox's own app.
 */
export function findOrCreateCheckSuite(
  state: SandboxState,
  repo: RepoState,
  headSha: string,
  headBranch: string | null,
  appId: number = state.app.id,
): { suite: CheckSuiteState; created: boolean } {
  for (const suite of repo.checkSuites.values()) {
    if (suite.headSha === headSha && suite.appId === appId) return { suite, created: false };
  }
  const id = state.nextId();
  const now = state.iso();
  const suite: CheckSuiteState = {
    id,
    nodeId: legacyNodeId("CheckSuite", id),
    appId,
    headSha,
    headBranch,
    before: null,
    status: "queued",
    conclusion: null,
    createdAt: now,
    updatedAt: now,
  };
  repo.checkSuites.set(id, suite);
  return { suite, created: true };
}

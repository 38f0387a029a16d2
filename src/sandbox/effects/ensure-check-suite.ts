import type { CheckSuiteState, RepoState, SandboxState } from "../state/index.js";
import { legacyNodeId } from "../state/index.js";

/** The app's check suite for `headSha` (GitHub keeps one per app and commit), created if missing. */
export function findOrCreateCheckSuite(
  state: SandboxState,
  repo: RepoState,
  headSha: string,
  headBranch: string | null,
): { suite: CheckSuiteState; created: boolean } {
  for (const suite of repo.checkSuites.values()) {
    if (suite.headSha === headSha) return { suite, created: false };
  }
  const id = state.nextId();
  const now = state.iso();
  const suite: CheckSuiteState = {
    id,
    nodeId: legacyNodeId("CheckSuite", id),
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

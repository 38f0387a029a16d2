import {
  legacyNodeId,
  type CheckRunState,
  type CheckSuiteState,
  type RepoState,
  type SandboxState,
} from "../state/index.js";
import { pageSize } from "./field-error.js";

/** `CheckRun.filterBy` / `CheckSuite.filterBy` as GraphQL hands them over (absent or null when not given). */
export interface CheckRunFilter {
  appId?: number | null;
  checkName?: string | null;
  checkType?: "ALL" | "LATEST" | null;
  conclusions?: readonly string[] | null;
  status?: string | null;
  statuses?: readonly string[] | null;
}

const upper = (value: string | null): string | null => (value === null ? null : value.toUpperCase());

/** The runs of a suite a filter selects, oldest first; `LATEST` keeps the newest run of each name, as GitHub shows them. */
function selectRuns(repo: RepoState, suite: CheckSuiteState, filter: CheckRunFilter): CheckRunState[] {
  if (filter.appId !== undefined && filter.appId !== null && filter.appId !== suite.appId) return [];
  let runs = [...repo.checkRuns.values()].filter((run) => run.suiteId === suite.id).sort((a, b) => a.id - b.id);
  if (filter.checkType === "LATEST") {
    const latest = new Map<string, CheckRunState>();
    for (const run of runs) latest.set(run.name, run);
    runs = [...latest.values()].sort((a, b) => a.id - b.id);
  }
  if (filter.checkName) runs = runs.filter((run) => run.name === filter.checkName);
  const statuses = filter.statuses ?? (filter.status ? [filter.status] : undefined);
  if (statuses) runs = runs.filter((run) => statuses.includes(run.status.toUpperCase()));
  if (filter.conclusions)
    runs = runs.filter((run) => run.conclusion !== null && filter.conclusions!.includes(run.conclusion.toUpperCase()));
  return runs;
}

/** The suite's `App`: which GitHub App made the suite and its runs. */
function appNode(state: SandboxState, appId: number): Record<string, unknown> | null {
  const app = state.appById(appId);
  if (!app) return null;
  return { id: legacyNodeId("App", app.id), databaseId: app.id, slug: app.slug, name: app.name };
}

/** A `CheckSuite` for graphql-js: plain fields, and `checkRuns(first, filterBy)` resolved on demand. */
function checkSuiteNode(state: SandboxState, repo: RepoState, suite: CheckSuiteState): Record<string, unknown> {
  return {
    id: suite.nodeId,
    databaseId: suite.id,
    status: suite.status.toUpperCase(),
    conclusion: upper(suite.conclusion),
    app: () => appNode(state, suite.appId),
    checkRuns: ({ first, filterBy }: { first?: number | null; filterBy?: CheckRunFilter | null }) => {
      const size = pageSize(first, "checkRuns");
      const runs = selectRuns(repo, suite, filterBy ?? {});
      return { totalCount: runs.length, nodes: runs.slice(0, size).map((run) => checkRunNode(state, repo, run)) };
    },
  };
}

/** A `CheckRun` for graphql-js, status and conclusion in GraphQL's upper case. */
export function checkRunNode(state: SandboxState, repo: RepoState, run: CheckRunState): Record<string, unknown> {
  return {
    id: run.nodeId,
    databaseId: run.id,
    name: run.name,
    status: run.status.toUpperCase(),
    conclusion: upper(run.conclusion),
    title: run.output.title,
    summary: run.output.summary,
    text: run.output.text,
    detailsUrl: run.detailsUrl,
    externalId: run.externalId,
    startedAt: run.startedAt,
    completedAt: run.completedAt,
    checkSuite: () => {
      const suite = repo.checkSuites.get(run.suiteId);
      if (!suite) throw new Error(`sandbox: check run ${run.id} names suite ${run.suiteId}, which does not exist`);
      return checkSuiteNode(state, repo, suite);
    },
  };
}

/** `Commit.checkSuites(first, filterBy)`: the suites of every app on the commit, oldest first. */
export function checkSuitesAt(
  state: SandboxState,
  repo: RepoState,
  sha: string,
  args: { first?: number | null; filterBy?: { appId?: number | null; checkName?: string | null } | null },
) {
  const size = pageSize(args.first, "checkSuites");
  const filter = args.filterBy ?? {};
  let suites = [...repo.checkSuites.values()].filter((suite) => suite.headSha === sha).sort((a, b) => a.id - b.id);
  if (filter.appId !== undefined && filter.appId !== null)
    suites = suites.filter((suite) => suite.appId === filter.appId);
  if (filter.checkName)
    suites = suites.filter((suite) =>
      [...repo.checkRuns.values()].some((run) => run.suiteId === suite.id && run.name === filter.checkName),
    );
  return { totalCount: suites.length, nodes: suites.slice(0, size).map((suite) => checkSuiteNode(state, repo, suite)) };
}

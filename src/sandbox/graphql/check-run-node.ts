import type { CheckRunState, CheckSuiteState, RepoState } from "../state/index.js";
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
function selectRuns(repo: RepoState, suite: CheckSuiteState, appId: number, filter: CheckRunFilter): CheckRunState[] {
  if (filter.appId !== undefined && filter.appId !== null && filter.appId !== appId) return [];
  let runs = [...repo.checkRuns.values()].filter((run) => run.suiteId === suite.id).sort((a, b) => a.id - b.id);
  if (filter.checkType === "LATEST") {
    const latest = new Map<string, CheckRunState>();
    for (const run of runs) latest.set(run.name, run);
    runs = [...latest.values()].sort((a, b) => a.id - b.id);
  }
  if (filter.checkName) runs = runs.filter((run) => run.name === filter.checkName);
  const statuses = filter.statuses ?? (filter.status ? [filter.status] : undefined);
  if (statuses) runs = runs.filter((run) => statuses.includes(run.status.toUpperCase()));
  if (filter.conclusions) runs = runs.filter((run) => run.conclusion !== null && filter.conclusions!.includes(run.conclusion.toUpperCase()));
  return runs;
}

/** A `CheckSuite` for graphql-js: plain fields, and `checkRuns(first, filterBy)` resolved on demand. */
function checkSuiteNode(repo: RepoState, suite: CheckSuiteState, appId: number): Record<string, unknown> {
  return {
    id: suite.nodeId,
    databaseId: suite.id,
    status: suite.status.toUpperCase(),
    conclusion: upper(suite.conclusion),
    checkRuns: ({ first, filterBy }: { first?: number | null; filterBy?: CheckRunFilter | null }) => {
      const size = pageSize(first, "checkRuns");
      const runs = selectRuns(repo, suite, appId, filterBy ?? {});
      return { totalCount: runs.length, nodes: runs.slice(0, size).map((run) => checkRunNode(repo, run, appId)) };
    },
  };
}

/** A `CheckRun` for graphql-js, status and conclusion in GraphQL's upper case. */
export function checkRunNode(repo: RepoState, run: CheckRunState, appId: number): Record<string, unknown> {
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
      return checkSuiteNode(repo, suite, appId);
    },
  };
}

/** `Commit.checkSuites(first, filterBy)`: the app's suites on the commit (every suite in the sandbox is the app's). */
export function checkSuitesAt(repo: RepoState, sha: string, appId: number, args: { first?: number | null; filterBy?: { appId?: number | null; checkName?: string | null } | null }) {
  const size = pageSize(args.first, "checkSuites");
  const filter = args.filterBy ?? {};
  let suites = [...repo.checkSuites.values()].filter((suite) => suite.headSha === sha).sort((a, b) => a.id - b.id);
  if (filter.appId !== undefined && filter.appId !== null && filter.appId !== appId) suites = [];
  if (filter.checkName) suites = suites.filter((suite) => [...repo.checkRuns.values()].some((run) => run.suiteId === suite.id && run.name === filter.checkName));
  return { totalCount: suites.length, nodes: suites.slice(0, size).map((suite) => checkSuiteNode(repo, suite, appId)) };
}

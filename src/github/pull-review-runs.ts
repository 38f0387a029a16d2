import { modelReviewsAmong } from "../core/review/review-budget.js";
import type { GithubClient, RepoRef } from "./client.js";

/** One of the app's runs of a name on one of a pull request's commits. */
export interface PullRun {
  title: string | null;
  conclusion: string | null;
}

/** The pull request's commits a first read left out: those before `before`, `commits` of them. */
export interface EarlierPullCommits {
  before: string;
  commits: number;
}

type PullRunSuite = { checkRuns: { nodes: Array<PullRun | null> } | null } | null;
/** A page of `PullRequest.commits` as `pullRunsSelection` asks for it. */
export interface PullRunsPage {
  totalCount: number;
  pageInfo: { hasPreviousPage: boolean; startCursor: string | null };
  nodes: Array<{ commit: { checkSuites: { nodes: PullRunSuite[] } | null } } | null> | null;
}

/**
 * What a query asks of `commits(last: 100 …)` for the app's (`$pullApp`) runs named `$pullCheck`
 * on each commit, and where the page starts. `last`: the newest commits, the head among them.
 */
export const pullRunsSelection =
  "totalCount pageInfo { hasPreviousPage startCursor } nodes { commit { checkSuites(first: 5, filterBy: { appId: $pullApp, checkName: $pullCheck }) { nodes { checkRuns(first: 10, filterBy: { checkName: $pullCheck }) { nodes { title conclusion } } } } } }";

/** The runs on a page's commits, oldest commit first. */
export function runsOfPage(page: PullRunsPage | undefined): PullRun[] {
  return (page?.nodes ?? []).flatMap((node) =>
    (node?.commit.checkSuites?.nodes ?? []).flatMap((suite) =>
      (suite?.checkRuns?.nodes ?? []).filter((run): run is PullRun => run !== null),
    ),
  );
}

/** The cursor to read the commits before the page by, when there are some (GitHub's `hasPreviousPage`). */
const cursorBefore = (page: PullRunsPage | undefined): string | undefined =>
  page?.pageInfo.hasPreviousPage ? (page.pageInfo.startCursor ?? undefined) : undefined;

/** The commits before the newest page (its `totalCount` is the pull request's), when there are some. */
export function earlierThan(page: PullRunsPage | undefined): EarlierPullCommits | undefined {
  const before = cursorBefore(page);
  return before === undefined || page === undefined
    ? undefined
    : { before, commits: page.totalCount - (page.nodes?.length ?? 0) };
}

const earlierQuery = `query ($owner: String!, $name: String!, $pull: Int!, $pullCheck: String!, $pullApp: Int!, $before: String!) {
  repository(owner: $owner, name: $name) {
    pull: pullRequest(number: $pull) { commits(last: 100, before: $before) { ${pullRunsSelection} } }
  }
}`;

export interface EarlierPullRunsOptions extends RepoRef {
  pullNumber: number;
  checkName: string;
  appId: number;
  /** the commits the first read left out */
  earlier: EarlierPullCommits;
  /** the runs already read, on the later commits */
  later: readonly PullRun[];
  /** enough: once the runs hold this many model reviews, older commits cannot change the verdict */
  cap: number;
}

/**
 * The app's runs of a name on every commit of a pull request: `later` with the runs on the older
 * commits before it, read 100 commits a request from the newest back (`commits(last: 100,
 * before:)`), so an agent pushing past 100 commits does not push its earlier reviews out of the
 * count. It stops once the runs hold `cap` model reviews (`modelReviewsAmong`): the budget is spent
 * whatever the older commits hold. At most as many pages as the first read's count of older
 * commits needs, so a cursor that does not move cannot loop.
 */
export async function readEarlierPullRuns(octokit: GithubClient, options: EarlierPullRunsOptions): Promise<PullRun[]> {
  const { owner, repo, pullNumber, checkName, appId, cap } = options;
  let runs = [...options.later];
  let before: string | undefined = options.earlier.before;
  let pages = Math.ceil(options.earlier.commits / 100);
  while (before !== undefined && pages > 0 && modelReviewsAmong(runs) < cap) {
    pages -= 1;
    const answer = await octokit.graphql<{ repository: { pull: { commits: PullRunsPage } | null } }>(earlierQuery, {
      owner,
      name: repo,
      pull: pullNumber,
      pullCheck: checkName,
      pullApp: appId,
      before,
    });
    const page = answer.repository.pull?.commits;
    runs = [...runsOfPage(page), ...runs];
    before = cursorBefore(page);
  }
  return runs;
}

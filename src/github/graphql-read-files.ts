import type { GithubClient, RepoRef } from "./client.js";
import { readTextFile } from "./repo-files.js";
import {
  earlierThan,
  type EarlierPullCommits,
  type PullRun,
  type PullRunsPage,
  pullRunsSelection,
  runsOfPage,
} from "./pull-review-runs.js";

export type { PullRun } from "./pull-review-runs.js";

/** A file to read: its key in the answer, and where it is (a branch, tag or sha, and a path). */
export interface FileRequest {
  key: string;
  ref: string;
  path: string;
}

export interface FileText {
  text: string;
  /** the blob's sha */
  oid: string;
}

/** The latest run of a name on a commit. */
export interface RunState {
  status: string;
  conclusion: string | null;
}

export interface ReadFilesOptions extends RepoRef {
  files: readonly FileRequest[];
  /**
   * Also read the latest check runs on `sha`, in the suites holding a run named `checkName`, of
   * the app `appId` only: another app's runs of the same names are not its own.
   */
  checksAt?: { sha: string; checkName: string; appId: number };
  /**
   * Also read the runs named `checkName` the app `appId` made on each of the pull request's
   * commits (its newest 100; `earlierPullCommits` says whether there are more): the reviews it has
   * had (only the app writes its own runs).
   */
  runsOfPull?: { pullNumber: number; checkName: string; appId: number };
}

export interface FilesRead {
  /** The repository's node id, which GraphQL mutations name it by. */
  repositoryId: string;
  /** Per key: the file's text, or undefined when it (or its ref) does not exist or is a directory. */
  files: Map<string, FileText | undefined>;
  /** Per check name, the app's latest run on `checksAt.sha` (GraphQL states: COMPLETED, SUCCESS, …). */
  runs: Map<string, RunState>;
  /** With `runsOfPull`: the app's runs of that name on the pull request's newest 100 commits, oldest commit first. */
  pullRuns?: PullRun[];
  /** With `runsOfPull`, when the pull request has more than 100 commits: the older ones, to read on (`readEarlierPullRuns`). */
  earlierPullCommits?: EarlierPullCommits;
}

type SuiteNode = {
  checkRuns: { nodes: Array<{ name: string; status: string; conclusion: string | null } | null> } | null;
};
type Blob = { oid?: string; text?: string | null; isBinary?: boolean | null; isTruncated?: boolean } | null;
interface Answer {
  repository: Record<string, unknown> & {
    id: string;
    head?: { checkSuites?: { nodes: Array<SuiteNode | null> } | null } | null;
    pull?: { commits: PullRunsPage } | null;
  };
}

function buildQuery(files: readonly FileRequest[], withChecks: boolean, withPullRuns: boolean): string {
  const declared = [
    "$owner: String!",
    "$name: String!",
    ...files.map((_, index) => `$e${index}: String!`),
    ...(withChecks ? ["$head: GitObjectID!", "$checkName: String!", "$appId: Int!"] : []),
    ...(withPullRuns ? ["$pull: Int!", "$pullCheck: String!", "$pullApp: Int!"] : []),
  ];
  const objects = files.map(
    (_, index) => `f${index}: object(expression: $e${index}) { ... on Blob { oid text isBinary isTruncated } }`,
  );
  const checks = withChecks
    ? [
        "head: object(oid: $head) { ... on Commit { checkSuites(first: 20, filterBy: { appId: $appId, checkName: $checkName }) { nodes { checkRuns(first: 50, filterBy: { checkType: LATEST }) { nodes { name status conclusion } } } } } }",
      ]
    : [];
  const pullRuns = withPullRuns
    ? [`pull: pullRequest(number: $pull) { commits(last: 100) { ${pullRunsSelection} } }`]
    : [];
  return `query (${declared.join(", ")}) {\n  repository(owner: $owner, name: $name) {\n    id\n    ${[...objects, ...checks, ...pullRuns].join("\n    ")}\n  }\n}`;
}

/**
 * Reads several files (each at its own ref) and, if asked, a commit's latest check runs, in one
 * GraphQL request (`repository { f0: object(expression: "main:path") { ... on Blob { text } } … }`)
 * instead of one REST call per file. A blob GraphQL cuts short or calls binary is read again
 * through REST's raw contents, so the text is exactly what `readTextFile` gives.
 */
export async function readFilesAndChecks(octokit: GithubClient, options: ReadFilesOptions): Promise<FilesRead> {
  const { owner, repo, files, checksAt, runsOfPull } = options;
  const variables: Record<string, string | number> = { owner, name: repo };
  files.forEach((file, index) => (variables[`e${index}`] = `${file.ref}:${file.path}`));
  if (checksAt) Object.assign(variables, { head: checksAt.sha, checkName: checksAt.checkName, appId: checksAt.appId });
  if (runsOfPull)
    Object.assign(variables, {
      pull: runsOfPull.pullNumber,
      pullCheck: runsOfPull.checkName,
      pullApp: runsOfPull.appId,
    });
  const { repository } = await octokit.graphql<Answer>(
    buildQuery(files, checksAt !== undefined, runsOfPull !== undefined),
    variables,
  );

  const read = new Map<string, FileText | undefined>();
  for (const [index, file] of files.entries()) {
    const blob = repository[`f${index}`] as Blob;
    if (!blob?.oid) {
      read.set(file.key, undefined);
    } else if (typeof blob.text === "string" && blob.isTruncated !== true) {
      read.set(file.key, { text: blob.text, oid: blob.oid });
    } else {
      const text = await readTextFile(octokit, { owner, repo, path: file.path, ref: file.ref });
      read.set(file.key, text === undefined ? undefined : { text, oid: blob.oid });
    }
  }
  const runs = new Map<string, RunState>();
  for (const suite of repository.head?.checkSuites?.nodes ?? []) {
    for (const run of suite?.checkRuns?.nodes ?? [])
      if (run) runs.set(run.name, { status: run.status, conclusion: run.conclusion });
  }
  const page = repository.pull?.commits;
  const earlierPullCommits = runsOfPull ? earlierThan(page) : undefined;
  return {
    repositoryId: repository.id,
    files: read,
    runs,
    ...(runsOfPull ? { pullRuns: runsOfPage(page) } : {}),
    ...(earlierPullCommits === undefined ? {} : { earlierPullCommits }),
  };
}

import { parseRawCommit, toCommitInfo } from "../../git/commit-info.js";
import type { CommitInfo } from "../../git/index.js";
import { isValidTreePath } from "../../git/object-name.js";
import { readObjects } from "../../git/read-objects.js";
import { gitOutput } from "../../git/run-git.js";
import type { RepoState } from "../../state/index.js";

export interface LogQuery {
  /** a resolved commit sha */
  from: string;
  /** only commits that changed this path (a file or a directory) */
  path?: string;
  /** ISO 8601; compared with the committer date, as GitHub does */
  since?: string;
  until?: string;
}

/**
 * The shas `GET /commits` walks: reachable from `from`, newest first (git log's order, which is
 * GitHub's), narrowed to a path and a date range. Paths are literal (the store's git runs with
 * literal pathspecs) and dates are passed as single arguments.
 */
export async function logShas(repo: RepoState, query: LogQuery): Promise<string[]> {
  if (query.path !== undefined && !isValidTreePath(query.path)) return [];
  const args = ["rev-list", query.from];
  if (query.since !== undefined) args.push(`--since=${query.since}`);
  if (query.until !== undefined) args.push(`--until=${query.until}`);
  args.push("--");
  if (query.path !== undefined) args.push(query.path);
  const out = await gitOutput(repo.git.dir, args);
  return out
    .toString("utf8")
    .split("\n")
    .filter((line) => line !== "");
}

/** The commits behind `shas`, read in one request to the repository's `git cat-file`, in the same order. */
export async function readCommits(repo: RepoState, shas: readonly string[]): Promise<CommitInfo[]> {
  const objects = await readObjects(repo.git, shas);
  return objects.map((object, index) => {
    if (object?.type !== "commit") throw new Error(`commit ${shas[index] ?? ""} listed by rev-list is missing`);
    return toCommitInfo(object.sha, parseRawCommit(object.content));
  });
}

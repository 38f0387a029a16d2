import { backoffDelay, sleepMs } from "./backoff.js";
import type { GithubClient, RepoRef } from "./client.js";
import { isNotFastForward, isNotFound } from "./errors.js";

/** Reads a file at the commit the attempt started from; undefined when it does not exist. */
export type ReadAtBase = (path: string) => Promise<string | undefined>;

/**
 * What to write, computed from the files as they are at the branch head: path → new UTF-8
 * content, `null` to delete; `null` (or no effective change) means there is nothing to do.
 * It may run several times (once per attempt), so it must derive everything from `read`.
 */
export type CommitUpdate = (read: ReadAtBase) => Promise<Record<string, string | null> | null>;

export interface CommitWithCasOptions extends RepoRef {
  branch: string;
  /** A function is called after each attempt's `update`, for a message that names what it found. */
  message: string | (() => string);
  update: CommitUpdate;
  /** Attempts in all, the first included. */
  maxAttempts?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /**
   * Called once when `branch` does not exist (404): it creates the branch (a writer that lost
   * that race to another one must not throw), and the attempt reads the head again.
   */
  createBranch?: () => Promise<void>;
}

export type CommitWithCasResult = { sha: string; attempts: number } | { sha: undefined; attempts: number };

/** Thrown when every attempt lost the race; carries how many were made. */
export class CasExhaustedError extends Error {
  constructor(
    readonly branch: string,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(
      `autopilot: gave up committing to ${branch} after ${attempts} attempts; the branch kept moving (not a fast forward)`,
      options,
    );
    this.name = "CasExhaustedError";
  }
}

interface Head {
  commitSha: string;
  treeSha: string;
}

/** One call for the branch's commit and its tree (`base_tree` must be a tree sha). */
async function readHead(octokit: GithubClient, { owner, repo, branch }: RepoRef & { branch: string }): Promise<Head> {
  const { data } = await octokit.rest.repos.getBranch({ owner, repo, branch });
  return { commitSha: data.commit.sha, treeSha: data.commit.commit.tree.sha };
}

/** Raw file contents at `ref`, one call per path, remembered for the attempt. */
function readerAt(
  octokit: GithubClient,
  { owner, repo }: RepoRef,
  ref: string,
  seen: Map<string, string | undefined>,
): ReadAtBase {
  const pending = new Map<string, Promise<string | undefined>>();
  return (path) => {
    let read = pending.get(path);
    if (read === undefined) {
      read = octokit.rest.repos
        .getContent({ owner, repo, path, ref, mediaType: { format: "raw" } })
        .then(({ data }) => (typeof data === "string" ? data : undefined))
        .catch((error: unknown) => {
          if (isNotFound(error)) return undefined;
          throw error;
        })
        .then((content) => {
          seen.set(path, content);
          return content;
        });
      pending.set(path, read);
    }
    return read;
  };
}

/**
 * Drops writes that change nothing: content equal to what `update` read, and deletions of files
 * that do not exist (GitHub refuses to delete a path the base tree lacks, so a deletion `update`
 * did not read first is checked with one read).
 */
async function effectiveChanges(
  changes: Record<string, string | null>,
  read: ReadAtBase,
  seen: Map<string, string | undefined>,
) {
  const entries = Object.entries(changes);
  await Promise.all(
    entries.filter(([path, content]) => content === null && !seen.has(path)).map(([path]) => read(path)),
  );
  return entries.filter(([path, content]) => {
    if (!seen.has(path)) return true;
    const before = seen.get(path);
    return content === null ? before !== undefined : content !== before;
  });
}

/** Blobs go inline in the tree (`content`), so a commit costs one tree and one commit call. */
async function writeCommit(
  octokit: GithubClient,
  options: CommitWithCasOptions,
  head: Head,
  changes: [string, string | null][],
) {
  const { owner, repo } = options;
  const message = typeof options.message === "string" ? options.message : options.message();
  const { data: tree } = await octokit.rest.git.createTree({
    owner,
    repo,
    base_tree: head.treeSha,
    tree: changes.map(([path, content]) =>
      content === null
        ? { path, mode: "100644" as const, type: "blob" as const, sha: null }
        : { path, mode: "100644" as const, type: "blob" as const, content },
    ),
  });
  const { data: commit } = await octokit.rest.git.createCommit({
    owner,
    repo,
    message,
    tree: tree.sha,
    parents: [head.commitSha],
  });
  return commit.sha;
}

/**
 * Commits a read-modify-write change to `branch` through the Git Data API, compare-and-swap
 * style: read the head, let `update` compute the change from the files there, write the tree and
 * commit on top of that head, and move the ref without force. When another writer moved the
 * branch in between, GitHub refuses ("not a fast forward"); then it starts over from the new head
 * after a jittered exponential backoff, so no writer's update is lost. Other errors propagate.
 * Files are written with mode 100644.
 */
export async function commitWithCas(
  octokit: GithubClient,
  options: CommitWithCasOptions,
): Promise<CommitWithCasResult> {
  const { maxAttempts = 6, random = Math.random, sleep = sleepMs } = options;
  let created = false;
  const headOf = async (): Promise<Head> => {
    try {
      return await readHead(octokit, options);
    } catch (error) {
      if (!isNotFound(error) || options.createBranch === undefined || created) throw error;
      created = true;
      await options.createBranch();
      return readHead(octokit, options);
    }
  };
  for (let attempt = 1; ; attempt += 1) {
    const head = await headOf();
    const seen = new Map<string, string | undefined>();
    const read = readerAt(octokit, options, head.commitSha, seen);
    const changes = await options.update(read);
    const effective = changes === null ? [] : await effectiveChanges(changes, read, seen);
    if (effective.length === 0) return { sha: undefined, attempts: attempt };
    const sha = await writeCommit(octokit, options, head, effective);
    try {
      // No `force`: GitHub moves the ref only if the new commit descends from where it points now.
      await octokit.rest.git.updateRef({
        owner: options.owner,
        repo: options.repo,
        ref: `heads/${options.branch}`,
        sha,
        force: false,
      });
      return { sha, attempts: attempt };
    } catch (error) {
      if (!isNotFastForward(error)) throw error;
      if (attempt >= maxAttempts) throw new CasExhaustedError(options.branch, attempt, { cause: error });
      await sleep(backoffDelay(attempt, { random }));
    }
  }
}

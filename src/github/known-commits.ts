/** A commit the instance made: on which parent, with which message, writing which files. */
export interface OwnCommit {
  parent: string;
  message: string;
  written: ReadonlyArray<readonly [string, string | null]>;
}

/**
 * What one app instance knows of branches it writes: where each branch pointed after its last
 * read or write, and files' contents at commits (a commit never changes, so these never go
 * stale). A write then starts from the head it expects, without asking GitHub where the branch
 * is; if another writer moved it, the compare-and-swap commit is refused and the head is read.
 * Owned by `AppServices`; the oldest entries go first.
 */
export class KnownCommits {
  readonly #heads = new Map<string, string>();
  readonly #files = new Map<string, string | undefined>();
  readonly #taskFileCommits = new Map<string, true>();
  readonly #judged = new Map<string, true>();
  readonly #merged = new Map<string, number>();
  readonly #own = new Map<string, OwnCommit>();
  readonly #clean = new Map<string, true>();
  readonly #recordsOnly = new Map<string, true>();
  readonly #refIds = new Map<string, string>();
  readonly #repositoryIds = new Map<string, string>();
  readonly #size: number;

  constructor(size = 2000) {
    this.#size = size;
  }

  /** The head `branch` of `repository` (`owner/name`) had when last seen; undefined when unknown. */
  head(repository: string, branch: string): string | undefined {
    return this.#heads.get(`${repository}:${branch}`);
  }

  setHead(repository: string, branch: string, sha: string): void {
    this.#bounded(this.#heads, `${repository}:${branch}`, sha);
  }

  forgetHead(repository: string, branch: string): void {
    this.#heads.delete(`${repository}:${branch}`);
  }

  /** The node id of the branch's ref, as a commit's own request answered it (GitHub derives it from the name). */
  refId(repository: string, branch: string): string | undefined {
    return this.#refIds.get(`${repository}:${branch}`);
  }

  setRefId(repository: string, branch: string, id: string): void {
    this.#bounded(this.#refIds, `${repository}:${branch}`, id);
  }

  /**
   * The repository's node id, as a webhook's payload (signed by GitHub) or a GraphQL answer gave it:
   * it never changes, a rename or a transfer included.
   */
  repositoryId(repository: string): string | undefined {
    return this.#repositoryIds.get(repository);
  }

  setRepositoryId(repository: string, id: string): void {
    this.#bounded(this.#repositoryIds, repository, id);
  }

  /** A file's content at a commit: a string, undefined for "known not to exist", or `unknown`. */
  file(
    repository: string,
    commit: string,
    path: string,
  ): { known: false } | { known: true; content: string | undefined } {
    const key = `${repository}@${commit}:${path}`;
    return this.#files.has(key) ? { known: true, content: this.#files.get(key) } : { known: false };
  }

  setFile(repository: string, commit: string, path: string, content: string | undefined): void {
    this.#bounded(this.#files, `${repository}@${commit}:${path}`, content);
  }

  /**
   * A commit the instance made writing `changes` (null deletes) on a parent where `known` were the
   * files' contents: those not changed are known at the child too, and so are the written ones.
   * With `parent`, every file this instance knows at the parent is carried over as well (a
   * compare-and-swap commit is its parent's tree plus `changes`, nothing else), so a file written
   * once (`ops/model-decisions.jsonl`) is not read again after commits that did not touch it.
   */
  committed(
    repository: string,
    child: string,
    known: Map<string, string | undefined>,
    changes: [string, string | null][],
    parent?: string,
    message?: string,
  ): void {
    if (parent !== undefined && message !== undefined)
      this.#bounded(this.#own, `${repository}@${child}`, {
        parent,
        message,
        written: changes.map(([path, content]) => [path, content] as const),
      });
    const written = new Map(changes.map(([path, content]) => [path, content ?? undefined]));
    const carried = new Map(known);
    if (parent !== undefined) {
      const prefix = `${repository}@${parent}:`;
      for (const [key, content] of this.#files)
        if (key.startsWith(prefix) && !carried.has(key.slice(prefix.length)))
          carried.set(key.slice(prefix.length), content);
    }
    for (const [path, content] of carried) if (!written.has(path)) this.setFile(repository, child, path, content);
    for (const [path, content] of written) this.setFile(repository, child, path, content);
  }

  /**
   * Whether `sha` is a commit this instance made on a task branch it had just created from the
   * default branch's head, writing the task file and nothing else (a dispatch): a commit never
   * changes, so what it holds against the default branch is that file alone.
   */
  isTaskFileCommit(repository: string, sha: string): boolean {
    return this.#taskFileCommits.has(`${repository}@${sha}`);
  }

  markTaskFileCommit(repository: string, sha: string): void {
    this.#bounded(this.#taskFileCommits, `${repository}@${sha}`, true);
  }

  /**
   * Whether this instance completed every gate on the commit `sha` (a commit never changes, and
   * GitHub keeps a completed run: only a re-run request, which always runs them, judges it again).
   */
  isJudged(repository: string, sha: string): boolean {
    return this.#judged.has(`${repository}@${sha}`);
  }

  /**
   * A commit this instance made with a compare-and-swap on `parent`: its message and the files it
   * wrote (null deleted), the only difference to its parent (a commit never changes).
   */
  ownCommit(repository: string, sha: string): OwnCommit | undefined {
    return this.#own.get(`${repository}@${sha}`);
  }

  /**
   * Whether this instance's secret gate found nothing in the whole change from `base` to `sha`
   * (read with the compare API, complete) under the secret settings `policy` (an owner who
   * narrows the allowlist has the change judged again): a commit never changes, nor does what
   * its change holds.
   */
  isClean(repository: string, base: string, sha: string, policy: string): boolean {
    return this.#clean.has(`${repository}:${base}@${sha}#${policy}`);
  }

  markClean(repository: string, base: string, sha: string, policy: string): void {
    this.#bounded(this.#clean, `${repository}:${base}@${sha}#${policy}`, true);
  }

  /**
   * Whether this instance found that the records branch's commit `sha` holds, against the default
   * branch, only the app's own records commits (a commit never changes, nor does its history).
   */
  isRecordsOnly(repository: string, sha: string): boolean {
    return this.#recordsOnly.has(`${repository}@${sha}`);
  }

  markRecordsOnly(repository: string, sha: string): void {
    this.#bounded(this.#recordsOnly, `${repository}@${sha}`, true);
  }

  markJudged(repository: string, sha: string): void {
    this.#bounded(this.#judged, `${repository}@${sha}`, true);
  }

  /**
   * When (ms since the epoch) this instance merged a pull request as the commit `sha`, undefined
   * when it did not: right after, no CI can have finished on that commit yet.
   */
  mergedAt(repository: string, sha: string): number | undefined {
    return this.#merged.get(`${repository}@${sha}`);
  }

  markMerged(repository: string, sha: string, at = Date.now()): void {
    this.#bounded(this.#merged, `${repository}@${sha}`, at);
  }

  #bounded<T>(map: Map<string, T>, key: string, value: T): void {
    map.delete(key);
    map.set(key, value);
    if (map.size > this.#size) map.delete(map.keys().next().value as string);
  }
}

import { resolve } from "node:path";
import { parseRawCommit, toCommitInfo } from "./commit-info.js";
import type { CommitInfo, Person } from "./commit-info.js";
import { compareCommits } from "./compare-commits.js";
import type { CompareResult } from "./compare-commits.js";
import { createCommit } from "./create-commit.js";
import type { CreateCommitInput } from "./create-commit.js";
import { createTree } from "./create-tree.js";
import { getRef, listRefs } from "./get-ref.js";
import type { RefInfo } from "./get-ref.js";
import { getTree } from "./get-tree.js";
import { GitStoreError } from "./git-store-error.js";
import { isAncestor, mergeBase } from "./merge-base.js";
import { mergeCommits } from "./merge-commits.js";
import type { MergeInput, MergeResult } from "./merge-commits.js";
import { isSha, isValidTreePath } from "./object-name.js";
import { CatFileBatch } from "./cat-file-batch.js";
import { readObject } from "./read-objects.js";
import type { GitRepo } from "./read-objects.js";
import { isValidRefName } from "./ref-name.js";
import { resolveCommit } from "./resolve-commit.js";
import { gitOutput, runGit } from "./run-git.js";
import { findTreeEntry, listTree } from "./read-tree.js";
import type { TreeEntry, TreeEntryInput } from "./tree-entry.js";
import { createRef, deleteRef, updateRef } from "./update-ref.js";
import type { UpdateRefOptions } from "./update-ref.js";
import { writeObject } from "./write-objects.js";

export interface GitStoreOptions {
  /** the branch HEAD names, GitHub's default branch; `main` if not given */
  defaultBranch?: string;
  /** who writes a commit, merge or rebase when the call names nobody (GitHub: the token's user) */
  identity?: Person;
}

const defaultIdentity: Person = { name: "Sandbox", email: "sandbox@sandbox.localhost" };

/**
 * One sandbox repository: a bare git repository on disk, read and written with GitHub's Git Data,
 * refs, contents, compare and merge semantics. Every method is safe to call concurrently: objects
 * are content-addressed, temporary indexes are private to a call and every ref write is a
 * compare-and-swap. User input only ever reaches git as argv or stdin, after validation.
 * Objects and trees are read through one long-lived `git cat-file` per repository rather than a
 * process per read; `close()` stops it, and the sandbox closes every store when it stops.
 */
export class GitStore implements GitRepo {
  readonly dir: string;
  /** the repository's persistent object reader; `close()` stops it */
  readonly objects: CatFileBatch;
  readonly #identity: Person;

  private constructor(dir: string, identity: Person) {
    this.dir = dir;
    this.objects = new CatFileBatch(dir);
    this.#identity = identity;
  }

  /** Stops the repository's long-lived git processes; reads after this fail, the data stays on disk. */
  close(): Promise<void> {
    return this.objects.close();
  }

  /** Creates the bare repository (SHA-1, no hooks, no automatic gc), or reopens the one there. */
  static async init(dir: string, options: GitStoreOptions = {}): Promise<GitStore> {
    const gitDir = resolve(dir);
    const branch = options.defaultBranch ?? "main";
    if (!(await isValidRefName(`refs/heads/${branch}`))) {
      throw new GitStoreError(422, `Invalid default branch name: ${branch}`);
    }
    // an empty template leaves out the sample hooks; object format pinned so shas stay 40 hex digits
    await gitOutput(null, [
      "init",
      "--quiet",
      "--bare",
      "--template=",
      "--object-format=sha1",
      `--initial-branch=${branch}`,
      gitDir,
    ]);
    // a background gc would pack refs and prune the unreferenced objects a merge just wrote
    await gitOutput(gitDir, ["config", "gc.auto", "0"]);
    return new GitStore(gitDir, options.identity ?? defaultIdentity);
  }

  /** Opens a repository `init` created earlier (a sandbox restarted on the same data directory). */
  static async open(dir: string, options: Pick<GitStoreOptions, "identity"> = {}): Promise<GitStore> {
    const gitDir = resolve(dir);
    const result = await runGit(gitDir, ["rev-parse", "--is-bare-repository"]);
    if (result.code !== 0 || result.stdout.toString("utf8").trim() !== "true") {
      throw new Error(`${gitDir} is not a bare git repository: ${result.stderr.trim()}`);
    }
    return new GitStore(gitDir, options.identity ?? defaultIdentity);
  }

  // --- Git Data API ---

  /** `POST /git/blobs`. */
  async createBlob(
    content: Buffer | string,
    encoding: "utf-8" | "base64" = "utf-8",
  ): Promise<{ sha: string; size: number }> {
    const bytes = toBytes(content, encoding);
    return { sha: await writeObject(this.dir, "blob", bytes), size: bytes.length };
  }

  /** `GET /git/blobs/{sha}`; undefined if there is no blob with that sha. */
  async getBlob(sha: string): Promise<{ sha: string; size: number; content: Buffer } | undefined> {
    if (!isSha(sha)) return undefined;
    const object = await readObject(this, sha);
    return object?.type === "blob" ? { sha: object.sha, size: object.size, content: object.content } : undefined;
  }

  /** `POST /git/trees`; the response lists the new tree's top level, as GitHub's does. */
  async createTree(entries: TreeEntryInput[], baseTree?: string): Promise<{ sha: string; tree: TreeEntry[] }> {
    if (!Array.isArray(entries)) throw new GitStoreError(422, 'Invalid request.\n\n"tree" must be an array.');
    const sha = await createTree(this, entries, baseTree);
    const listing = await listTree(this, sha, { sizes: true });
    if (listing === undefined) throw new Error(`tree ${sha} just written is missing`);
    return { sha, tree: listing.tree };
  }

  /** `GET /git/trees/{sha}[?recursive=1]`; a commit sha lists its tree. */
  getTree(sha: string, recursive = false): Promise<{ sha: string; tree: TreeEntry[]; truncated: boolean } | undefined> {
    return getTree(this, sha, recursive);
  }

  /** `POST /git/commits`. */
  createCommit(input: CreateCommitInput): Promise<CommitInfo> {
    return createCommit(this, input, this.#identity);
  }

  /** `GET /git/commits/{sha}`; undefined if there is no commit with that sha. */
  async getCommit(sha: string): Promise<CommitInfo | undefined> {
    if (!isSha(sha)) return undefined;
    const object = await readObject(this, sha);
    return object?.type === "commit" ? toCommitInfo(object.sha, parseRawCommit(object.content)) : undefined;
  }

  /**
   * Copies `refspecs` (`+refs/heads/*:refs/heads/*`) and the objects they need from another
   * repository of the sandbox: a fork's branches at creation, a fork's head into the parent's
   * `refs/pull/<n>/head` as GitHub keeps it.
   */
  async fetchFrom(source: GitStore, refspecs: readonly string[]): Promise<void> {
    await gitOutput(this.dir, ["fetch", "--quiet", "--no-tags", source.dir, ...refspecs]);
  }

  // --- refs: `heads/main`, `tags/v1`, with or without `refs/` ---

  getRef(ref: string): Promise<string | undefined> {
    return getRef(this.dir, ref);
  }

  /** Refs whose name after `refs/` starts with `prefix`; `ref` in the result is the full name. */
  listRefs(prefix?: string): Promise<RefInfo[]> {
    return listRefs(this.dir, prefix);
  }

  createRef(ref: string, sha: string): Promise<void> {
    return createRef(this, ref, sha);
  }

  updateRef(ref: string, sha: string, options?: UpdateRefOptions): Promise<void> {
    return updateRef(this, ref, sha, options);
  }

  deleteRef(ref: string): Promise<void> {
    return deleteRef(this, ref);
  }

  /** The branch HEAD points at: the repository's default branch. */
  async getDefaultBranch(): Promise<string> {
    const out = await gitOutput(this.dir, ["symbolic-ref", "--short", "HEAD"]);
    return out.toString("utf8").trim();
  }

  async setDefaultBranch(branch: string): Promise<void> {
    if (!(await isValidRefName(`refs/heads/${branch}`))) {
      throw new GitStoreError(422, `Invalid branch name: ${branch}`);
    }
    await gitOutput(this.dir, ["symbolic-ref", "HEAD", `refs/heads/${branch}`]);
  }

  // --- higher level ---

  /** Resolves a branch, tag or commit sha to a commit sha. */
  resolveCommit(ref: string): Promise<string | undefined> {
    return resolveCommit(this, ref);
  }

  /** A file at a branch, tag or commit; undefined for a missing path, a directory or a submodule. */
  async readFile(ref: string, path: string): Promise<{ sha: string; content: Buffer; mode: string } | undefined> {
    if (!isValidTreePath(path)) return undefined;
    const commit = await resolveCommit(this, ref);
    if (commit === undefined) return undefined;
    const entry = await findTreeEntry(this, `${commit}^{tree}`, path);
    if (entry?.type !== "blob") return undefined;
    const blob = await readObject(this, entry.sha);
    if (blob === undefined) throw new Error(`blob ${entry.sha} of ${path} is missing`);
    return { sha: entry.sha, content: blob.content, mode: entry.mode };
  }

  /** Every file path (blobs, not submodules) at a branch, tag or commit, in git's order. */
  async listFiles(ref: string): Promise<string[]> {
    const commit = await resolveCommit(this, ref);
    if (commit === undefined) throw new GitStoreError(404, `No commit found for the ref ${ref}`);
    const listing = await listTree(this, `${commit}^{tree}`, { recursive: true });
    return (listing?.tree ?? []).filter((entry) => entry.type === "blob").map((entry) => entry.path);
  }

  isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    return isAncestor(this.dir, ancestor, descendant);
  }

  mergeBase(a: string, b: string): Promise<string | undefined> {
    return mergeBase(this.dir, a, b);
  }

  /** The paths whose content or mode differ between two commits (both sides of a rename), no diff text. */
  async changedPaths(from: string, to: string): Promise<string[]> {
    const out = await gitOutput(this.dir, ["diff-tree", "-r", "--no-renames", "--name-only", "-z", from, to]);
    return out
      .toString("utf8")
      .split("\0")
      .filter((path) => path !== "");
  }

  /** `GET /compare/{base}...{head}`: names or shas on both sides. */
  compare(base: string, head: string): Promise<CompareResult> {
    return compareCommits(this, base, head);
  }

  /** A pull request merge's objects; the caller moves the base branch. */
  merge(input: MergeInput): Promise<MergeResult> {
    return mergeCommits(this, input, this.#identity);
  }
}

function toBytes(content: Buffer | string, encoding: string): Buffer {
  if (Buffer.isBuffer(content)) return content;
  if (typeof content !== "string") throw new GitStoreError(422, 'Invalid request.\n\n"content" must be a string.');
  if (encoding === "utf-8" || encoding === "utf8") return Buffer.from(content, "utf8");
  if (encoding === "base64") {
    // Node skips characters that are not base64; GitHub refuses them instead
    if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(content)) {
      throw new GitStoreError(422, "Invalid request.\n\ncontent is not valid Base64.");
    }
    return Buffer.from(content, "base64");
  }
  throw new GitStoreError(422, `Invalid request.\n\nencoding must be utf-8 or base64, not ${encoding}.`);
}

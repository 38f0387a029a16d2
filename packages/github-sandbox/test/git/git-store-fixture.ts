import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach } from "vitest";
import { GitStore } from "../../src/git/index.js";
import type { Person, TreeEntryInput } from "../../src/git/index.js";

const execFileAsync = promisify(execFile);
const dirs: string[] = [];
const stores: GitStore[] = [];

afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Closes the store after the test: its `git cat-file` children must not outlive it. */
export function closeAfterTest(store: GitStore): GitStore {
  stores.push(store);
  return store;
}

/** A fresh bare repository in the system temp directory, closed and removed after the test. */
export async function tempStore(defaultBranch = "main"): Promise<GitStore> {
  const dir = await mkdtemp(join(tmpdir(), "autopilot-git-store-test-"));
  dirs.push(dir);
  return closeAfterTest(await GitStore.init(join(dir, "repo.git"), { defaultBranch }));
}

export const alice: Person = { name: "Alice Example", email: "alice@example.com", date: "2024-03-01T10:00:00Z" };
export const bob: Person = { name: "Bob Example", email: "bob@example.com", date: "2024-03-02T11:30:00+02:00" };

/** Files to write (text) or delete (null) on top of a parent commit. */
export type FileChanges = Record<string, string | Buffer | null>;

/** Commits the changes on top of `parent` (or as a root commit) and returns the commit sha. */
export async function commitFiles(
  store: GitStore,
  parent: string | undefined,
  files: FileChanges,
  message = "change",
  author: Person = alice,
): Promise<string> {
  const entries: TreeEntryInput[] = [];
  for (const [path, content] of Object.entries(files)) {
    if (content === null) entries.push({ path, mode: "100644", type: "blob", sha: null });
    else if (typeof content === "string") entries.push({ path, mode: "100644", type: "blob", content });
    else entries.push({ path, mode: "100644", type: "blob", sha: (await store.createBlob(content)).sha });
  }
  const baseTree = parent === undefined ? undefined : (await store.getCommit(parent))?.tree;
  const tree = await store.createTree(entries, baseTree);
  const commit = await store.createCommit({
    message,
    tree: tree.sha,
    parents: parent === undefined ? [] : [parent],
    author,
  });
  return commit.sha;
}

/** Runs the system git on the store's repository, for checking results against git itself. */
export async function git(store: GitStore, ...args: string[]): Promise<string> {
  const { stdout } = await execFileAsync("git", [`--git-dir=${store.dir}`, ...args], {
    env: { PATH: process.env.PATH ?? "", GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", LC_ALL: "C" },
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

/** What `git diff` prints for one file, from the first `@@` on: the shape of GitHub's `patch`. */
export async function gitHunks(store: GitStore, from: string, to: string, ...paths: string[]): Promise<string> {
  const out = await git(store, "diff", "-M", "--no-color", from, to, "--", ...paths);
  return out.slice(out.indexOf("@@")).replace(/\n$/, "");
}

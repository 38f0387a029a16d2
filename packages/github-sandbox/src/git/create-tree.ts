import type { GitRepo } from "./read-objects.js";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GitStoreError } from "./git-store-error.js";
import { isSha, isValidTreePath, zeroSha } from "./object-name.js";
import { statObjects } from "./read-objects.js";
import { gitOutput } from "./run-git.js";
import { modesByType, parseLsTree } from "./tree-entry.js";
import type { TreeEntryInput } from "./tree-entry.js";
import { writeObjects } from "./write-objects.js";

/** An index line for `git update-index -z --index-info`; mode 0 removes the path. */
interface IndexEdit {
  mode: string;
  sha: string;
  path: string;
}

/**
 * Builds a tree like `POST /git/trees`: the entries applied in order on top of `baseTree` (or on
 * nothing), nested paths creating or updating the trees in between, `sha: null` deleting a file
 * or a whole directory. Works in a temporary index private to this call, so concurrent calls on
 * one repository never see each other's state: read-tree, update-index, write-tree.
 */
export async function createTree(
  repo: GitRepo,
  entries: readonly TreeEntryInput[],
  baseTree?: string,
): Promise<string> {
  if (baseTree !== undefined && !isSha(baseTree)) throw new GitStoreError(422, "base_tree is not a valid tree oid");
  entries.forEach(checkEntry);

  const dir = await mkdtemp(join(tmpdir(), "autopilot-git-index-"));
  try {
    const env = { GIT_INDEX_FILE: join(dir, "index") };
    // Checking the referenced objects, writing the new blobs and loading the base are independent;
    // a blob written for a request that is then refused is just an unreferenced object.
    const contents = entries.filter((entry) => typeof entry.content === "string");
    const [, blobShas, paths, subtrees] = await settleAll([
      checkObjectsExist(repo, entries, baseTree),
      writeObjects(
        repo.dir,
        "blob",
        contents.map((entry) => Buffer.from(entry.content ?? "", "utf8")),
      ),
      loadBase(repo, env, entries, baseTree),
      expandSubtrees(repo, entries),
    ] as const);
    const contentShas = new Map(contents.map((entry, index) => [entry, blobShas[index] ?? ""]));

    const edits: IndexEdit[] = [];
    const remove = (path: string): void => {
      // a file is one lookup; only deleting a directory walks the listing
      const targets = paths.has(path) ? [path] : [...paths].filter((existing) => existing.startsWith(`${path}/`));
      for (const target of targets) {
        edits.push({ mode: "0", sha: zeroSha, path: target });
        paths.delete(target);
      }
    };
    // git itself replaces a file by a directory of the same name and the reverse; a stale name
    // left in `paths` by that costs at most a removal line for a path that is already gone
    const add = (edit: IndexEdit): void => {
      edits.push(edit);
      paths.add(edit.path);
    };
    for (const entry of entries) {
      if (entry.sha === null) remove(entry.path);
      else if (entry.type === "tree") {
        remove(entry.path);
        for (const sub of subtrees.get(entry.sha ?? "") ?? []) add({ ...sub, path: `${entry.path}/${sub.path}` });
      } else add({ mode: entry.mode, sha: contentShas.get(entry) ?? entry.sha ?? "", path: entry.path });
    }
    if (edits.length > 0) {
      const input = edits.map((edit) => `${edit.mode} ${edit.sha}\t${edit.path}\0`).join("");
      await gitOutput(repo.dir, ["update-index", "-z", "--index-info"], { env, input });
    }
    return (await gitOutput(repo.dir, ["write-tree"], { env })).toString("utf8").trim();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function checkEntry(entry: TreeEntryInput): void {
  if (!isValidTreePath(entry.path)) {
    throw new GitStoreError(422, `tree.path contains a malformed path component: ${JSON.stringify(entry.path)}`);
  }
  const modes = modesByType[entry.type];
  if (modes === undefined || !modes.includes(entry.mode)) {
    const problem = `mode ${String(entry.mode)} does not fit type ${String(entry.type)} at ${entry.path}`;
    throw new GitStoreError(422, `Invalid tree info: ${problem}`);
  }
  const hasContent = entry.content !== undefined;
  if (hasContent && entry.sha !== undefined) {
    throw new GitStoreError(422, `Invalid tree info: ${entry.path} has both sha and content; send one of them`);
  }
  if (hasContent && (typeof entry.content !== "string" || entry.type !== "blob")) {
    throw new GitStoreError(422, `Invalid tree info: content is only for blobs, as a string (${entry.path})`);
  }
  if (!hasContent && entry.sha === undefined) {
    throw new GitStoreError(422, "Must supply either tree.sha or tree.content");
  }
  if (typeof entry.sha === "string" && !isSha(entry.sha)) {
    throw new GitStoreError(422, `tree.sha ${entry.sha} is not a valid ${entry.type}`);
  }
}

/** One batch lookup for the base tree and every referenced blob and tree; gitlinks point elsewhere. */
async function checkObjectsExist(repo: GitRepo, entries: readonly TreeEntryInput[], baseTree?: string): Promise<void> {
  const referenced = entries.filter((entry) => typeof entry.sha === "string" && entry.type !== "commit");
  const names = [...(baseTree === undefined ? [] : [baseTree]), ...referenced.map((entry) => entry.sha ?? "")];
  const found = await statObjects(repo, names);
  if (baseTree !== undefined && found.shift()?.type !== "tree") {
    throw new GitStoreError(422, "base_tree is not a valid tree oid");
  }
  referenced.forEach((entry, index) => {
    if (found[index]?.type !== entry.type) {
      throw new GitStoreError(422, `tree.sha ${entry.sha ?? ""} is not a valid ${entry.type}`);
    }
  });
}

/**
 * Reads the base tree into the temporary index. Deleting a directory or replacing one by a tree
 * needs to know what lies under it, so then the base's paths are listed too, at the same time.
 */
async function loadBase(
  repo: GitRepo,
  env: Record<string, string>,
  entries: readonly TreeEntryInput[],
  baseTree?: string,
): Promise<Set<string>> {
  if (baseTree === undefined) return new Set();
  const needsPaths = entries.some((entry) => entry.sha === null || entry.type === "tree");
  // an unknown base fails here too, but `settleAll` reports the object check's 422 first
  const [, listing] = await Promise.all([
    gitOutput(repo.dir, ["read-tree", baseTree], { env }),
    needsPaths ? gitOutput(repo.dir, ["ls-tree", "-r", "-z", "--name-only", "--full-tree", baseTree]) : undefined,
  ]);
  return new Set(
    listing
      ?.toString("utf8")
      .split("\0")
      .filter((path) => path !== ""),
  );
}

/** Like Promise.all, but settles every promise first, so none still runs when the caller cleans up. */
async function settleAll<T extends readonly unknown[]>(promises: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const results = await Promise.allSettled(promises);
  const failed = results.find((result): result is PromiseRejectedResult => result.status === "rejected");
  if (failed !== undefined) throw failed.reason;
  return results.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/** The index holds files, not trees: a tree entry becomes the files under it. */
async function expandSubtrees(repo: GitRepo, entries: readonly TreeEntryInput[]): Promise<Map<string, IndexEdit[]>> {
  const trees = entries.filter((entry) => entry.type === "tree" && isSha(entry.sha));
  const shas = [...new Set(trees.map((entry) => entry.sha ?? ""))];
  const listings = await Promise.all(
    shas.map(async (sha) => {
      const out = await gitOutput(repo.dir, ["ls-tree", "-r", "-z", "--long", "--full-tree", sha]);
      return parseLsTree(out).map((entry) => ({ mode: entry.mode, sha: entry.sha, path: entry.path }));
    }),
  );
  return new Map(shas.map((sha, index) => [sha, listings[index] ?? []]));
}

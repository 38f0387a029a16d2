import type { GitRepo } from "./read-objects.js";
import { parseRawCommit, serializeCommit } from "./commit-info.js";
import type { RawCommit } from "./commit-info.js";
import { GitStoreError } from "./git-store-error.js";
import { mergeTree } from "./merge-tree.js";
import { readObjects } from "./read-objects.js";
import { gitOutput } from "./run-git.js";
import { objectSha, writeObject, writeObjects } from "./write-objects.js";

export type RebaseResult = { ok: true; sha: string; commits: string[] } | { ok: false; conflicts: string[] };

/**
 * Replays each commit of base..head onto base, oldest first, like GitHub's "Rebase and merge":
 * every commit keeps its author (name, email, date), message and encoding; the committer is the
 * one given. Merge commits in the range are left out, as `git rebase` does. Nothing is written to
 * refs; on a conflict the paths of the first commit that does not apply are returned.
 *
 * Each step is a three-way merge of the commit onto the tip so far with the commit's parent as
 * the merge base. git 2.39's merge-tree has no `--merge-base`, so the base is set through history:
 * a scratch commit with the tip's tree and the commit's parent as its only parent makes that parent
 * the one merge base of the pair. While the tip still has the parent's tree (the base did not
 * move) the step needs no merge at all.
 */
export async function rebaseCommits(
  repo: GitRepo,
  base: string,
  head: string,
  committer: string,
): Promise<RebaseResult> {
  const range = `${base}..${head}`;
  const listing = await gitOutput(repo.dir, ["rev-list", "--reverse", "--topo-order", "--no-merges", range]);
  const shas = listing
    .toString("utf8")
    .split("\n")
    .filter((line) => line !== "");
  if (shas.length === 0) return { ok: true, sha: base, commits: [] };

  const commits = await readCommits(repo, [base, ...shas]);
  const treeOf = new Map([...commits].map(([sha, commit]) => [sha, commit.tree]));
  const outside = [...new Set(shas.map((sha) => commits.get(sha)?.parents[0] ?? ""))].filter(
    (parent) => parent !== "" && !treeOf.has(parent),
  );
  for (const [sha, commit] of await readCommits(repo, outside)) treeOf.set(sha, commit.tree);

  let tip = commits.get(base)?.tree ?? "";
  const trees: string[] = [];
  for (const sha of shas) {
    const commit = commits.get(sha);
    const parent = commit?.parents[0];
    const parentTree = parent === undefined ? undefined : treeOf.get(parent);
    if (commit === undefined || parent === undefined || parentTree === undefined) {
      throw new GitStoreError(422, "The branches share no history to merge");
    }
    if (parentTree === tip) tip = commit.tree;
    else if (commit.tree !== parentTree) {
      const scratch = serializeCommit({ ...commit, tree: tip, parents: [parent], extraHeaders: [] });
      const merged = await mergeTree(repo.dir, await writeObject(repo.dir, "commit", scratch), sha);
      if (!merged.ok) return merged;
      tip = merged.tree;
    }
    trees.push(tip);
  }

  // The new chain is computed here (each sha needs its parent's), then written in one process.
  const contents: Buffer[] = [];
  const replayed: string[] = [];
  let parentSha = base;
  shas.forEach((sha, index) => {
    const commit = commits.get(sha) as RawCommit;
    const content = serializeCommit({
      tree: trees[index] ?? "",
      parents: [parentSha],
      author: commit.author,
      committer,
      // a signature would no longer match; the encoding still describes the message bytes
      extraHeaders: commit.extraHeaders.filter((header) => header.startsWith("encoding ")),
      message: commit.message,
    });
    parentSha = objectSha("commit", content);
    contents.push(content);
    replayed.push(parentSha);
  });
  const written = await writeObjects(repo.dir, "commit", contents);
  if (written.some((sha, index) => sha !== replayed[index])) {
    throw new Error("git stored the replayed commits under other shas");
  }
  return { ok: true, sha: parentSha, commits: replayed };
}

async function readCommits(repo: GitRepo, shas: readonly string[]): Promise<Map<string, RawCommit>> {
  const objects = await readObjects(repo, shas);
  const commits = new Map<string, RawCommit>();
  objects.forEach((object, index) => {
    if (object?.type !== "commit") throw new Error(`commit ${shas[index] ?? ""} is missing`);
    commits.set(object.sha, parseRawCommit(object.content));
  });
  return commits;
}

import type { GitRepo } from "./read-objects.js";
import { parseRawCommit, toCommitInfo } from "./commit-info.js";
import type { CommitInfo } from "./commit-info.js";
import { diffFiles } from "./diff-files.js";
import type { ComparedFile } from "./diff-files.js";
import { GitStoreError } from "./git-store-error.js";
import { mergeBase } from "./merge-base.js";
import { readObjects } from "./read-objects.js";
import { resolveCommits } from "./resolve-commit.js";
import { gitOutput } from "./run-git.js";

export interface CompareResult {
  status: "identical" | "ahead" | "behind" | "diverged";
  ahead_by: number;
  behind_by: number;
  /** the resolved base and head, and their merge base */
  base_commit: string;
  head_commit: string;
  merge_base_commit: string;
  /** base..head, parents before children, oldest first */
  commits: CommitInfo[];
  /** merge_base..head: what the head side changed, as a pull request shows it */
  files: ComparedFile[];
}

/**
 * `GET /repos/{o}/{r}/compare/{base}...{head}`: base and head may be branch names, tags or shas.
 * 404 when either is unknown or they share no history, as GitHub answers.
 */
export async function compareCommits(repo: GitRepo, base: string, head: string): Promise<CompareResult> {
  const [baseSha, headSha] = await resolveCommits(repo, [base, head]);
  if (baseSha === undefined || headSha === undefined) throw new GitStoreError(404, "Not Found");
  const mergeBaseSha = await mergeBase(repo.dir, baseSha, headSha);
  if (mergeBaseSha === undefined) {
    throw new GitStoreError(404, `No common ancestor between ${base} and ${head}.`);
  }
  const [sides, files] = await Promise.all([
    gitOutput(repo.dir, ["rev-list", "--left-right", "--topo-order", "--reverse", `${baseSha}...${headSha}`]),
    diffFiles(repo.dir, mergeBaseSha, headSha),
  ]);
  const lines = sides.toString("utf8").split("\n");
  const behindBy = lines.filter((line) => line.startsWith("<")).length;
  const aheadShas = lines.filter((line) => line.startsWith(">")).map((line) => line.slice(1));
  const objects = await readObjects(repo, aheadShas);
  const commits = objects.map((object, index) => {
    if (object === undefined) throw new Error(`commit ${aheadShas[index] ?? ""} listed by rev-list is missing`);
    return toCommitInfo(object.sha, parseRawCommit(object.content));
  });
  const aheadBy = aheadShas.length;
  return {
    status: aheadBy === 0 ? (behindBy === 0 ? "identical" : "behind") : behindBy === 0 ? "ahead" : "diverged",
    ahead_by: aheadBy,
    behind_by: behindBy,
    base_commit: baseSha,
    head_commit: headSha,
    merge_base_commit: mergeBaseSha,
    commits,
    files,
  };
}

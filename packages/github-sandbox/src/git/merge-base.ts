import { isSha } from "./object-name.js";
import { runGit } from "./run-git.js";

/** Whether `descendant` contains `ancestor` (a commit contains itself); false unless both are commits. */
export async function isAncestor(gitDir: string, ancestor: string, descendant: string): Promise<boolean> {
  if (!isSha(ancestor) || !isSha(descendant)) return false;
  const result = await runGit(gitDir, ["merge-base", "--is-ancestor", ancestor, descendant]);
  return result.code === 0;
}

/** The best common ancestor of two commits; undefined for unrelated histories or unknown commits. */
export async function mergeBase(gitDir: string, a: string, b: string): Promise<string | undefined> {
  if (!isSha(a) || !isSha(b)) return undefined;
  const result = await runGit(gitDir, ["merge-base", a, b]);
  return result.code === 0 ? result.stdout.toString("utf8").trim() : undefined;
}

import type { CatFileBatch, GitObject, ObjectHeader } from "./cat-file-batch.js";

export type { GitObject, ObjectHeader, ObjectType } from "./cat-file-batch.js";

/** A repository as the git helpers see it: its directory for commands, its reader for objects. */
export interface GitRepo {
  readonly dir: string;
  readonly objects: CatFileBatch;
}

/**
 * Looks up many object names (shas, `<sha>^{commit}`, `<commit>:<path>`, `refs/heads/x^{commit}`)
 * through the repository's persistent `git cat-file --batch-check`, in input order; undefined where
 * git finds nothing.
 */
export function statObjects(repo: GitRepo, names: readonly string[]): Promise<(ObjectHeader | undefined)[]> {
  return repo.objects.stat(names);
}

/** Reads many objects through the repository's persistent `git cat-file --batch`, in input order. */
export function readObjects(repo: GitRepo, names: readonly string[]): Promise<(GitObject | undefined)[]> {
  return repo.objects.read(names);
}

export async function readObject(repo: GitRepo, name: string): Promise<GitObject | undefined> {
  const [object] = await readObjects(repo, [name]);
  return object;
}

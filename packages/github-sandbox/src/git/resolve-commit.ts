import type { GitRepo } from "./read-objects.js";
import { isSha } from "./object-name.js";
import { statObjects } from "./read-objects.js";
import { isValidRefName } from "./ref-name.js";

/**
 * The names a user's `ref` may mean, in the order GitHub tries them for contents and compare:
 * a commit sha, a branch, a tag, then a name under `refs/` (`heads/main`, `tags/v1`).
 */
async function candidates(name: string): Promise<string[]> {
  if (isSha(name)) return [name];
  const names = name.startsWith("refs/") ? [name] : [`refs/heads/${name}`, `refs/tags/${name}`, `refs/${name}`];
  const valid = await Promise.all(names.map(isValidRefName));
  return names.filter((_, index) => valid[index]);
}

/**
 * Resolves branch names, tags and shas to commit shas in one request to the repository's `cat-file --batch-check`;
 * undefined for a name that is no commit. Annotated tags are peeled to their commit.
 */
export async function resolveCommits(repo: GitRepo, names: readonly string[]): Promise<(string | undefined)[]> {
  const perName = await Promise.all(names.map((name) => (typeof name === "string" ? candidates(name) : [])));
  const found = await statObjects(
    repo,
    perName.flat().map((candidate) => `${candidate}^{commit}`),
  );
  let offset = 0;
  return perName.map((list) => {
    const hit = found.slice(offset, offset + list.length).find((header) => header !== undefined);
    offset += list.length;
    return hit?.sha;
  });
}

export async function resolveCommit(repo: GitRepo, name: string): Promise<string | undefined> {
  const [sha] = await resolveCommits(repo, [name]);
  return sha;
}

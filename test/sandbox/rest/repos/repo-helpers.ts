import type { RestFixture } from "../rest-fixture.js";

/**
 * Commits `files` (path → text, null deletes) on top of `parent` straight through the git store,
 * for setting up history without going through the API under test; moves no ref.
 */
export async function commitFiles(
  fixture: RestFixture,
  parent: string,
  files: Record<string, string | null>,
  message = "Change files",
): Promise<string> {
  const { git } = fixture.repo;
  const base = await git.getCommit(parent);
  if (base === undefined) throw new Error(`no commit ${parent}`);
  const entries = Object.entries(files).map(([path, content]) =>
    content === null
      ? { path, mode: "100644" as const, type: "blob" as const, sha: null }
      : { path, mode: "100644" as const, type: "blob" as const, content },
  );
  const tree = await git.createTree(entries, base.tree);
  const commit = await git.createCommit({
    message,
    tree: tree.sha,
    parents: [parent],
    author: { name: "Mona", email: "mona@example.com", date: "2026-01-02T03:04:05Z" },
  });
  return commit.sha;
}

/** Points `branch` at `sha` through the store (creating it if needed), without any event. */
export async function setBranch(fixture: RestFixture, branch: string, sha: string): Promise<void> {
  const ref = `refs/heads/${branch}`;
  if ((await fixture.repo.git.getRef(ref)) === undefined) await fixture.repo.git.createRef(ref, sha);
  else await fixture.repo.git.updateRef(ref, sha, { force: true });
}

/** The `error` lines the server logged (a response that broke GitHub's schema is one). */
export const loggedErrors = (fixture: RestFixture): unknown[] =>
  fixture.logged.filter((line) => line.level === "error").map((line) => line.fields);

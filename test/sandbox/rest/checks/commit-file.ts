import type { RestFixture } from "../rest-fixture.js";

/** A person GitHub's `simple-commit` accepts (its `email` format wants a domain with a dot). */
export const author = { name: "Dev", email: "dev@example.com" };

/** A commit adding `path` on top of `parent` (the fixture's git store directly, no refs moved). */
export async function commitFile(fixture: RestFixture, parent: string, path: string, content = `${path}\n`): Promise<string> {
  const git = fixture.repo.git;
  const base = await git.getCommit(parent);
  if (!base) throw new Error(`no commit ${parent}`);
  const blob = await git.createBlob(content);
  const tree = await git.createTree([{ path, mode: "100644", type: "blob", sha: blob.sha }], base.tree);
  return (await git.createCommit({ message: `Add ${path}`, tree: tree.sha, parents: [parent], author })).sha;
}

/** A failed Octokit request's status and GitHub message. */
export async function failure(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  const error = (await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )) as { status: number; response: { data: { message: string } } } | undefined;
  if (!error) throw new Error("expected the request to fail");
  return { status: error.status, message: error.response.data.message };
}

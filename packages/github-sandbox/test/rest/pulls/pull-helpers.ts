import { commitOnto, requestFailure, type RestFixture, type TestOctokit } from "../rest-fixture.js";

/** Ten lines, so edits at the top and at the bottom merge cleanly. */
export const tenLines = Array.from({ length: 10 }, (_, index) => `line ${index + 1}`).join("\n") + "\n";

/**
 * Commits `files` (null deletes) on top of `branch` (or `from` when the branch does not exist
 * yet) straight through the GitStore, moving or creating the branch without any event: what a
 * `git push` the sandbox did not see would do.
 */
export async function commitTo(
  fixture: RestFixture,
  branch: string,
  files: Record<string, string | null>,
  options: { from?: string; message?: string } = {},
): Promise<string> {
  const git = fixture.repo.git;
  const current = await git.getRef(`refs/heads/${branch}`);
  const parent = current ?? options.from ?? (await git.getRef("refs/heads/main"));
  if (parent === undefined) throw new Error("no parent commit");
  const sha = await commitOnto(fixture, parent, files, { message: options.message ?? `change ${branch}` });
  if (current === undefined) await git.createRef(`refs/heads/${branch}`, sha);
  else await git.updateRef(`refs/heads/${branch}`, sha, { expectedOld: current });
  return sha;
}

/** Opens `head` → main as the app (or `octokit`) and returns the pull request's number. */
export async function openPull(
  fixture: RestFixture,
  head: string,
  options: { title?: string; draft?: boolean; octokit?: TestOctokit; base?: string } = {},
): Promise<number> {
  const octokit = options.octokit ?? fixture.app();
  const { data } = await octokit.rest.pulls.create({
    owner: fixture.owner,
    repo: fixture.name,
    head,
    base: options.base ?? "main",
    title: options.title ?? `Work on ${head}`,
    draft: options.draft ?? false,
  });
  return data.number;
}

/** The status and body of a request expected to fail. */
export async function failure(promise: Promise<unknown>): Promise<{ status: number; data: Record<string, unknown> }> {
  const { status, data } = await requestFailure(promise);
  return { status, data };
}

export { eventNames } from "../rest-fixture.js";

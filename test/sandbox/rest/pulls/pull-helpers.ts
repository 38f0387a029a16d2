import { ProbotOctokit } from "probot";
import { expect } from "vitest";
import type { RestFixture, TestOctokit } from "../rest-fixture.js";

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
  const base = await git.getCommit(parent);
  const entries = Object.entries(files).map(([path, content]) =>
    content === null
      ? { path, mode: "100644" as const, type: "blob" as const, sha: null }
      : { path, mode: "100644" as const, type: "blob" as const, content },
  );
  const tree = await git.createTree(entries, base?.tree);
  const commit = await git.createCommit({ message: options.message ?? `change ${branch}`, tree: tree.sha, parents: [parent] });
  if (current === undefined) await git.createRef(`refs/heads/${branch}`, commit.sha);
  else await git.updateRef(`refs/heads/${branch}`, commit.sha, { expectedOld: current });
  return commit.sha;
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
  try {
    await promise;
  } catch (error) {
    const failed = error as { status: number; response?: { data: Record<string, unknown> } };
    return { status: failed.status, data: failed.response?.data ?? {} };
  }
  throw new Error("expected the request to fail");
}

/** The emitted events as `name.action` strings, in order. */
export function eventNames(fixture: RestFixture): string[] {
  return fixture.events.map((event) => ("action" in event ? `${event.name}.${event.action}` : event.name));
}

/** An installation token with only the given permissions. */
export function narrowApp(fixture: RestFixture, permissions: Record<string, string>): TestOctokit {
  const { token } = fixture.ctx.auth.createInstallationToken(fixture.installationId, { permissions });
  return new ProbotOctokit({
    auth: { token },
    baseUrl: fixture.url,
    log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    request: { retries: 0 },
    retry: { enabled: false },
    throttle: { enabled: false },
  });
}

/** No response failed GitHub's schema (those are logged as errors). */
export function expectNoErrors(fixture: RestFixture): void {
  expect(fixture.logged.filter((line) => line.level === "error")).toEqual([]);
}

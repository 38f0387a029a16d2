import { ProbotOctokit } from "probot";
import type { GithubClient } from "../../src/github/index.js";
import { Sandbox } from "@autopilot/github-sandbox";
import type { RecordedRequest } from "@autopilot/github-sandbox/http";

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** One sandbox per test file: the app's Octokit (installation token), a person's, and helpers. */
export interface GithubFixture {
  sandbox: Sandbox;
  /** Acting as the app, as `context.octokit` does in a handler. */
  app: GithubClient;
  /** Acting as octocat, admin of acme/widgets. */
  user: GithubClient;
  owner: "acme";
  repo: "widgets";
  /** REST calls made since the last `mark()` (token requests excluded). */
  callsSince(mark: number): RecordedRequest[];
  mark(): number;
  /** Commits files on top of `branch` (created from main when missing) straight in git: no REST call. */
  commit(branch: string, files: Record<string, string | null>, message?: string): Promise<string>;
  /** Adds `count` empty commits on top of `branch` (which must exist), straight in git. */
  emptyCommits(branch: string, count: number): Promise<string>;
  close(): Promise<void>;
}

export async function startGithubFixture(): Promise<GithubFixture> {
  const sandbox = await Sandbox.start({ validateResponses: true });
  const base = {
    baseUrl: sandbox.apiUrl,
    log: silent,
    request: { retries: 0 },
    retry: { enabled: false },
    throttle: { enabled: false },
  };
  const app = new ProbotOctokit({
    ...base,
    auth: {
      appId: sandbox.appId,
      privateKey: sandbox.credentials.privateKeyPem,
      installationId: sandbox.installationId,
    },
  });
  const user = new ProbotOctokit({ ...base, auth: { token: sandbox.userToken() } });
  const git = sandbox.repo.git;
  const counted = (request: RecordedRequest) => request.operationId !== "apps/create-installation-access-token";
  return {
    sandbox,
    app,
    user,
    owner: "acme",
    repo: "widgets",
    mark: () => sandbox.requests().length,
    callsSince: (mark) => sandbox.requests().slice(mark).filter(counted),
    commit: async (branch, files, message = "test: change files") => {
      const ref = `refs/heads/${branch}`;
      const parent = (await git.getRef(ref)) ?? (await git.getRef("refs/heads/main"));
      const parentCommit = parent === undefined ? undefined : await git.getCommit(parent);
      if (parent === undefined || parentCommit === undefined) throw new Error(`no commit to build ${branch} on`);
      const tree = await git.createTree(
        Object.entries(files).map(([path, content]) =>
          content === null
            ? { path, mode: "100644" as const, type: "blob" as const, sha: null }
            : { path, mode: "100644" as const, type: "blob" as const, content },
        ),
        parentCommit.tree,
      );
      const commit = await git.createCommit({
        message,
        tree: tree.sha,
        parents: [parent],
        author: { name: "Mona", email: "mona@example.com", date: "2026-01-02T03:04:05Z" },
      });
      if ((await git.getRef(ref)) === undefined) await git.createRef(ref, commit.sha);
      else await git.updateRef(ref, commit.sha, { force: true });
      return commit.sha;
    },
    emptyCommits: async (branch, count) => {
      const ref = `refs/heads/${branch}`;
      let parent = await git.getRef(ref);
      const tree = parent === undefined ? undefined : (await git.getCommit(parent))?.tree;
      if (parent === undefined || tree === undefined) throw new Error(`no branch ${branch}`);
      for (let index = 0; index < count; index += 1) {
        const author = { name: "Mona", email: "mona@example.com", date: "2026-01-02T03:04:05Z" };
        parent = (await git.createCommit({ message: `empty ${index + 1}`, tree, parents: [parent], author })).sha;
      }
      await git.updateRef(ref, parent, { force: true });
      return parent;
    },
    close: () => sandbox.stop(),
  };
}

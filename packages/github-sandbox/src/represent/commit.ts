import type { CommitInfo, ComparedFile } from "../git/index.js";
import { legacyNodeId, type RepoState, type SandboxUser } from "../state/index.js";
import { encodePath, gitNodeId, repoApiUrl, repoHtmlUrl, unsignedVerification } from "./git.js";
import type { Links } from "./links.js";
import { userJson } from "./user.js";

const noreply = /^(\d+)\+([^@]+)@users\.noreply\.github\.com$/i;

/**
 * The account GitHub links a commit's author or committer email to: a `<id>+<login>@users.noreply.github.com`
 * address (what the sandbox writes for its users and the app's bot) or the repository owner's
 * email; null for any other address, as GitHub answers for an email no account has.
 */
export function accountForEmail(repo: RepoState, email: string): SandboxUser | null {
  const match = noreply.exec(email);
  if (match) {
    const id = Number(match[1]);
    const login = match[2] ?? "";
    const type = login.endsWith("[bot]") ? "Bot" : "User";
    return { login, id, nodeId: legacyNodeId(type, id), type, name: null, email: null };
  }
  if (repo.owner.email !== null && repo.owner.email.toLowerCase() === email.toLowerCase()) return repo.owner;
  return null;
}

/** One entry of `files` in GitHub's commit and compare responses (`diff-entry`), seen at `ref`. */
export function diffEntryJson(repo: RepoState, file: ComparedFile, ref: string, links: Links): Record<string, unknown> {
  const path = encodePath(file.filename);
  const html = repoHtmlUrl(repo, links);
  return {
    sha: file.sha,
    filename: file.filename,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    changes: file.changes,
    blob_url: `${html}/blob/${ref}/${path}`,
    raw_url: `${html}/raw/${ref}/${path}`,
    contents_url: `${repoApiUrl(repo, links)}/contents/${path}?ref=${ref}`,
    ...(file.patch === undefined ? {} : { patch: file.patch }),
    ...(file.previous_filename === undefined ? {} : { previous_filename: file.previous_filename }),
  };
}

/**
 * GitHub's `commit` (`GET /commits/{ref}`, list commits, compare, branch): the git commit, the
 * accounts behind its emails, and with `files` the changes against the first parent and their stats.
 */
export function commitJson(
  repo: RepoState,
  commit: CommitInfo,
  links: Links,
  files?: readonly ComparedFile[],
  /** every changed file, for `stats`, when `files` is one page of them */
  allFiles: readonly ComparedFile[] | undefined = files,
): Record<string, unknown> {
  const api = repoApiUrl(repo, links);
  const html = repoHtmlUrl(repo, links);
  const account = (email: string): Record<string, unknown> | null => {
    const user = accountForEmail(repo, email);
    return user ? userJson(user, links) : null;
  };
  const json: Record<string, unknown> = {
    sha: commit.sha,
    node_id: gitNodeId("Commit", repo, commit.sha),
    commit: {
      author: { ...commit.author },
      committer: { ...commit.committer },
      message: commit.message,
      tree: { sha: commit.tree, url: `${api}/git/trees/${commit.tree}` },
      url: `${api}/git/commits/${commit.sha}`,
      comment_count: 0,
      verification: unsignedVerification(),
    },
    url: `${api}/commits/${commit.sha}`,
    html_url: `${html}/commit/${commit.sha}`,
    comments_url: `${api}/commits/${commit.sha}/comments`,
    author: account(commit.author.email),
    committer: account(commit.committer.email),
    parents: commit.parents.map((sha) => ({ sha, url: `${api}/commits/${sha}`, html_url: `${html}/commit/${sha}` })),
  };
  if (files && allFiles) {
    const additions = allFiles.reduce((sum, file) => sum + file.additions, 0);
    const deletions = allFiles.reduce((sum, file) => sum + file.deletions, 0);
    json.stats = { total: additions + deletions, additions, deletions };
    json.files = files.map((file) => diffEntryJson(repo, file, commit.sha, links));
  }
  return json;
}

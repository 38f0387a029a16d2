import type { CommitInfo, RefInfo, TreeEntry } from "../git/index.js";
import type { RepoState } from "../state/index.js";
import type { Links } from "./links.js";

/** `https://…/repos/acme/widgets`, the prefix of every API URL of a repository. */
export const repoApiUrl = (repo: RepoState, links: Links): string => `${links.api}/repos/${repo.fullName}`;

/** `https://…/acme/widgets`, the prefix of every web URL of a repository. */
export const repoHtmlUrl = (repo: RepoState, links: Links): string => `${links.web}/${repo.fullName}`;

/** A repository path (`docs/a b.md`) as it appears in a URL: each segment escaped, the slashes kept. */
export const encodePath = (path: string): string => path.split("/").map(encodeURIComponent).join("/");

/** GitHub's legacy node id of a git object: base64 of `<length>:<Type><repo id>:<name>`. */
export function gitNodeId(type: "Blob" | "Commit" | "Ref" | "Tree", repo: RepoState, name: string): string {
  return Buffer.from(`${String(type.length).padStart(2, "0")}:${type}${repo.id}:${name}`).toString("base64");
}

/**
 * Base64 the way GitHub's blob and contents APIs send it (Ruby's `encode64`): a line break after
 * every 60 characters and at the end; nothing for empty content.
 */
export function base64Lines(content: Buffer): string {
  const encoded = content.toString("base64");
  let out = "";
  for (let start = 0; start < encoded.length; start += 60) out += `${encoded.slice(start, start + 60)}\n`;
  return out;
}

/** The verification GitHub reports for a commit without a signature, which every sandbox commit is. */
export const unsignedVerification = (): Record<string, unknown> => ({
  verified: false,
  reason: "unsigned",
  signature: null,
  payload: null,
  verified_at: null,
});

/** GitHub's `git-commit` (`GET /git/commits/{sha}`), also the `commit` of a contents write. */
export function gitCommitJson(repo: RepoState, commit: CommitInfo, links: Links): Record<string, unknown> {
  const api = repoApiUrl(repo, links);
  const html = repoHtmlUrl(repo, links);
  return {
    sha: commit.sha,
    node_id: gitNodeId("Commit", repo, commit.sha),
    url: `${api}/git/commits/${commit.sha}`,
    html_url: `${html}/commit/${commit.sha}`,
    author: { ...commit.author },
    committer: { ...commit.committer },
    tree: { sha: commit.tree, url: `${api}/git/trees/${commit.tree}` },
    message: commit.message,
    parents: commit.parents.map((sha) => ({
      sha,
      url: `${api}/git/commits/${sha}`,
      html_url: `${html}/commit/${sha}`,
    })),
    verification: unsignedVerification(),
  };
}

/** GitHub's `git-ref`: the full name, and the object it points at (a commit, or an annotated tag). */
export function gitRefJson(repo: RepoState, ref: RefInfo, links: Links): Record<string, unknown> {
  const api = repoApiUrl(repo, links);
  const kind = ref.type === "tag" ? "tags" : `${ref.type}s`;
  return {
    ref: ref.ref,
    node_id: gitNodeId("Ref", repo, ref.ref),
    url: `${api}/git/${encodePath(ref.ref)}`,
    object: { type: ref.type, sha: ref.sha, url: `${api}/git/${kind}/${ref.sha}` },
  };
}

/** GitHub's `git-tree`: each entry with its object's URL (none for a submodule's commit). */
export function gitTreeJson(
  repo: RepoState,
  tree: { sha: string; tree: TreeEntry[]; truncated: boolean },
  links: Links,
): Record<string, unknown> {
  const api = repoApiUrl(repo, links);
  return {
    sha: tree.sha,
    url: `${api}/git/trees/${tree.sha}`,
    tree: tree.tree.map((entry) => ({
      path: entry.path,
      mode: entry.mode,
      type: entry.type,
      sha: entry.sha,
      ...(entry.size === undefined ? {} : { size: entry.size }),
      ...(entry.type === "commit" ? {} : { url: `${api}/git/${entry.type}s/${entry.sha}` }),
    })),
    truncated: tree.truncated,
  };
}

/** GitHub's `blob`: the content in base64 with GitHub's line breaks. */
export function blobJson(
  repo: RepoState,
  blob: { sha: string; size: number; content: Buffer },
  links: Links,
): Record<string, unknown> {
  return {
    sha: blob.sha,
    node_id: gitNodeId("Blob", repo, blob.sha),
    size: blob.size,
    url: `${repoApiUrl(repo, links)}/git/blobs/${blob.sha}`,
    content: base64Lines(blob.content),
    encoding: "base64",
  };
}

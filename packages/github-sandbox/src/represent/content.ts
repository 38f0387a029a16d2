import type { RepoState } from "../state/index.js";
import { base64Lines, encodePath, repoApiUrl, repoHtmlUrl } from "./git.js";
import type { Links } from "./links.js";

/** What the contents API calls an entry: `file`, `dir`, `symlink` or `submodule`. */
export type ContentType = "file" | "dir" | "symlink" | "submodule";

/** An entry of a tree at some ref, as the contents API describes it. */
export interface ContentEntry {
  type: ContentType;
  /** the full path from the repository root */
  path: string;
  /** the blob, tree or (for a submodule) commit sha */
  sha: string;
  /** bytes for a blob, 0 otherwise */
  size: number;
}

const baseName = (path: string): string => path.slice(path.lastIndexOf("/") + 1);

/**
 * The fields every contents representation shares: name, path, sha, size, type and the URLs
 * (`url` with `?ref=`, the blob or tree in `git_url`, the web page, the raw download for files).
 */
export function contentEntryJson(
  repo: RepoState,
  entry: ContentEntry,
  ref: string,
  links: Links,
): Record<string, unknown> {
  const api = repoApiUrl(repo, links);
  const html = repoHtmlUrl(repo, links);
  const path = encodePath(entry.path);
  const self = `${api}/contents/${path}?ref=${encodeURIComponent(ref)}`;
  const git = entry.type === "submodule" ? null : `${api}/git/${entry.type === "dir" ? "trees" : "blobs"}/${entry.sha}`;
  const web = entry.type === "submodule" ? null : `${html}/${entry.type === "dir" ? "tree" : "blob"}/${ref}/${path}`;
  return {
    name: baseName(entry.path),
    path: entry.path,
    sha: entry.sha,
    size: entry.size,
    url: self,
    html_url: web,
    git_url: git,
    download_url: entry.type === "file" ? `${html}/raw/${ref}/${path}` : null,
    type: entry.type,
    _links: { self, git, html: web },
  };
}

/** Past this size GitHub's contents API leaves a file's content out (`encoding: "none"`): read the blob. */
export const contentByteLimit = 1024 * 1024;

/**
 * GitHub's `content-file`: a file with its bytes in base64, broken into lines as GitHub does; past
 * 1 MB an empty `content` and `encoding: "none"`, as GitHub answers for files of 1 to 100 MB.
 */
export function contentFileJson(
  repo: RepoState,
  file: { path: string; sha: string; content: Buffer },
  ref: string,
  links: Links,
): Record<string, unknown> {
  const entry: ContentEntry = { type: "file", path: file.path, sha: file.sha, size: file.content.length };
  if (file.content.length > contentByteLimit) {
    return { ...contentEntryJson(repo, entry, ref, links), content: "", encoding: "none" };
  }
  return { ...contentEntryJson(repo, entry, ref, links), content: base64Lines(file.content), encoding: "base64" };
}

/** GitHub's `content-symlink`: the link's target instead of content. */
export function contentSymlinkJson(
  repo: RepoState,
  link: { path: string; sha: string; target: string },
  ref: string,
  links: Links,
): Record<string, unknown> {
  const entry: ContentEntry = { type: "symlink", path: link.path, sha: link.sha, size: Buffer.byteLength(link.target) };
  return { ...contentEntryJson(repo, entry, ref, links), target: link.target };
}

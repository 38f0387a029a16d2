import type { GithubClient, RepoRef } from "./client.js";
import { isNotFound } from "./errors.js";

export interface FileAt extends RepoRef {
  path: string;
  /** Branch, tag or sha; the default branch when omitted. */
  ref?: string;
}

/**
 * A file's text at `ref`, in one call with the raw media type (no base64, and files up to 100 MB
 * where the JSON form stops at 1 MB); undefined when the file or ref does not exist, or when the
 * path is a directory.
 */
export async function readTextFile(
  octokit: GithubClient,
  { owner, repo, path, ref }: FileAt,
): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.repos.getContent({
      owner,
      repo,
      path,
      ...(ref === undefined ? {} : { ref }),
      mediaType: { format: "raw" },
    });
    // a directory answers with its JSON listing even when raw is asked for
    return typeof data === "string" ? data : undefined;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

export interface TreePaths {
  /** Every file (blob) path, including symlinks; not directories or submodules. */
  paths: string[];
  /** GitHub stops a recursive tree at 100,000 entries or 7 MB and says so here. */
  truncated: boolean;
}

/** Every file path at `ref` in one call (`git/trees/{ref}?recursive=1`; a branch, tag or sha). */
export async function readTreePaths(
  octokit: GithubClient,
  { owner, repo, ref }: RepoRef & { ref: string },
): Promise<TreePaths> {
  const { data } = await octokit.rest.git.getTree({ owner, repo, tree_sha: ref, recursive: "1" });
  const paths = data.tree
    .filter((entry) => entry.type === "blob" && entry.path !== undefined)
    .map((entry) => entry.path as string);
  return { paths, truncated: data.truncated };
}

/** Thrown by `listTreePaths` when GitHub cut the tree short: a partial list would mislead a gate. */
export class TreeTruncatedError extends Error {
  constructor(
    readonly ref: string,
    readonly listed: number,
  ) {
    super(`autopilot: the tree of ${ref} is too large for GitHub to list at once (truncated after ${listed} files)`);
    this.name = "TreeTruncatedError";
  }
}

/** Every file path at `ref`; throws `TreeTruncatedError` rather than return a partial list (use `readTreePaths` to accept one). */
export async function listTreePaths(octokit: GithubClient, options: RepoRef & { ref: string }): Promise<string[]> {
  const { paths, truncated } = await readTreePaths(octokit, options);
  if (truncated) throw new TreeTruncatedError(options.ref, paths.length);
  return paths;
}

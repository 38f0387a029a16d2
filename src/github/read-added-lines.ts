import { Buffer } from "node:buffer";
import type { ChangedFile } from "../core/changed-file.js";
import { addedLinesPatch } from "../core/gates/index.js";
import { lacksPatch } from "../core/review/classify-file.js";
import type { GithubClient, RepoRef } from "./client.js";
import { isNotFound } from "./errors.js";

/** text files without a patch whose added lines are rebuilt; beyond, they are reported as not scanned */
export const largeTextReadLimit = 20;
/** larger files (at base or head) are not read: their added lines are reported as not scanned */
export const largeTextByteLimit = 8 * 1024 * 1024;

/**
 * A file's text at `ref`: `""` when it does not exist there, undefined when it is too large to
 * read. The contents API names the blob and its size (GitHub leaves the content out past 1 MB),
 * the blob API serves the rest.
 */
async function textAt(
  octokit: GithubClient,
  { owner, repo }: RepoRef,
  path: string,
  ref: string,
): Promise<string | undefined> {
  let data: unknown;
  try {
    ({ data } = await octokit.rest.repos.getContent({ owner, repo, path, ref }));
  } catch (error) {
    if (isNotFound(error)) return "";
    throw error;
  }
  if (Array.isArray(data) || typeof data !== "object" || data === null) return undefined;
  const file = data as { type?: string; size?: number; sha?: string; content?: string; encoding?: string };
  if (file.type !== "file" || typeof file.sha !== "string" || (file.size ?? 0) > largeTextByteLimit) return undefined;
  if (file.encoding === "base64" && file.content) return Buffer.from(file.content, "base64").toString("utf8");
  const { data: blob } = await octokit.rest.git.getBlob({ owner, repo, file_sha: file.sha });
  if ((blob.size ?? 0) > largeTextByteLimit) return undefined;
  return Buffer.from(blob.content, blob.encoding === "base64" ? "base64" : "utf8").toString("utf8");
}

/**
 * For the text files GitHub sent without a patch (it does for diffs too large to show), the lines
 * head adds, rebuilt from the file at the merge base and at head (`addedPatch`), so a credential
 * hidden in a huge change is still scanned. One file at a time, to bound memory; files past the
 * limits stay without and the secret gate reports them as not scanned.
 */
export async function readAddedLines(
  octokit: GithubClient,
  repoRef: RepoRef,
  sides: { mergeBase: string; head: string },
  files: ChangedFile[],
): Promise<void> {
  const wanted = files
    .filter((file) => lacksPatch(file) && file.status !== "removed" && file.additions > 0)
    .slice(0, largeTextReadLimit);
  for (const file of wanted) {
    const head = await textAt(octokit, repoRef, file.filename, sides.head);
    if (head === undefined) continue;
    const basePath = file.previous_filename ?? file.filename;
    const base = file.status === "added" ? "" : await textAt(octokit, repoRef, basePath, sides.mergeBase);
    if (base === undefined) continue;
    file.addedPatch = addedLinesPatch(base, head);
  }
}

import { Buffer } from "node:buffer";
import { disarmCode } from "../core/markdown/index.js";
import type { ChangedFile } from "../core/changed-file.js";
import { printableText } from "../core/secrets/index.js";
import { lacksPatch } from "../core/review/classify-file.js";
import type { GithubClient, RepoRef } from "./client.js";
import { listPullFiles, pullFileLimit } from "./list-pull-files.js";
import { mapChangedFile, type GithubDiffEntry } from "./map-changed-file.js";
import { readAddedLines } from "./read-added-lines.js";

export interface ReadChangeOptions extends RepoRef {
  /** Branch, tag or sha the change is measured from (its merge base with `head`, as a PR does). */
  base: string;
  head: string;
  /** The pull request, when there is one: past compare's 300 files its files are listed instead. */
  pullNumber?: number;
}

export interface ChangeCommit {
  sha: string;
  message: string;
}

export interface Change {
  files: ChangedFile[];
  /** Oldest first; at most 250. */
  commits: ChangeCommit[];
  /** How many commits head is ahead of the merge base, as GitHub counts them. */
  totalCommits: number;
  /** False when GitHub did not show everything; `incompleteReason` says what is missing. */
  complete: boolean;
  incompleteReason?: string;
  headSha: string;
  baseSha: string;
  mergeBaseSha: string;
}

/** GitHub's caps: compare shows 300 files (first page only); commits are read up to 250, like a PR's. */
export const compareFileLimit = 300;
export const commitLimit = 250;
const perPage = 100;
/** binary files whose blobs are read for the secret scan; beyond, they are reported as not scanned */
export const binaryReadLimit = 20;
/** larger blobs are not scanned (GitHub's blob API serves up to 100 MB, all of it base64 in memory) */
export const binaryByteLimit = 4 * 1024 * 1024;

/**
 * The printable text of the binary files a change adds or modifies, read from their blobs: git
 * gives them no diff (a file is binary to git as soon as it holds a NUL byte), so without this a
 * credential after a NUL would pass the secret gate unseen. Files past the limits stay unread and
 * the gate reports them as not scanned.
 */
async function readBinaryTexts(
  octokit: GithubClient,
  { owner, repo }: RepoRef,
  entries: readonly GithubDiffEntry[],
  files: ChangedFile[],
): Promise<void> {
  const wanted = files
    .map((file, index) => ({ file, sha: entries[index]?.sha }))
    .filter(({ file, sha }) => file.binary === true && file.status !== "removed" && typeof sha === "string")
    .slice(0, binaryReadLimit);
  await Promise.all(
    wanted.map(async ({ file, sha }) => {
      const { data } = await octokit.rest.git.getBlob({ owner, repo, file_sha: sha as string });
      if ((data.size ?? 0) > binaryByteLimit) return;
      const bytes = Buffer.from(data.content, data.encoding === "base64" ? "base64" : "utf8");
      file.binaryText = printableText(bytes);
    }),
  );
}

const count = (n: number): string => n.toLocaleString("en-US");

/** `…/compare/acme:<base sha>...acme:<head sha>`: the one place compare names head's sha itself. */
function headFromPermalink(permalink: string | undefined): string | undefined {
  return /\.\.\.(?:[^:/]+:)?([0-9a-f]{40})$/.exec(permalink ?? "")?.[1];
}

function reasons(change: { totalCommits: number; files: ChangedFile[]; filesCapped: string | undefined }): string[] {
  const found: string[] = [];
  if (change.filesCapped !== undefined) found.push(change.filesCapped);
  if (change.totalCommits > commitLimit) {
    found.push(
      `the change has ${count(change.totalCommits)} commits and GitHub's API lists at most ${count(commitLimit)}; only the first ${count(commitLimit)} were read`,
    );
  }
  // a file whose added lines the app rebuilt was seen whole by the secret scan; one that adds no
  // line (a large file removed) has nothing to scan, and its name and counts are all the rest need
  const unseen = (file: ChangedFile): boolean =>
    lacksPatch(file) && file.addedPatch === undefined && file.additions > 0;
  const withoutPatch = change.files.filter(unseen).map((file) => file.filename);
  if (withoutPatch.length > 0) {
    const shown = withoutPatch
      .slice(0, 5)
      .map((name) => disarmCode(name))
      .join(", ");
    const more = withoutPatch.length > 5 ? ` and ${count(withoutPatch.length - 5)} more` : "";
    found.push(
      `GitHub sent no diff for ${count(withoutPatch.length)} changed text file(s), as it does for very large diffs: ${shown}${more}`,
    );
  }
  return found;
}

/**
 * Reads a change once through `GET /compare/{base}...{head}` (100 commits per page): files come on
 * the first page only, at most 300; with more, a pull request's files are listed through
 * `pulls.listFiles` (at most 3,000). Past GitHub's caps, or when GitHub left a text file's diff
 * out and its added lines could not be read from the file itself, the change is marked incomplete
 * with a reason a gate can show: a check must never pass on what it could not see. A change of
 * at most 100 commits and 300 files costs one call.
 */
export async function readChange(octokit: GithubClient, options: ReadChangeOptions): Promise<Change> {
  const { owner, repo, base, head, pullNumber } = options;
  const basehead = `${base}...${head}`;
  const { data: first } = await octokit.rest.repos.compareCommitsWithBasehead({
    owner,
    repo,
    basehead,
    per_page: perPage,
    page: 1,
  });
  const totalCommits = first.total_commits;
  const lastPage = Math.ceil(Math.min(totalCommits, commitLimit) / perPage);

  const morePages: number[] = [];
  for (let page = 2; page <= lastPage; page += 1) morePages.push(page);
  const fileListNeeded = first.files !== undefined && first.files.length >= compareFileLimit;
  const [pages, pullFiles] = await Promise.all([
    Promise.all(
      morePages.map((page) =>
        octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead, per_page: perPage, page }),
      ),
    ),
    fileListNeeded && pullNumber !== undefined ? listPullFiles(octokit, { owner, repo, pullNumber }) : undefined,
  ]);

  const commits = [first, ...pages.map((page) => page.data)]
    .flatMap((page) => page.commits)
    .slice(0, commitLimit)
    .map((commit) => ({ sha: commit.sha, message: commit.commit.message }));
  const entries: readonly GithubDiffEntry[] = pullFiles ?? first.files ?? [];
  const files = entries.map(mapChangedFile);
  const lastCommit = totalCommits <= commitLimit ? commits.at(-1)?.sha : undefined;
  const headSha = headFromPermalink(first.permalink_url) ?? lastCommit ?? head;
  const mergeBaseSha = first.merge_base_commit.sha;
  await readBinaryTexts(octokit, options, entries, files);
  await readAddedLines(octokit, { owner, repo }, { mergeBase: mergeBaseSha, head: headSha }, files);

  let filesCapped: string | undefined;
  if (pullFiles !== undefined && pullFiles.length >= pullFileLimit) {
    filesCapped = `the pull request changes at least ${count(pullFileLimit)} files and GitHub lists at most ${count(pullFileLimit)}; files beyond were not read`;
  } else if (pullFiles === undefined && fileListNeeded) {
    filesCapped = `GitHub's compare API shows at most ${count(compareFileLimit)} files and this change reached that cap; files beyond were not read (no pull request to list them from)`;
  }
  const found = reasons({ totalCommits, files, filesCapped });
  return {
    files,
    commits,
    totalCommits,
    complete: found.length === 0,
    ...(found.length === 0 ? {} : { incompleteReason: `${found.join("; ")}.` }),
    headSha,
    baseSha: first.base_commit.sha,
    mergeBaseSha,
  };
}

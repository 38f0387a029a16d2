import type { GithubClient, RepoRef } from "./client.js";
import type { GithubDiffEntry } from "./map-changed-file.js";

/** GitHub lists at most this many files of a pull request. */
export const pullFileLimit = 3_000;

/** The `page` of the `rel="last"` link in a Link header; 1 when there is none. */
export function lastPageOf(link: string | undefined): number {
  const match = /<[^>]*[?&]page=(\d+)[^>]*>;\s*rel="last"/.exec(link ?? "");
  return match?.[1] === undefined ? 1 : Number(match[1]);
}

/**
 * Every file of a pull request (at most 3,000): the first page of 100 tells through its Link
 * header how many pages there are, and the others are read in parallel rather than one by one.
 */
export async function listPullFiles(
  octokit: GithubClient,
  { owner, repo, pullNumber }: RepoRef & { pullNumber: number },
): Promise<GithubDiffEntry[]> {
  const perPage = 100;
  const first = await octokit.rest.pulls.listFiles({
    owner,
    repo,
    pull_number: pullNumber,
    per_page: perPage,
    page: 1,
  });
  const last = Math.min(lastPageOf(first.headers.link), Math.ceil(pullFileLimit / perPage));
  const pages = [];
  for (let page = 2; page <= last; page += 1) pages.push(page);
  const rest = await Promise.all(
    pages.map((page) =>
      octokit.rest.pulls.listFiles({ owner, repo, pull_number: pullNumber, per_page: perPage, page }),
    ),
  );
  return [first, ...rest].flatMap((response) => response.data);
}

import type { GithubClient, RepoRef } from "./client.js";
import type { RepositoryMergeSettings } from "./port-types.js";

/** The repository's merge settings (GraphQL `Repository.mergeCommitAllowed` and its siblings). */
export async function readMergeSettings(
  octokit: GithubClient,
  { owner, repo }: RepoRef,
): Promise<RepositoryMergeSettings> {
  const data = await octokit.graphql<{ repository: RepositoryMergeSettings }>(
    `query($owner: String!, $name: String!) {
      repository(owner: $owner, name: $name) { mergeCommitAllowed squashMergeAllowed rebaseMergeAllowed }
    }`,
    { owner, name: repo },
  );
  return data.repository;
}

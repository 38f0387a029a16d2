import type { ProbotOctokit } from "probot";

type Octokit = InstanceType<typeof ProbotOctokit>;

const repoRef = { owner: "acme", repo: "widgets" } as const;

/**
 * Pushes one commit onto `branch` of acme/widgets through the Git Data API, as a client of GitHub
 * would: a tree on the branch's tree (`null` deletes a path), a commit, then the ref moved.
 */
export async function pushCommit(
  octokit: Octokit,
  branch: string,
  message: string,
  files: Record<string, string | null>,
): Promise<string> {
  const head = (await octokit.rest.repos.getBranch({ ...repoRef, branch })).data.commit;
  const tree = await octokit.rest.git.createTree({
    ...repoRef,
    base_tree: head.commit.tree.sha,
    tree: Object.entries(files).map(([path, content]) =>
      content === null
        ? { path, mode: "100644" as const, type: "blob" as const, sha: null }
        : { path, mode: "100644" as const, type: "blob" as const, content },
    ),
  });
  const commit = await octokit.rest.git.createCommit({ ...repoRef, message, tree: tree.data.sha, parents: [head.sha] });
  await octokit.rest.git.updateRef({ ...repoRef, ref: `heads/${branch}`, sha: commit.data.sha });
  return commit.data.sha;
}

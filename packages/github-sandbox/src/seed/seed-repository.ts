import type { Person } from "../git/index.js";
import type { CreateRepoOptions, RepoState, SandboxState } from "../state/index.js";

export interface SeedOptions extends CreateRepoOptions {
  /** Path → content of the first commit on the default branch. */
  files: Record<string, string>;
  /** Who wrote the first commit; also made an admin of the repository. */
  author: Person & { login: string };
  message?: string;
}

/** Creates a repository whose default branch holds one commit with `files`, as if pushed before the app was installed. */
export async function seedRepository(
  state: SandboxState,
  owner: string,
  name: string,
  options: SeedOptions,
): Promise<RepoState> {
  const repo = await state.createRepo(owner, name, options);
  state.setPermission(repo, options.author.login, "admin");
  const entries = await Promise.all(
    Object.entries(options.files).map(async ([path, content]) => ({
      path,
      mode: "100644" as const,
      type: "blob" as const,
      sha: (await repo.git.createBlob(content)).sha,
    })),
  );
  const tree = await repo.git.createTree(entries);
  const person = { name: options.author.name, email: options.author.email };
  const commit = await repo.git.createCommit({
    message: options.message ?? "Initial commit",
    tree: tree.sha,
    parents: [],
    author: person,
    committer: person,
  });
  await repo.git.createRef(`refs/heads/${repo.defaultBranch}`, commit.sha);
  return repo;
}

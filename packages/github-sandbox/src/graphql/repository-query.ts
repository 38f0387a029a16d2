import type { SandboxRequest } from "../http/index.js";
import { linksOf, requireRepo, type RestContext } from "../rest/rest-context.js";
import type { RepoState } from "../state/index.js";
import { blobNode } from "./blob-node.js";
import { checkSuitesAt } from "./check-run-node.js";
import { asFieldError, FieldError } from "./field-error.js";

/** What each resolver sees: the sandbox and the request being answered. */
export interface GraphqlContext {
  ctx: RestContext;
  request: SandboxRequest;
}

const opaqueId = (type: string, repo: RepoState, oid: string): string =>
  Buffer.from(`${type}:${repo.id}:${oid}`).toString("base64");

const treeNode = (repo: RepoState, oid: string) => ({
  __typename: "Tree",
  id: opaqueId("Tree", repo, oid),
  oid,
  abbreviatedOid: oid.slice(0, 7),
});

export async function commitNode(
  { ctx, request }: GraphqlContext,
  repo: RepoState,
  oid: string,
): Promise<Record<string, unknown> | null> {
  const commit = await repo.git.getCommit(oid);
  if (!commit) return null;
  return {
    __typename: "Commit",
    id: opaqueId("Commit", repo, oid),
    oid,
    abbreviatedOid: oid.slice(0, 7),
    message: commit.message,
    url: `${linksOf(request).web}/${repo.fullName}/commit/${oid}`,
    checkSuites: (args: Parameters<typeof checkSuitesAt>[3]) => {
      const scoped = { ...request, params: { owner: repo.owner.login, repo: repo.name } };
      try {
        requireRepo(ctx, scoped, { permission: "checks", write: false });
      } catch (error) {
        asFieldError(
          error,
          new FieldError("NOT_FOUND", `Could not resolve to a Repository with the name '${repo.fullName}'.`),
        );
      }
      return checkSuitesAt(ctx.state, repo, oid, args);
    },
  };
}

/** The object at `<rev>:<path>`: a file is a Blob, a directory a Tree; a submodule or a missing path null. */
async function objectAtPath(repo: RepoState, commitSha: string, path: string): Promise<Record<string, unknown> | null> {
  const file = await repo.git.readFile(commitSha, path);
  if (file) return blobNode(opaqueId("Blob", repo, file.sha), file.sha, file.content);
  let tree = (await repo.git.getCommit(commitSha))?.tree;
  for (const segment of path.split("/").filter((part) => part !== "")) {
    const entry =
      tree === undefined
        ? undefined
        : (await repo.git.getTree(tree))?.tree.find((candidate) => candidate.path === segment);
    tree = entry?.type === "tree" ? entry.sha : undefined;
  }
  return tree === undefined ? null : treeNode(repo, tree);
}

/** `Repository.object(expression | oid)`, as GitHub resolves it; needs read access to the contents. */
async function objectOf(
  context: GraphqlContext,
  repo: RepoState,
  args: { expression?: string | null; oid?: string | null },
): Promise<Record<string, unknown> | null> {
  const scoped = { ...context.request, params: { owner: repo.owner.login, repo: repo.name } };
  try {
    requireRepo(context.ctx, scoped, { permission: "contents", write: false });
  } catch (error) {
    asFieldError(
      error,
      new FieldError("NOT_FOUND", `Could not resolve to a Repository with the name '${repo.fullName}'.`),
    );
  }
  if (args.oid) {
    const commit = await commitNode(context, repo, args.oid);
    if (commit) return commit;
    const blob = await repo.git.getBlob(args.oid);
    if (blob) return blobNode(opaqueId("Blob", repo, blob.sha), blob.sha, blob.content);
    const tree = await repo.git.getTree(args.oid);
    return tree ? treeNode(repo, tree.sha) : null;
  }
  if (!args.expression) throw new FieldError("UNPROCESSABLE", "Either `expression` or `oid` must be provided.");
  const colon = args.expression.indexOf(":");
  const rev = colon === -1 ? args.expression : args.expression.slice(0, colon);
  const commitSha = await repo.git.resolveCommit(rev === "" ? repo.defaultBranch : rev);
  if (commitSha === undefined) return null;
  return colon === -1
    ? commitNode(context, repo, commitSha)
    : objectAtPath(repo, commitSha, args.expression.slice(colon + 1));
}

/**
 * `repository(owner, name)`: the repository when the caller may see it (NOT_FOUND otherwise, as
 * GitHub words it), its ids and names, and `object(…)` to read files and commits from it.
 */
export function repositoryQuery(
  { owner, name }: { owner: string; name: string },
  context: GraphqlContext,
): Record<string, unknown> {
  const scoped = { ...context.request, params: { owner, repo: name } };
  let repo: RepoState;
  try {
    repo = requireRepo(context.ctx, scoped, { permission: "metadata", write: false });
  } catch (error) {
    return asFieldError(
      error,
      new FieldError("NOT_FOUND", `Could not resolve to a Repository with the name '${owner}/${name}'.`),
    );
  }
  return {
    id: repo.nodeId,
    databaseId: repo.id,
    name: repo.name,
    nameWithOwner: repo.fullName,
    // unlike REST's allow_* fields, readable by anyone who can read the repository
    mergeCommitAllowed: repo.mergeSettings.allowMergeCommit,
    squashMergeAllowed: repo.mergeSettings.allowSquashMerge,
    rebaseMergeAllowed: repo.mergeSettings.allowRebaseMerge,
    isArchived: repo.archivedAt !== null,
    archivedAt: repo.archivedAt,
    object: (args: { expression?: string | null; oid?: string | null }) => objectOf(context, repo, args),
  };
}

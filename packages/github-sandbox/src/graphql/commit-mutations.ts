import { isValidTreePath } from "../git/object-name.js";
import { GitStoreError, type TreeEntryInput } from "../git/index.js";
import { actorOf, linksOf, requireRepo } from "../rest/rest-context.js";
import { assertPushAllowed } from "../rest/repos/protected-push.js";
import { personOf, writeContents } from "../rest/repos/shared.js";
import { lookUpPath } from "../rest/repos/tree-walk.js";
import { assertMayMoveWorkflows, assertMayWriteWorkflowFile } from "../rest/repos/workflow-permission.js";
import type { RepoState } from "../state/index.js";
import type { PullIssue } from "../rest/pulls/pull-access.js";
import { asFieldError, FieldError, pageSize } from "./field-error.js";
import { pullRequestNode } from "./pull-request-node.js";
import { repositoryQuery, type GraphqlContext } from "./repository-query.js";

interface CreateCommitOnBranchInput {
  branch: { id?: string | null; repositoryNameWithOwner?: string | null; branchName?: string | null };
  clientMutationId?: string | null;
  expectedHeadOid: string;
  fileChanges?: {
    additions?: { path: string; contents: string }[] | null;
    deletions?: { path: string }[] | null;
  } | null;
  message: { headline: string; body?: string | null };
}

const stale = (expected: string) =>
  new FieldError("STALE_DATA", `Expected branch to point to "${expected}" but it did not.  Pull and try again.`);

/** The repository and branch `CommittableBranch` names (by name; a Ref's node id is not something the sandbox hands out). */
function branchOf(
  input: CreateCommitOnBranchInput,
  { ctx, request }: GraphqlContext,
): { repo: RepoState; ref: string } {
  const { repositoryNameWithOwner, branchName } = input.branch;
  if (!repositoryNameWithOwner || !branchName)
    throw new FieldError(
      "UNPROCESSABLE",
      "Either `id` or both `repositoryNameWithOwner` and `branchName` must be provided (the sandbox takes names only).",
    );
  const [owner = "", name = ""] = repositoryNameWithOwner.split("/");
  const notFound = new FieldError(
    "NOT_FOUND",
    `Could not resolve to a Repository with the name '${repositoryNameWithOwner}'.`,
  );
  try {
    const repo = requireRepo(ctx, { ...request, params: { owner, repo: name } }, writeContents);
    return { repo, ref: `refs/heads/${branchName}` };
  } catch (error) {
    return asFieldError(error, notFound);
  }
}

/**
 * `createCommitOnBranch`, as GitHub runs it: one commit of the given additions (base64) and
 * deletions on top of `expectedHeadOid`, which must be where the branch points (else STALE_DATA,
 * on a 200 as GitHub answers it); a deletion of a path the head lacks is UNPROCESSABLE; the
 * branch's protection and the `workflows` permission apply as to a push. Then the push is
 * announced like any other.
 */
async function createCommitOnBranch(
  { input }: { input: CreateCommitOnBranchInput },
  context: GraphqlContext,
): Promise<Record<string, unknown>> {
  const { ctx, request } = context;
  const { repo, ref } = branchOf(input, context);
  const head = await repo.git.getRef(ref);
  if (head === undefined)
    throw new FieldError("NOT_FOUND", `A ref named "${ref}" does not exist in ${repo.fullName} (sandbox wording).`);
  if (head !== input.expectedHeadOid) throw stale(input.expectedHeadOid);
  const additions = input.fileChanges?.additions ?? [];
  const deletions = input.fileChanges?.deletions ?? [];
  const entries: TreeEntryInput[] = [];
  try {
    for (const { path } of [...additions, ...deletions]) {
      if (!isValidTreePath(path)) throw new FieldError("UNPROCESSABLE", `${path} is not a valid file path.`);
      assertMayWriteWorkflowFile(request.principal, path);
    }
    for (const { path } of deletions) {
      if ((await lookUpPath(repo, head, path)) === undefined)
        throw new FieldError(
          "UNPROCESSABLE",
          `A path was requested for deletion which does not exist as of commit oid \`${head}\``,
        );
      entries.push({ path, mode: "100644", type: "blob", sha: null });
    }
    for (const { path, contents } of additions) {
      const blob = await repo.git.createBlob(contents, "base64");
      entries.push({ path, mode: "100644", type: "blob", sha: blob.sha });
    }
    const base = await repo.git.getCommit(head);
    if (base === undefined) throw new Error(`${ref} points at ${head}, which is no commit`);
    const tree = await repo.git.createTree(entries, base.tree);
    const sender = actorOf(ctx, request.principal);
    const person = personOf(sender, ctx.state.iso());
    const body = input.message.body ? `\n\n${input.message.body}` : "";
    const commit = await repo.git.createCommit({
      message: `${input.message.headline}${body}`,
      tree: tree.sha,
      parents: [head],
      author: person,
      committer: person,
    });
    await assertPushAllowed(ctx, repo, request.principal, { ref, after: commit.sha, forced: false });
    await assertMayMoveWorkflows(repo, request.principal, head, commit.sha);
    try {
      await repo.git.updateRef(ref, commit.sha, { expectedOld: head });
    } catch (error) {
      if (error instanceof GitStoreError && error.status === 409) throw stale(input.expectedHeadOid);
      throw error;
    }
    await ctx.refMoved(repo, { ref, before: head, after: commit.sha, forced: false, sender });
    const links = linksOf(request);
    return {
      clientMutationId: input.clientMutationId ?? null,
      ref: refNode(context, repo, ref),
      commit: {
        id: Buffer.from(`Commit:${repo.id}:${commit.sha}`).toString("base64"),
        oid: commit.sha,
        abbreviatedOid: commit.sha.slice(0, 7),
        message: commit.message,
        url: `${links.web}/${repo.fullName}/commit/${commit.sha}`,
      },
    };
  } catch (error) {
    if (error instanceof FieldError) throw error;
    return asFieldError(error, new FieldError("NOT_FOUND", `Could not resolve to a Ref named "${ref}".`));
  }
}

const pullStates = (issue: PullIssue): string => (issue.pull.merged ? "MERGED" : issue.state.toUpperCase());

/**
 * The payload's `ref` (the branch after the commit): its name and `associatedPullRequests`, the
 * pull requests whose head is this branch of this repository, by number, filtered by `states` and
 * `baseRefName`, as far as the caller may read pull requests (FORBIDDEN otherwise).
 */
export function refNode({ ctx, request }: GraphqlContext, repo: RepoState, ref: string) {
  const name = ref.replace(/^refs\/heads\//, "");
  return {
    id: Buffer.from(`Ref:${repo.id}:${ref}`).toString("base64"),
    name,
    prefix: "refs/heads/",
    // the repository as the query `repository(owner, name)` answers it, read after the mutation
    repository: () => repositoryQuery({ owner: repo.owner.login, name: repo.name }, { ctx, request }),
    associatedPullRequests: (args: {
      states?: string[] | null;
      baseRefName?: string | null;
      first?: number | null;
    }) => {
      try {
        requireRepo(
          ctx,
          { ...request, params: { owner: repo.owner.login, repo: repo.name } },
          {
            permission: "pull_requests",
            write: false,
          },
        );
      } catch (error) {
        asFieldError(error, new FieldError("NOT_FOUND", `Could not resolve to a Ref named "${ref}".`));
      }
      const size = pageSize(args.first, "associatedPullRequests");
      const pulls = [...repo.issues.values()]
        .filter((issue): issue is PullIssue => issue.pull !== undefined)
        .filter((issue) => issue.pull.head.ref === name && (issue.pull.head.repo ?? repo) === repo)
        .filter((issue) => !args.states || args.states.includes(pullStates(issue)))
        .filter((issue) => !args.baseRefName || issue.pull.base.ref === args.baseRefName)
        .sort((a, b) => a.number - b.number);
      return {
        totalCount: pulls.length,
        nodes: pulls.slice(0, size).map((issue) => pullRequestNode(issue, repo, request)),
      };
    },
  };
}

/** The repository and ref a `Ref` node id names (the sandbox's ids: base64 of `Ref:<repo id>:<ref>`). */
function refById(ctx: GraphqlContext["ctx"], id: string): { repo: RepoState; ref: string } | undefined {
  const match = /^Ref:(\d+):(refs\/.+)$/.exec(Buffer.from(id, "base64").toString("utf8"));
  if (!match) return undefined;
  const repo = [...ctx.state.repos()].find((candidate) => String(candidate.id) === match[1]);
  return repo === undefined ? undefined : { repo, ref: match[2] as string };
}

/**
 * `deleteRef`, as GitHub runs it and as `DELETE /git/refs/{ref}` does: contents write, the
 * branch's protection (a protected branch may not be deleted), announced as a deleted push. An id
 * that names no ref (deleted already) is NOT_FOUND.
 */
async function deleteRef(
  { input }: { input: { refId: string; clientMutationId?: string | null } },
  { ctx, request }: GraphqlContext,
): Promise<Record<string, unknown>> {
  const notFound = new FieldError("NOT_FOUND", `Could not resolve to a node with the global id of '${input.refId}'.`);
  const found = refById(ctx, input.refId);
  if (!found) throw notFound;
  const { repo, ref } = found;
  try {
    requireRepo(ctx, { ...request, params: { owner: repo.owner.login, repo: repo.name } }, writeContents);
    const before = await repo.git.getRef(ref);
    if (before === undefined) throw notFound;
    await assertPushAllowed(ctx, repo, request.principal, { ref, after: undefined, forced: false });
    await repo.git.deleteRef(ref);
    await ctx.refMoved(repo, { ref, before, after: undefined, forced: false, sender: actorOf(ctx, request.principal) });
  } catch (error) {
    if (error instanceof FieldError) throw error;
    return asFieldError(error, notFound);
  }
  return { clientMutationId: input.clientMutationId ?? null };
}

export const commitRoot = { createCommitOnBranch, deleteRef };

export const commitSdl = /* GraphQL */ `
  """Base64-encoded bytes."""
  scalar Base64String

  input CommittableBranch {
    id: ID
    repositoryNameWithOwner: String
    branchName: String
  }

  input FileAddition {
    path: String!
    contents: Base64String!
  }

  input FileDeletion {
    path: String!
  }

  input FileChanges {
    additions: [FileAddition!] = []
    deletions: [FileDeletion!] = []
  }

  input CommitMessage {
    headline: String!
    body: String
  }

  input CreateCommitOnBranchInput {
    branch: CommittableBranch!
    clientMutationId: String
    expectedHeadOid: GitObjectID!
    fileChanges: FileChanges
    message: CommitMessage!
  }

  type CreateCommitOnBranchPayload {
    clientMutationId: String
    commit: Commit
    """The ref which has been updated to point to the new commit."""
    ref: Ref
  }

  """Represents a Git reference."""
  type Ref implements Node {
    id: ID!
    name: String!
    prefix: String!
    """The repository the ref belongs to."""
    repository: Repository!
    """A list of pull requests with this ref as the head ref."""
    associatedPullRequests(
      states: [PullRequestState!]
      baseRefName: String
      first: Int
      after: String
    ): PullRequestConnection!
  }

  input DeleteRefInput {
    clientMutationId: String
    """The Node ID of the Ref to be deleted."""
    refId: ID!
  }

  type DeleteRefPayload {
    clientMutationId: String
  }

  type PullRequestConnection {
    nodes: [PullRequest]
    totalCount: Int!
  }
`;

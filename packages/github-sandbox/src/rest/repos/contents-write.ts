import type { CommitInfo, Person, TreeEntryInput } from "../../git/index.js";
import { isValidTreePath } from "../../git/object-name.js";
import { SandboxHttpError, type SandboxRequest } from "../../http/index.js";
import { contentEntryJson } from "../../represent/content.js";
import { gitCommitJson } from "../../represent/git.js";
import type { RepoState } from "../../state/index.js";
import type { HandlerRegistry, RestContext } from "../rest-context.js";
import { actorOf, linksOf, requireRepo } from "../rest-context.js";
import { assertPushAllowed } from "./protected-push.js";
import { datedPerson, personOf, trimPath, writeContents } from "./shared.js";
import { lookUpPath, type PathLookup } from "./tree-walk.js";
import { assertMayWriteWorkflowFile } from "./workflow-permission.js";

interface WriteBody {
  message: string;
  content?: string;
  sha?: string;
  branch?: string;
  committer?: Person;
  author?: Person;
}

interface Target {
  repo: RepoState;
  path: string;
  branch: string;
  /** undefined only in an empty repository, whose first file starts the default branch */
  tip: string | undefined;
  found: PathLookup | undefined;
  body: WriteBody;
}

/** The branch a contents write goes to (the default one unless named) and what is at the path now. */
async function targetOf(ctx: RestContext, request: SandboxRequest): Promise<Target> {
  const repo = requireRepo(ctx, request, writeContents);
  const body = request.body as WriteBody;
  const path = trimPath(String(request.params.path ?? ""));
  if (!isValidTreePath(path))
    throw new SandboxHttpError(422, `Invalid request.\n\npath ${path} is not a valid file path.`);
  assertMayWriteWorkflowFile(request.principal, path);
  const branch = body.branch ?? repo.defaultBranch;
  const tip = await repo.git.getRef(`refs/heads/${branch}`);
  if (tip === undefined) {
    const empty = branch === repo.defaultBranch && (await repo.git.listRefs("heads/")).length === 0;
    if (!empty) throw new SandboxHttpError(404, `Branch ${branch} not found`);
    return { repo, path, branch, tip, found: undefined, body };
  }
  return { repo, path, branch, tip, found: await lookUpPath(repo, tip, path), body };
}

/**
 * Commits the new tree on the branch tip and moves the branch only if it is still there (a write
 * that lost a race is a 409, as on GitHub), then tells the world about the push. The committer
 * defaults to the caller, the author to the committer.
 */
async function commitChange(
  ctx: RestContext,
  request: SandboxRequest,
  target: Target,
  entry: TreeEntryInput,
): Promise<CommitInfo> {
  const { repo, tip, body } = target;
  const now = ctx.state.iso();
  const sender = actorOf(ctx, request.principal);
  const committer = body.committer ? datedPerson(body.committer, now) : personOf(sender, now);
  const author = body.author ? datedPerson(body.author, now) : committer;
  const base = tip === undefined ? undefined : await repo.git.getCommit(tip);
  if (tip !== undefined && base === undefined)
    throw new Error(`branch ${target.branch} points at ${tip}, which is no commit`);
  const tree = await repo.git.createTree([entry], base?.tree);
  const parents = tip === undefined ? [] : [tip];
  const commit = await repo.git.createCommit({ message: body.message, tree: tree.sha, parents, author, committer });
  const ref = `refs/heads/${target.branch}`;
  await assertPushAllowed(ctx, repo, request.principal, { ref, after: commit.sha, forced: false, rulesetStatus: 409 });
  if (tip === undefined) await repo.git.createRef(ref, commit.sha);
  else await repo.git.updateRef(ref, commit.sha, { expectedOld: tip });
  await ctx.refMoved(repo, { ref, before: tip, after: commit.sha, forced: false, sender });
  return commit;
}

/** 409 `<path> does not match <sha>` when the caller's blob sha is not the file's current one. */
function checkSha(target: Target, sha: string | undefined): void {
  if (sha !== undefined && target.found?.entry.sha !== sha) {
    throw new SandboxHttpError(409, `${target.path} does not match ${sha}`);
  }
}

/** `PUT` and `DELETE /contents/{path}`: one commit per call on the branch. */
export function registerContentWriteHandlers(server: HandlerRegistry, ctx: RestContext): void {
  server.register("repos/create-or-update-file-contents", async (request) => {
    const target = await targetOf(ctx, request);
    const { repo, path, found, body } = target;
    if (found?.entry.type === "tree") {
      throw new SandboxHttpError(422, `Invalid request.\n\n${path} is a directory.`);
    }
    if (found !== undefined && body.sha === undefined) {
      throw new SandboxHttpError(422, `Invalid request.\n\n"sha" wasn't supplied.`);
    }
    checkSha(target, body.sha);
    const blob = await repo.git.createBlob(body.content ?? "", "base64");
    const mode = found?.entry.mode === "100755" ? "100755" : "100644";
    const commit = await commitChange(ctx, request, target, { path, mode, type: "blob", sha: blob.sha });
    const links = linksOf(request);
    const content = contentEntryJson(
      repo,
      { type: "file", path, sha: blob.sha, size: blob.size },
      target.branch,
      links,
    );
    return { status: found === undefined ? 201 : 200, body: { content, commit: gitCommitJson(repo, commit, links) } };
  });

  server.register("repos/delete-file", async (request) => {
    const target = await targetOf(ctx, request);
    const { repo, path, found, body } = target;
    if (found === undefined || found.entry.type === "tree") throw new SandboxHttpError(404, "Not Found");
    checkSha(target, body.sha);
    const commit = await commitChange(ctx, request, target, { path, mode: "100644", type: "blob", sha: null });
    return { status: 200, body: { content: null, commit: gitCommitJson(repo, commit, linksOf(request)) } };
  });
}

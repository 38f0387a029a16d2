import type { TreeEntryInput } from "../../git/index.js";
import { isSha } from "../../git/index.js";
import { SandboxHttpError } from "../../http/index.js";
import { blobJson, gitCommitJson, gitTreeJson, repoApiUrl } from "../../represent/git.js";
import type { HandlerRegistry, RestContext } from "../rest-context.js";
import { actorOf, linksOf, requireRepo } from "../rest-context.js";
import { datedPerson, personOf, rawHeaders, readContents, wantsRaw, writeContents } from "./shared.js";

const notFound = (): SandboxHttpError => new SandboxHttpError(404, "Not Found");

interface PersonBody {
  name: string;
  email: string;
  date?: string;
}

/** The Git Data API's objects: blobs, trees and commits, written and read by sha. */
export function registerGitObjectHandlers(server: HandlerRegistry, ctx: RestContext): void {
  server.register("git/create-blob", async (request) => {
    const repo = requireRepo(ctx, request, writeContents);
    const body = request.body as { content: string; encoding?: string };
    const encoding = body.encoding === "utf8" ? "utf-8" : body.encoding;
    const blob = await repo.git.createBlob(body.content, (encoding ?? "utf-8") as "utf-8" | "base64");
    const url = `${repoApiUrl(repo, linksOf(request))}/git/blobs/${blob.sha}`;
    return { status: 201, body: { sha: blob.sha, url }, headers: { location: url } };
  });

  // `Accept: application/vnd.github.raw` answers the blob's bytes themselves
  server.register("git/get-blob", async (request) => {
    const repo = requireRepo(ctx, request, readContents);
    const blob = await repo.git.getBlob(String(request.params.file_sha));
    if (blob === undefined) throw notFound();
    if (wantsRaw(request)) return { status: 200, body: blob.content, headers: rawHeaders };
    return { status: 200, body: blobJson(repo, blob, linksOf(request)) };
  });

  server.register("git/create-tree", async (request) => {
    const repo = requireRepo(ctx, request, writeContents);
    const body = request.body as { tree: TreeEntryInput[]; base_tree?: string };
    const tree = await repo.git.createTree(body.tree, body.base_tree);
    const json = gitTreeJson(repo, { ...tree, truncated: false }, linksOf(request));
    return { status: 201, body: json, headers: { location: String(json.url) } };
  });

  // `tree_sha` may also be a branch or tag; any `recursive` value, even `0`, lists the whole tree
  server.register("git/get-tree", async (request) => {
    const repo = requireRepo(ctx, request, readContents);
    const name = String(request.params.tree_sha);
    const sha = isSha(name) ? name : await repo.git.resolveCommit(name);
    const tree = sha === undefined ? undefined : await repo.git.getTree(sha, request.query.recursive !== undefined);
    if (tree === undefined) throw notFound();
    return { status: 200, body: gitTreeJson(repo, tree, linksOf(request)) };
  });

  // author defaults to the caller, now; committer to the author
  server.register("git/create-commit", async (request) => {
    const repo = requireRepo(ctx, request, writeContents);
    const body = request.body as {
      message: string;
      tree: string;
      parents?: string[];
      author?: PersonBody;
      committer?: PersonBody;
    };
    const now = ctx.state.iso();
    const author = body.author ? datedPerson(body.author, now) : personOf(actorOf(ctx, request.principal), now);
    const commit = await repo.git.createCommit({
      message: body.message,
      tree: body.tree,
      parents: body.parents ?? [],
      author,
      committer: body.committer ? datedPerson(body.committer, now) : author,
    });
    const json = gitCommitJson(repo, commit, linksOf(request));
    return { status: 201, body: json, headers: { location: String(json.url) } };
  });

  server.register("git/get-commit", async (request) => {
    const repo = requireRepo(ctx, request, readContents);
    const commit = await repo.git.getCommit(String(request.params.commit_sha));
    if (commit === undefined) throw notFound();
    return { status: 200, body: gitCommitJson(repo, commit, linksOf(request)) };
  });
}

import type { TreeEntry } from "../../git/index.js";
import { SandboxHttpError } from "../../http/index.js";
import { contentEntryJson, contentFileJson, contentSymlinkJson, type ContentType } from "../../represent/content.js";
import type { RepoState } from "../../state/index.js";
import type { HandlerRegistry, RestContext } from "../rest-context.js";
import { linksOf, requireRepo } from "../rest-context.js";
import { rawHeaders, readContents, trimPath, wantsRaw } from "./shared.js";
import { lookUpPath } from "./tree-walk.js";

/** A directory listing's type for an entry; GitHub lists submodules as `file`, for compatibility. */
function listedType(entry: TreeEntry): ContentType {
  if (entry.type === "tree") return "dir";
  if (entry.type === "commit") return "file";
  return entry.mode === "120000" ? "symlink" : "file";
}

/** The `url` `.gitmodules` gives the submodule at `path`, as GitHub reports it in `submodule_git_url`. */
async function submoduleUrl(repo: RepoState, commit: string, path: string): Promise<string | undefined> {
  const file = await repo.git.readFile(commit, ".gitmodules");
  if (file === undefined) return undefined;
  for (const section of file.content.toString("utf8").split(/^\s*\[submodule\b/m)) {
    const value = (key: string): string | undefined =>
      new RegExp(`^\\s*${key}\\s*=\\s*(.+?)\\s*$`, "m").exec(section)?.[1];
    if (value("path") === path) return value("url");
  }
  return undefined;
}

/**
 * `GET /contents/{path}?ref=`: a file (base64 content), a directory (an array of its entries), or
 * a symlink; the default branch when no ref is given. With `Accept: application/vnd.github.raw`
 * (what Probot's `context.config` sends) a file answers with its bytes; a directory still lists.
 */
export function registerContentReadHandlers(server: HandlerRegistry, ctx: RestContext): void {
  server.register("repos/get-content", async (request) => {
    const repo = requireRepo(ctx, request, readContents);
    const links = linksOf(request);
    const ref =
      typeof request.query.ref === "string" && request.query.ref !== "" ? request.query.ref : repo.defaultBranch;
    const commit = await repo.git.resolveCommit(ref);
    if (commit === undefined) {
      const empty = (await repo.git.listRefs("heads/")).length === 0;
      throw new SandboxHttpError(404, empty ? "This repository is empty." : `No commit found for the ref ${ref}`);
    }
    const found = await lookUpPath(repo, commit, trimPath(String(request.params.path ?? "")));
    if (found === undefined) throw new SandboxHttpError(404, "Not Found");
    const { entry, children } = found;

    if (children !== undefined) {
      const body = children.map((child) =>
        contentEntryJson(
          repo,
          { type: listedType(child), path: child.path, sha: child.sha, size: child.size ?? 0 },
          ref,
          links,
        ),
      );
      return { status: 200, body };
    }
    if (entry.type === "commit") {
      const submodule = { type: "submodule" as const, path: entry.path, sha: entry.sha, size: 0 };
      const url = (await submoduleUrl(repo, commit, entry.path)) ?? `${links.web}/${repo.fullName}/${entry.path}.git`;
      return { status: 200, body: { ...contentEntryJson(repo, submodule, ref, links), submodule_git_url: url } };
    }
    const blob = await repo.git.getBlob(entry.sha);
    if (blob === undefined) throw new Error(`blob ${entry.sha} of ${entry.path} is missing`);
    if (wantsRaw(request)) return { status: 200, body: blob.content, headers: rawHeaders };
    if (entry.mode === "120000") {
      const link = { path: entry.path, sha: entry.sha, target: blob.content.toString("utf8") };
      return { status: 200, body: contentSymlinkJson(repo, link, ref, links) };
    }
    return {
      status: 200,
      body: contentFileJson(repo, { path: entry.path, sha: entry.sha, content: blob.content }, ref, links),
    };
  });
}

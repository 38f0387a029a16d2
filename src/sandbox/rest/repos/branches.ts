import { SandboxHttpError } from "../../http/index.js";
import { branchJson, shortBranchJson } from "../../represent/branch.js";
import type { HandlerRegistry, RestContext } from "../rest-context.js";
import { linksOf, paginate, requireRepo } from "../rest-context.js";
import { readContents } from "./shared.js";

/** `GET /branches` and `GET /branches/{branch}`; no sandbox branch is protected. */
export function registerBranchHandlers(server: HandlerRegistry, ctx: RestContext): void {
  server.register("repos/list-branches", async (request) => {
    const repo = requireRepo(ctx, request, readContents);
    const refs = await repo.git.listRefs("heads/");
    // `protected=true` asks for protected branches only, of which there are none
    const branches = request.query.protected === true ? [] : refs;
    const links = linksOf(request);
    const { body, headers } = paginate(branches, request);
    const json = body.map((ref) => shortBranchJson(repo, ref.ref.slice("refs/heads/".length), ref.sha, links));
    return { status: 200, body: json, headers };
  });

  server.register("repos/get-branch", async (request) => {
    const repo = requireRepo(ctx, request, readContents);
    const name = String(request.params.branch);
    const sha = await repo.git.getRef(`refs/heads/${name}`);
    const tip = sha === undefined ? undefined : await repo.git.getCommit(sha);
    if (tip === undefined) throw new SandboxHttpError(404, "Branch not found");
    return { status: 200, body: branchJson(repo, name, tip, linksOf(request)) };
  });
}

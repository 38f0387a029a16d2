import { SandboxHttpError } from "../../http/index.js";
import { branchJson, shortBranchJson } from "../../represent/branch.js";
import type { HandlerRegistry, RestContext } from "../rest-context.js";
import { linksOf, paginate, requireRepo } from "../rest-context.js";
import { readContents } from "./shared.js";

/** `GET /branches` and `GET /branches/{branch}`; `protected` as `PUT …/protection` set it. */
export function registerBranchHandlers(server: HandlerRegistry, ctx: RestContext): void {
  server.register("repos/list-branches", async (request) => {
    const repo = requireRepo(ctx, request, readContents);
    const refs = await repo.git.listRefs("heads/");
    const name = (ref: { ref: string }): string => ref.ref.slice("refs/heads/".length);
    const wanted = request.query.protected;
    const branches = wanted === undefined ? refs : refs.filter((ref) => repo.protections.has(name(ref)) === wanted);
    const links = linksOf(request);
    const { body, headers } = paginate(branches, request);
    const json = body.map((ref) => shortBranchJson(repo, name(ref), ref.sha, links));
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

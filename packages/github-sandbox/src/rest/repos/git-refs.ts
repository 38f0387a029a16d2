import { GitStoreError, type RefInfo } from "../../git/index.js";
import { isValidRefName } from "../../git/ref-name.js";
import { SandboxHttpError, type SandboxRequest } from "../../http/index.js";
import { gitRefJson } from "../../represent/git.js";
import type { RepoState } from "../../state/index.js";
import type { HandlerRegistry, RestContext } from "../rest-context.js";
import { actorOf, linksOf, requireRepo } from "../rest-context.js";
import { assertPushAllowed, assertRulesetsAllowCreate, ruleWriterOf } from "./protected-push.js";
import { assertCreateRules } from "./ruleset-push.js";
import { readContents, writeContents } from "./shared.js";
import { assertMayMoveWorkflows } from "./workflow-permission.js";

/**
 * The ref a `git/ref/{ref}` path names: GitHub puts `refs/` in front of what the path says, so
 * `heads/main` is `refs/heads/main` and `refs/heads/main` names nothing.
 */
const pathRef = (request: SandboxRequest): string => `refs/${String(request.params.ref)}`;

async function refInfo(repo: RepoState, full: string): Promise<RefInfo | undefined> {
  const found = await repo.git.listRefs(full.slice("refs/".length));
  return found.find((info) => info.ref === full);
}

/** `POST /git/refs`'s checks on the name, with GitHub's messages. */
async function checkNewRefName(ref: string): Promise<void> {
  if (!ref.startsWith("refs/") || ref.split("/").length < 3) {
    throw new SandboxHttpError(422, "Reference name must contain at least three slash-separated components.");
  }
  if (!(await isValidRefName(ref))) throw new SandboxHttpError(422, `${ref} is not a valid ref name.`);
}

/**
 * `POST /git/refs` once the caller may write contents (and GraphQL's `createRef`, which runs the
 * same code): the name's checks, the `workflows` permission, the ref (422 "Reference already exists"
 * when it is there), then what GitHub does after a push (`create` and `push` webhooks).
 */
export async function createRefAs(
  ctx: RestContext,
  request: SandboxRequest,
  repo: RepoState,
  ref: string,
  sha: string,
): Promise<void> {
  await checkNewRefName(ref);
  if (await repo.git.getCommit(sha)) {
    const by = ruleWriterOf(ctx, request.principal, false);
    await assertCreateRules(repo, ref, sha, by);
    assertRulesetsAllowCreate(repo, ref, sha, by);
    await assertMayMoveWorkflows(repo, request.principal, undefined, sha);
  }
  try {
    await repo.git.createRef(ref, sha);
  } catch (error) {
    // `refs/heads/a` beside an existing `refs/heads/a/b` (or the reverse)
    if (error instanceof GitStoreError && error.message.startsWith("Reference cannot be created")) {
      throw new SandboxHttpError(422, "Reference update failed");
    }
    throw error;
  }
  const sender = actorOf(ctx, request.principal);
  await ctx.refMoved(repo, { ref, before: undefined, after: sha, forced: false, sender });
}

/**
 * The refs API: read, list by prefix, create, move (fast-forward unless forced) and delete. Every
 * write is followed by what GitHub does after a push: `RestContext.refMoved`.
 */
export function registerGitRefHandlers(server: HandlerRegistry, ctx: RestContext): void {
  server.register("git/get-ref", async (request) => {
    const repo = requireRepo(ctx, request, readContents);
    const info = await refInfo(repo, pathRef(request));
    if (info === undefined) throw new SandboxHttpError(404, "Not Found");
    return { status: 200, body: gitRefJson(repo, info, linksOf(request)) };
  });

  // a plain string prefix: `heads/feat` matches `heads/feature-1`; no match is an empty list
  server.register("git/list-matching-refs", async (request) => {
    const repo = requireRepo(ctx, request, readContents);
    const prefix = String(request.params.ref);
    // `refs/heads` would mean `refs/refs/heads` to GitHub, where no ref lives
    const refs = prefix.startsWith("refs/") ? [] : await repo.git.listRefs(prefix);
    return { status: 200, body: refs.map((info) => gitRefJson(repo, info, linksOf(request))) };
  });

  server.register("git/create-ref", async (request) => {
    const repo = requireRepo(ctx, request, writeContents);
    const body = request.body as { ref: string; sha: string };
    await createRefAs(ctx, request, repo, body.ref, body.sha);
    const info = (await refInfo(repo, body.ref)) ?? { ref: body.ref, sha: body.sha, type: "commit" as const };
    const json = gitRefJson(repo, info, linksOf(request));
    return { status: 201, body: json, headers: { location: String(json.url) } };
  });

  server.register("git/update-ref", async (request) => {
    const repo = requireRepo(ctx, request, writeContents);
    const body = request.body as { sha: string; force?: boolean };
    const full = pathRef(request);
    const before = await repo.git.getRef(full);
    if (before === undefined) throw new SandboxHttpError(422, "Reference does not exist");
    if (before !== body.sha) {
      const forced = body.force === true && !(await repo.git.isAncestor(before, body.sha).catch(() => false));
      await assertPushAllowed(ctx, repo, request.principal, { ref: full, after: body.sha, forced });
      if (await repo.git.getCommit(body.sha)) await assertMayMoveWorkflows(repo, request.principal, before, body.sha);
    }
    await repo.git.updateRef(full, body.sha, { force: body.force === true });
    if (before !== body.sha) {
      const forced = !(await repo.git.isAncestor(before, body.sha));
      await ctx.refMoved(repo, { ref: full, before, after: body.sha, forced, sender: actorOf(ctx, request.principal) });
    }
    const info = (await refInfo(repo, full)) ?? { ref: full, sha: body.sha, type: "commit" as const };
    return { status: 200, body: gitRefJson(repo, info, linksOf(request)) };
  });

  server.register("git/delete-ref", async (request) => {
    const repo = requireRepo(ctx, request, writeContents);
    const full = pathRef(request);
    const before = await repo.git.getRef(full);
    if (before === undefined) throw new SandboxHttpError(422, "Reference does not exist");
    await assertPushAllowed(ctx, repo, request.principal, { ref: full, after: undefined, forced: false });
    await repo.git.deleteRef(full);
    await ctx.refMoved(repo, {
      ref: full,
      before,
      after: undefined,
      forced: false,
      sender: actorOf(ctx, request.principal),
    });
    return { status: 204 };
  });
}

import { GitStoreError } from "../../git/index.js";
import { SandboxHttpError } from "../../http/index.js";
import { commitJson } from "../../represent/commit.js";
import { githubCommitter } from "../../state/pull-analysis.js";
import type { HandlerRegistry, RestContext } from "../rest-context.js";
import { actorOf, linksOf, requireRepo } from "../rest-context.js";
import { assertPushAllowed } from "./protected-push.js";
import { personOf, writeContents } from "./shared.js";

interface MergeBody {
  base: string;
  head: string;
  commit_message?: string;
}

/**
 * `POST /merges`: merges `head` (a branch or sha) into the branch `base` with a merge commit.
 * 201 with the commit, 204 when base already contains head, 409 "Merge conflict", 404 for a
 * missing base or head; a protected base refuses it as it refuses any direct push (422).
 */
export function registerMergeHandlers(server: HandlerRegistry, ctx: RestContext): void {
  server.register("repos/merge", async (request) => {
    const repo = requireRepo(ctx, request, writeContents);
    const body = request.body as MergeBody;
    const ref = `refs/heads/${body.base}`;
    const baseSha = await repo.git.getRef(ref);
    if (baseSha === undefined) throw new SandboxHttpError(404, "Base does not exist");
    const headSha = await repo.git.resolveCommit(body.head);
    if (headSha === undefined) throw new SandboxHttpError(404, "Head does not exist");
    if (await repo.git.isAncestor(headSha, baseSha)) return { status: 204 };
    const sender = actorOf(ctx, request.principal);
    const message = body.commit_message ?? `Merge ${body.head} into ${body.base}`;
    const author = personOf(sender, ctx.state.iso());
    const merged = await repo.git.merge({
      base: baseSha,
      head: headSha,
      method: "merge",
      message,
      author,
      committer: githubCommitter,
    });
    if (!merged.ok) throw new SandboxHttpError(409, "Merge conflict");
    await assertPushAllowed(ctx, repo, request.principal, {
      ref,
      after: merged.sha,
      forced: false,
      rulesetStatus: 409,
    });
    try {
      await repo.git.updateRef(ref, merged.sha, { expectedOld: baseSha });
    } catch (error) {
      if (error instanceof GitStoreError && error.status === 409)
        throw new SandboxHttpError(409, "Base branch was modified. Try again.");
      throw error;
    }
    await ctx.refMoved(repo, { ref, before: baseSha, after: merged.sha, forced: false, sender });
    const commit = await repo.git.getCommit(merged.sha);
    if (!commit) throw new Error(`merge commit ${merged.sha} is missing`);
    return { status: 201, body: commitJson(repo, commit, linksOf(request)) };
  });
}

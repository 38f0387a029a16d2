import { SandboxHttpError } from "../../http/index.js";
import { repositoryJson } from "../../represent/index.js";
import type { RepoState } from "../../state/index.js";
import type { MergeSettings } from "../../state/merge-settings.js";
import { actorOf, linksOf, type HandlerRegistry, type RestContext } from "../rest-context.js";
import { requireAdmin } from "./branch-protection.js";
import { callerPermissions } from "./repository.js";

/** The body fields the sandbox stores and acts on, and the setting each one writes. */
const settingOf: Record<string, keyof MergeSettings> = {
  allow_merge_commit: "allowMergeCommit",
  allow_squash_merge: "allowSquashMerge",
  allow_rebase_merge: "allowRebaseMerge",
  allow_update_branch: "allowUpdateBranch",
  delete_branch_on_merge: "deleteBranchOnMerge",
};

/** Fields the sandbox takes only at the value it already behaves by: it has no auto-merge, so turning it on is refused, not ignored. */
const fixedAt: Record<string, boolean> = { allow_auto_merge: false };

/** Fields handled beside the merge settings. */
const otherFields = new Set(["archived"]);

const notModelled = (what: string): SandboxHttpError =>
  new SandboxHttpError(
    422,
    `Invalid request.\n\n${what} is not implemented: the sandbox's PATCH /repos/{owner}/{repo} sets ` +
      "allow_merge_commit, allow_squash_merge, allow_rebase_merge, allow_update_branch, " +
      "delete_branch_on_merge and archived (allow_auto_merge only to false).",
  );

/** The settings a `PATCH /repos/{owner}/{repo}` body leaves the repository with, before anything is stored. */
function settingsFrom(current: MergeSettings, body: Record<string, unknown>): MergeSettings {
  const unknown = Object.keys(body).filter((key) => !(key in settingOf) && !(key in fixedAt) && !otherFields.has(key));
  if (unknown.length > 0) throw notModelled(`Changing ${unknown.join(", ")}`);
  for (const [key, value] of Object.entries(fixedAt)) {
    if (key in body && body[key] !== value) throw notModelled(`${key}: ${String(body[key])}`);
  }
  const next = { ...current };
  for (const [key, setting] of Object.entries(settingOf)) {
    if (typeof body[key] === "boolean") next[setting] = body[key];
  }
  // GitHub keeps at least one merge method on; the wording is the sandbox's best reading
  if (!next.allowMergeCommit && !next.allowSquashMerge && !next.allowRebaseMerge)
    throw new SandboxHttpError(422, "Invalid request.\n\nAt least one merge method must be enabled.");
  return next;
}

/** Archives or unarchives the repository when `archived` asks for a change: the action announced, if any. */
function archiveChange(repo: RepoState, archived: unknown, now: string): "archived" | "unarchived" | undefined {
  if (typeof archived !== "boolean" || archived === (repo.archivedAt !== null)) return undefined;
  repo.archivedAt = archived ? now : null;
  return archived ? "archived" : "unarchived";
}

/**
 * `PATCH /repos/{owner}/{repo}`, for administrators (an installation needs `administration:
 * write`): the merge methods and the other pull request settings the sandbox models, and
 * `archived`. Archiving makes the repository read-only for everyone (`refuseArchivedWrite`)
 * until an admin sends `archived: false`, the one write an archived repository takes; each
 * change is announced as `repository.archived` / `repository.unarchived`. The answer is the
 * repository as its `GET` shows it to an admin.
 */
export function registerRepositorySettingsHandlers(server: HandlerRegistry, ctx: RestContext): void {
  server.register("repos/update", async (request) => {
    const repo = requireAdmin(ctx, request, true);
    const body = (request.body ?? {}) as Record<string, unknown>;
    repo.mergeSettings = settingsFrom(repo.mergeSettings, body);
    repo.updatedAt = ctx.state.iso();
    const action = archiveChange(repo, body.archived, repo.updatedAt);
    if (action) ctx.events.emit({ name: "repository", action, repo, sender: actorOf(ctx, request.principal) });
    const permissions = callerPermissions(ctx.state, repo, request.principal);
    const answer = repositoryJson(repo, linksOf(request), {
      defaultBranch: repo.defaultBranch,
      permissions,
      withSettings: true,
    });
    return { status: 200, body: answer };
  });
}

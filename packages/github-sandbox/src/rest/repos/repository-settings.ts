import { SandboxHttpError } from "../../http/index.js";
import { repositoryJson } from "../../represent/index.js";
import type { MergeSettings } from "../../state/merge-settings.js";
import { linksOf, type HandlerRegistry, type RestContext } from "../rest-context.js";
import { requireAdmin } from "./branch-protection.js";
import { callerPermissions } from "./repository.js";

/** The body fields the sandbox stores and acts on, and the setting each one writes. */
const settingOf: Record<string, keyof MergeSettings> = {
  allow_merge_commit: "allowMergeCommit",
  allow_squash_merge: "allowSquashMerge",
  allow_rebase_merge: "allowRebaseMerge",
  allow_update_branch: "allowUpdateBranch",
};

/**
 * Fields the sandbox takes only at the value it already behaves by: it never deletes a head
 * branch after a merge and has no auto-merge, so turning either on is refused, not ignored.
 */
const fixedAt: Record<string, boolean> = { delete_branch_on_merge: false, allow_auto_merge: false };

const notModelled = (what: string): SandboxHttpError =>
  new SandboxHttpError(
    422,
    `Invalid request.\n\n${what} is not implemented: the sandbox's PATCH /repos/{owner}/{repo} sets ` +
      "allow_merge_commit, allow_squash_merge, allow_rebase_merge and allow_update_branch " +
      "(delete_branch_on_merge and allow_auto_merge only to false).",
  );

/** The settings a `PATCH /repos/{owner}/{repo}` body leaves the repository with, before anything is stored. */
function settingsFrom(current: MergeSettings, body: Record<string, unknown>): MergeSettings {
  const unknown = Object.keys(body).filter((key) => !(key in settingOf) && !(key in fixedAt));
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

/**
 * `PATCH /repos/{owner}/{repo}`, for administrators (an installation needs `administration:
 * write`): the merge methods and the other pull request settings the sandbox models. The
 * answer is the repository as its `GET` shows it to an admin.
 */
export function registerRepositorySettingsHandlers(server: HandlerRegistry, ctx: RestContext): void {
  server.register("repos/update", async (request) => {
    const repo = requireAdmin(ctx, request, true);
    repo.mergeSettings = settingsFrom(repo.mergeSettings, (request.body ?? {}) as Record<string, unknown>);
    repo.updatedAt = ctx.state.iso();
    const permissions = callerPermissions(ctx.state, repo, request.principal);
    const body = repositoryJson(repo, linksOf(request), {
      defaultBranch: repo.defaultBranch,
      permissions,
      withSettings: true,
    });
    return { status: 200, body };
  });
}

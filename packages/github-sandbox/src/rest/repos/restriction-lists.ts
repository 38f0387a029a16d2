import { SandboxHttpError, type SandboxRequest } from "../../http/index.js";
import { restrictedAppsJson } from "../../represent/branch-protection.js";
import { userJson } from "../../represent/user.js";
import type { RepoState } from "../../state/index.js";
import type { HandlerRegistry, RestContext } from "../rest-context.js";
import { linksOf } from "../rest-context.js";
import { existingBranch, requireAdmin } from "./branch-protection.js";
import { restrictableApps, type PushRestrictions } from "./push-restrictions.js";

type ActorList = keyof PushRestrictions;

/** Each list's operations, as GitHub's description names them. */
const operations: Record<ActorList, { get: string; set: string; add: string; remove: string }> = {
  apps: {
    get: "repos/get-apps-with-access-to-protected-branch",
    set: "repos/set-app-access-restrictions",
    add: "repos/add-app-access-restrictions",
    remove: "repos/remove-app-access-restrictions",
  },
  users: {
    get: "repos/get-users-with-access-to-protected-branch",
    set: "repos/set-user-access-restrictions",
    add: "repos/add-user-access-restrictions",
    remove: "repos/remove-user-access-restrictions",
  },
};

/**
 * The branch's push restrictions, for an administrator: 404 "Branch not protected" as for
 * `…/protection`, and 404 when its protection restricts no one (the wording is the best reading).
 */
async function restrictionsOf(
  ctx: RestContext,
  request: SandboxRequest,
  write: boolean,
): Promise<{ repo: RepoState; restrictions: PushRestrictions }> {
  const repo = requireAdmin(ctx, request, write);
  const protection = repo.protections.get(await existingBranch(repo, request));
  if (!protection) throw new SandboxHttpError(404, "Branch not protected");
  if (!protection.restrictions) throw new SandboxHttpError(404, "Push restrictions not enabled");
  return { repo, restrictions: protection.restrictions };
}

/** The names a write sends: `{ apps: [...] }` or the bare array Octokit sends. */
function namesOf(request: SandboxRequest, list: ActorList): string[] {
  const body = request.body as string[] | Record<string, string[]>;
  return Array.isArray(body) ? body : (body[list] ?? []);
}

/** The list as GitHub shows it: apps in full, users as simple users. */
function listJson(ctx: RestContext, request: SandboxRequest, list: ActorList, restrictions: PushRestrictions) {
  const links = linksOf(request);
  if (list === "apps") return restrictedAppsJson(ctx.state, restrictions.apps, links);
  return restrictions.users.map((login) => userJson(ctx.state.ensureUser(login), links));
}

const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** How PUT, POST and DELETE turn the current list and the names given into the new list. */
type ListChange = (current: string[], names: string[]) => string[];
const replaced: ListChange = (_current, names) => names;
const added: ListChange = (current, names) => [...current, ...names];
const removed: ListChange = (current, names) => current.filter((name) => !names.some((gone) => sameName(gone, name)));

/**
 * `…/protection/restrictions/apps` and `/users`: read, replace (PUT), add to (POST) and remove
 * from (DELETE) who may push to a protected branch; each answers the list that results. An app
 * must be one `PUT …/protection` would accept (`restrictableApps`). Teams are not modelled.
 */
export function registerRestrictionListHandlers(server: HandlerRegistry, ctx: RestContext): void {
  for (const list of ["apps", "users"] as const) {
    const { get, set, add, remove } = operations[list];
    server.register(get, async (request) => {
      const { restrictions } = await restrictionsOf(ctx, request, false);
      return { status: 200, body: listJson(ctx, request, list, restrictions) };
    });
    const change = (compute: ListChange) => async (request: SandboxRequest) => {
      const { repo, restrictions } = await restrictionsOf(ctx, request, true);
      const names = namesOf(request, list);
      const given = list === "apps" ? restrictableApps(ctx, repo, names).map((app) => app.slug) : names;
      const next = compute(restrictions[list], given);
      restrictions[list] = next.filter((name, index) => next.findIndex((other) => sameName(other, name)) === index);
      return { status: 200, body: listJson(ctx, request, list, restrictions) };
    };
    server.register(set, change(replaced));
    server.register(add, change(added));
    server.register(remove, change(removed));
  }
}

import type { Config } from "../config/index.js";
import {
  authorityOf,
  canPush,
  isBotAccount,
  isListedOwner,
  type Authority,
  type RepoPermission,
} from "../core/commands/index.js";
import { statusOf } from "../github/index.js";
import type { RepoContext } from "./repo-context.js";

const roles: ReadonlySet<string> = new Set<RepoPermission>(["admin", "maintain", "write", "triage", "read", "none"]);

/**
 * The person's permission on the repository; `none` when GitHub does not know them as a
 * collaborator. A custom repository role's `role_name` is its own name: it is judged by the legacy
 * `permission` GitHub derives from the role it inherits (maintain folded into write).
 */
export async function permissionOf(ctx: RepoContext, login: string): Promise<RepoPermission> {
  try {
    const data = await ctx.github.permissionOf(login);
    return data.role_name !== undefined && roles.has(data.role_name)
      ? (data.role_name as RepoPermission)
      : (data.permission as RepoPermission);
  } catch (error) {
    if (statusOf(error) === 404) return "none";
    throw error;
  }
}

/** Whether GitHub gives `login` write, maintain or admin access (a custom role by what it inherits). */
export async function hasWriteAccess(ctx: RepoContext, login: string): Promise<boolean> {
  return canPush(await permissionOf(ctx, login));
}

/**
 * Whether the sender of an event (a label, an edit) may move the task, by the rule commands
 * follow (`authorityOf`). A bot is refused without asking GitHub for its permission.
 */
export async function senderAuthority(
  ctx: RepoContext,
  config: Pick<Config, "owners">,
  sender: { login: string; type?: string | undefined },
): Promise<Authority> {
  const isBot = isBotAccount(sender.login, sender.type);
  // a login `owners` does not list is refused whatever its access: only a listed one is read
  const unlisted = config.owners.length > 0 && !isListedOwner(config.owners, sender.login);
  const permission = isBot || unlisted ? "none" : await permissionOf(ctx, sender.login);
  return authorityOf({ login: sender.login, permission, owners: config.owners, isBot });
}

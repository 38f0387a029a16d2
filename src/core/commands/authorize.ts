import type { CommandName } from "./command-names.js";
import { refusalReply } from "./command-reply.js";
import type { RepoPermission } from "./repo-permission.js";

export type { RepoPermission } from "./repo-permission.js";

/** Someone asking to move a task: by a command, a state label, the trigger label or an edit of the spec. */
export interface Person {
  login: string;
  permission: RepoPermission;
  /** `owners` from `.github/autopilot.yml`: logins, compared case-insensitively like GitHub does */
  owners: readonly string[];
  /** the account's `type` is `Bot` (an app, a GitHub Actions token) */
  isBot: boolean;
}

/** The author of a command comment. */
export type CommandAuthor = Person;

export type Authority =
  | { allowed: true; as: "owner" | "writer" }
  /** `bot`: an app's account, never answered (two apps could loop); `who`: who may, for the refusal */
  | { allowed: false; bot: boolean; who: string };

export type CommandPermission =
  | { allowed: true; as: "owner" | "writer" | "anyone" }
  /** `silent`: say nothing (a bot); otherwise `reply` is the refusal to post. */
  | { allowed: false; silent: true }
  | { allowed: false; silent: false; reply: string };

const writers: ReadonlySet<RepoPermission> = new Set(["admin", "maintain", "write"]);

/** Whether a permission lets its holder push: write, maintain or admin (what moving a task needs). */
export const canPush = (permission: RepoPermission): boolean => writers.has(permission);

/** An app's account: its `type` says so, or its login ends in `[bot]` as every GitHub App's does. */
export const isBotAccount = (login: string, type?: string): boolean =>
  type === "Bot" || login.toLowerCase().endsWith("[bot]");

const normalizeLogin = (login: string): string => login.replace(/^@/, "").toLowerCase();

/** Who may move tasks under this configuration, as a refusal names them. */
export function whoMayMoveTasks(owners: readonly string[]): string {
  return owners.length > 0
    ? "the owners listed in `.github/autopilot.yml`"
    : "users with write access to this repository (or owners listed in `.github/autopilot.yml`)";
}

/** Who may, as told to a listed login GitHub gives no write access. */
const listedNeedsWrite =
  "the owners listed in `.github/autopilot.yml` who have write access to this repository (a listed login counts only while GitHub gives that account write, maintain or admin access)";

/** Whether `login` is one of `owners`, compared as GitHub compares logins. */
export const isListedOwner = (owners: readonly string[], login: string): boolean =>
  owners.some((owner) => normalizeLogin(owner) === normalizeLogin(login));

/**
 * The one rule for everything that moves a task: a slash command, a state label, the trigger
 * label, an edit of the spec after dispatch. When the configuration lists `owners`, only they
 * may, and only while GitHub gives the account write access: a login is bare text, and GitHub
 * releases the login of a renamed or deleted account to whoever claims it; a former maintainer
 * whose access was removed is refused too. Otherwise write, maintain or admin access is needed
 * (triage is not enough: it cannot push, and moving a task starts and merges code). Bots never
 * may, even a listed one: another app's comment or label quoting a move could otherwise steer the
 * queue or loop two apps.
 */
export function authorityOf(person: Person): Authority {
  const who = whoMayMoveTasks(person.owners);
  if (isBotAccount(person.login, person.isBot ? "Bot" : undefined)) return { allowed: false, bot: true, who };
  if (person.owners.length > 0) {
    if (!isListedOwner(person.owners, person.login)) return { allowed: false, bot: false, who };
    return writers.has(person.permission)
      ? { allowed: true, as: "owner" }
      : { allowed: false, bot: false, who: listedNeedsWrite };
  }
  return writers.has(person.permission) ? { allowed: true, as: "writer" } : { allowed: false, bot: false, who };
}

/**
 * Commands anyone may use. Only `/help`: it changes nothing and says who may do what. `/status`
 * and `/ask` stay with the authorised even though they only read, because each one makes the app post
 * a comment (and `/ask` may call a paid model), which anyone on a public repository could abuse.
 */
export const openCommands: ReadonlySet<CommandName> = new Set(["help"]);

/**
 * Whether the author of a comment may run a command: `authorityOf`, except that anyone but a bot
 * may ask for `/help`. Bots are not answered.
 */
export function mayCommand(author: CommandAuthor, command?: CommandName): CommandPermission {
  const authority = authorityOf(author);
  if (authority.allowed) return authority;
  if (authority.bot) return { allowed: false, silent: true };
  if (command !== undefined && openCommands.has(command)) return { allowed: true, as: "anyone" };
  return {
    allowed: false,
    silent: false,
    reply: refusalReply({
      login: author.login,
      permission: author.permission,
      who: authority.who,
      ...(command ? { command } : {}),
    }),
  };
}

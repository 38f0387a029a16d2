import type { CommandName } from "./command-names.js";
import { refusalReply } from "./command-reply.js";

/** A user's permission on the repository, as `GET /repos/{owner}/{repo}/collaborators/{user}/permission` says. */
export type RepoPermission = "admin" | "maintain" | "write" | "triage" | "read" | "none";

export interface CommandAuthor {
  login: string;
  permission: RepoPermission;
  /** `owners` from `.github/autopilot.yml`: logins, compared case-insensitively like GitHub does */
  owners: readonly string[];
  /** the comment's `user.type` is `Bot` */
  isBot: boolean;
}

export type CommandPermission =
  | { allowed: true; as: "owner" | "writer" | "anyone" }
  /** `silent`: say nothing (a bot); otherwise `reply` is the refusal to post. */
  | { allowed: false; silent: true }
  | { allowed: false; silent: false; reply: string };

const writers: ReadonlySet<RepoPermission> = new Set(["admin", "maintain", "write"]);

/**
 * Commands anyone may use. Only `/help`: it changes nothing and says who may do what. `/status`
 * and `/ask` stay with writers even though they only read, because each one makes the app post
 * a comment (and `/ask` may call a paid model), which anyone on a public repository could abuse.
 */
export const openCommands: ReadonlySet<CommandName> = new Set(["help"]);

/**
 * Whether the author of a comment may run a command. Bots never command (a bot's comment quoting
 * a command could otherwise loop two apps), and are not answered. Listed owners always may, even
 * without write access; otherwise write, maintain or admin access is needed (triage is not
 * enough: it cannot push, and these commands start and merge code).
 */
export function mayCommand(author: CommandAuthor, command?: CommandName): CommandPermission {
  if (author.isBot || author.login.toLowerCase().endsWith("[bot]")) return { allowed: false, silent: true };
  const login = author.login.toLowerCase();
  if (author.owners.some((owner) => owner.replace(/^@/, "").toLowerCase() === login)) {
    return { allowed: true, as: "owner" };
  }
  if (writers.has(author.permission)) return { allowed: true, as: "writer" };
  if (command !== undefined && openCommands.has(command)) return { allowed: true, as: "anyone" };
  return {
    allowed: false,
    silent: false,
    reply: refusalReply({ login: author.login, permission: author.permission, ...(command ? { command } : {}) }),
  };
}

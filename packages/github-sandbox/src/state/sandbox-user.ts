/** A GitHub account the sandbox knows: a person, the app's bot, or the organization owning repositories. */
export interface SandboxUser {
  login: string;
  id: number;
  nodeId: string;
  type: "User" | "Bot" | "Organization";
  name: string | null;
  email: string | null;
}

/** GitHub's legacy global node ID: base64 of `<length>:<Type><id>`, e.g. `04:User1`. */
export function legacyNodeId(type: string, id: number): string {
  return Buffer.from(`${String(type.length).padStart(2, "0")}:${type}${id}`).toString("base64");
}

/**
 * The e-mail GitHub writes into commits it makes for an account: the account's own, or its
 * `<id>+<login>@users.noreply.github.com` address, which links the commit back to it.
 */
export const commitEmailOf = (user: SandboxUser): string =>
  user.email ?? `${user.id}+${user.login}@users.noreply.github.com`;

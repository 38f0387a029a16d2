import type { RepoPermission } from "../../src/sandbox/state/index.js";
import type { AppHarness, TestOctokit } from "../e2e/app-harness.js";

/**
 * A real account of the sandbox with `permission` on acme/widgets, acting with its own user
 * token: what an attacker with that role can do, no more. (`none`: an outsider who can still
 * open issues and comment on the public repository.)
 */
export async function personWith(h: AppHarness, login: string, permission: RepoPermission | "none"): Promise<TestOctokit> {
  h.sandbox.state.ensureUser(login);
  if (permission !== "none") h.sandbox.state.setPermission(h.sandbox.repo, login, permission);
  return h.as(login);
}

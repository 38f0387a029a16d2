import { loadRepoConfig, type LoadRepoConfigResult } from "../github/index.js";
import type { RepoContext } from "./repo-context.js";

/** How long a delivery's reading of the configuration is shared: the jobs one webhook sets off run within seconds. */
const shareForMs = 60_000;
const shared = new Map<string, { at: number; result: Promise<LoadRepoConfigResult> }>();

/**
 * `.github/autopilot.yml` on the default branch, read once per delivery: the jobs one webhook sets
 * off (gates, review, merge, commands) share the read instead of fetching the file each. Work
 * without a delivery (a sweep) always reads it; a failed read is not kept. `read` replaces the
 * REST read when a job fetches the file together with others (the gates, in one GraphQL query);
 * it runs only when no job of the delivery has read the file yet.
 */
export function configOf(ctx: RepoContext, read: () => Promise<LoadRepoConfigResult> = () => loadRepoConfig(ctx.octokit, { owner: ctx.owner, repo: ctx.repo, ref: ctx.defaultBranch })): Promise<LoadRepoConfigResult> {
  if (ctx.delivery === null) return read();
  const now = Date.now();
  for (const [key, entry] of shared) if (now - entry.at > shareForMs) shared.delete(key);
  const key = `${ctx.owner}/${ctx.repo}@${ctx.delivery}`;
  const known = shared.get(key);
  if (known) return known.result;
  const result = read();
  shared.set(key, { at: now, result });
  result.catch(() => shared.delete(key));
  return result;
}


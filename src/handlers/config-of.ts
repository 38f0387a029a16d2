import { parsePauseRecord } from "../core/queue/index.js";
import type { LoadRepoConfigResult } from "../github/index.js";
import type { RepoContext } from "./repo-context.js";
import { pausePath, readStateFile } from "./state-branch.js";

/** A configuration read; `pauseApplied` when the reader already applied `ops/pause.json` (read in the same request). */
export type ConfigRead = LoadRepoConfigResult & { pauseApplied?: boolean };

/**
 * The configuration with an owner's `/pause` applied: `paused` when the file says so or when
 * `ops/pause.json` on the state branch does. A pause record that cannot be read pauses too (and
 * says why in the log): a broken switch must not let work run.
 */
export function applyPause(ctx: RepoContext, loaded: LoadRepoConfigResult, pauseText: string | undefined): ConfigRead {
  if (!loaded.ok || loaded.config.paused) return { ...loaded, pauseApplied: true };
  const parsed = parsePauseRecord(pauseText);
  if (!parsed.ok)
    ctx.log.warn({ path: pausePath, problem: parsed.problem }, `${pausePath} ${parsed.problem}: treated as paused`);
  const paused = parsed.ok ? (parsed.record?.paused ?? false) : true;
  return { ...loaded, config: { ...loaded.config, paused }, pauseApplied: true };
}

async function withPause(ctx: RepoContext, loaded: ConfigRead): Promise<LoadRepoConfigResult> {
  if (loaded.pauseApplied === true || !loaded.ok || loaded.config.paused) return loaded;
  return applyPause(ctx, loaded, await readStateFile(ctx, loaded.config, pausePath));
}

/**
 * `.github/autopilot.yml` on the default branch, with a `/pause` from the state branch applied,
 * read once per delivery by each app instance (`AppServices.configReads`): the jobs one webhook sets off (gates, review, merge, commands) share
 * the read instead of fetching the file each. Work without a delivery (a sweep) always reads it;
 * a failed read is not kept. `read` replaces the REST read when a job fetches the file together
 * with others (the gates, in one GraphQL query); it runs only when no job of the delivery has
 * read the file yet.
 */
export function configOf(
  ctx: RepoContext,
  read: () => Promise<ConfigRead> = () => ctx.github.loadConfig(ctx.defaultBranch),
): Promise<LoadRepoConfigResult> {
  const load = () =>
    read().then((loaded) => {
      if (loaded.ok) ctx.services.stateBranches.set(`${ctx.owner}/${ctx.repo}`, loaded.config.state_branch);
      return withPause(ctx, loaded);
    });
  if (ctx.delivery === null) return load();
  return ctx.services.configReads.share(`${ctx.owner}/${ctx.repo}@${ctx.delivery}`, load);
}

import type { Config } from "../../config/index.js";
import { parsePauseRecord, serializePauseRecord } from "../../core/queue/index.js";
import type { RepoContext } from "../repo-context.js";
import { commitState, pausePath } from "../state-branch.js";

/**
 * `/pause` and `/resume` write `ops/pause.json` on the state branch (one CAS commit naming who
 * asked), so the switch is versioned like every other state change and needs no push to the
 * default branch, which protection may forbid. `paused: true` in `.github/autopilot.yml` pauses
 * as well; `/resume` does not override it. Resolves with whether the record changed.
 */
export async function setPaused(
  ctx: RepoContext,
  config: Pick<Config, "queue_file" | "state_branch">,
  paused: boolean,
  by: string,
): Promise<boolean> {
  const result = await commitState(ctx, config, {
    message: `autopilot: ${paused ? "pause" : "resume"} (asked by @${by})`,
    update: async (read) => {
      const parsed = parsePauseRecord(await read(pausePath));
      const now = parsed.ok ? (parsed.record?.paused ?? false) : undefined;
      if (now === paused) return null;
      return { [pausePath]: serializePauseRecord({ paused, by, at: new Date().toISOString() }) };
    },
  });
  return result.sha !== undefined;
}

import { parseDocument } from "yaml";
import { configFilePath } from "../../config/index.js";
import { commitWithCas } from "../../github/index.js";
import type { RepoContext } from "../repo-context.js";

/**
 * `/pause` and `/resume` set `paused` in `.github/autopilot.yml` on the default branch (one CAS
 * commit; the rest of the file, comments included, stays as it was), so the switch is visible
 * and versioned like every other setting. Resolves with whether the file changed.
 */
export async function setPaused(ctx: RepoContext, paused: boolean, by: string): Promise<boolean> {
  const result = await commitWithCas(ctx.octokit, {
    owner: ctx.owner,
    repo: ctx.repo,
    branch: ctx.defaultBranch,
    message: `autopilot: ${paused ? "pause" : "resume"} (asked by @${by})`,
    update: async (read) => {
      const text = (await read(configFilePath)) ?? "";
      const document = parseDocument(text);
      if (document.get("paused") === paused || (!paused && !document.has("paused"))) return null;
      document.set("paused", paused);
      return { [configFilePath]: document.toString() };
    },
  });
  return result.sha !== undefined;
}

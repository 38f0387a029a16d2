import type { Config } from "../config/index.js";
import type { RepoContext } from "./repo-context.js";

/** The blueprint indices (`concordance.index_paths` nt and td) that exist at `ref`, read in parallel. */
export async function readIndexFiles(
  ctx: RepoContext,
  config: Pick<Config, "concordance">,
  ref: string,
): Promise<{ path: string; text: string }[]> {
  const paths = [config.concordance.index_paths.nt, config.concordance.index_paths.td];
  const files = await Promise.all(paths.map(async (path) => ({ path, text: await ctx.github.readFile(path, ref) })));
  return files.flatMap((file) => (file.text === undefined ? [] : [{ path: file.path, text: file.text }]));
}

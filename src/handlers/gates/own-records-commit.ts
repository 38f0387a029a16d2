import { SECRETS_GATE_NAME } from "../../core/check-names.js";
import type { Config } from "../../config/index.js";
import type { ChangedFile } from "../../core/changed-file.js";
import type { GateResult } from "../../core/gate-result.js";
import { runGates } from "../../core/gates/index.js";
import { configOf } from "../config-of.js";
import { recordsBranchOf } from "../merge/records-pull.js";
import type { RepoContext } from "../repo-context.js";
import type { GatedPull } from "./gated-pull.js";

/** A file the commit wrote, judged whole: every line of its new text counts as added. */
function writtenFile(path: string, text: string): ChangedFile {
  const lines = text.endsWith("\n") ? text.slice(0, -1).split("\n") : text.split("\n");
  const count = text === "" ? 0 : lines.length;
  return {
    filename: path,
    status: "modified",
    additions: count,
    deletions: 0,
    patch: count === 0 ? "" : `@@ -0,0 +1,${count} @@\n${lines.map((line) => `+${line}`).join("\n")}`,
  };
}

/** The secret settings a clean judgement holds under (see `KnownCommits.isClean`). */
export const secretsPolicy = (config: Pick<Config, "secrets">): string => JSON.stringify(config.secrets);

/** Whether the secret gate passed on a change read whole. */
export const secretsClean = (results: readonly GateResult[]): boolean =>
  results.some((result) => result.name === SECRETS_GATE_NAME && result.conclusion === "success");

/**
 * The secret gate on the records pull request's head without reading it, when that head is the
 * app's own records commit and its parent's whole change (from the base) was judged clean by this
 * instance: the change is then the parent's (clean) plus what this commit wrote, which the
 * instance knows exactly (it wrote it). Every line of each file it wrote is judged as added
 * (more than the diff, never less), and its message too, so a title that carried a secret into
 * the records is still found. Anything else (a person's push to the records branch, another
 * replica's commit, a restart, a parent judged red or never judged) answers false: the head is
 * judged as any other, its change read. Resolves true when it published the run (or the
 * configuration asks no secret gate on such a pull request).
 */
export async function judgeOwnRecordsCommit(
  ctx: RepoContext,
  pull: GatedPull,
  repositoryId: string | undefined,
): Promise<boolean> {
  if (pull.fromFork || repositoryId === undefined || pull.baseRef !== ctx.defaultBranch) return false;
  const repository = `${ctx.owner}/${ctx.repo}`;
  const known = ctx.services.knownCommits;
  const own = known.ownCommit(repository, pull.headSha);
  if (own === undefined) return false;
  const loaded = await configOf(ctx);
  if (!loaded.ok || pull.headRef !== recordsBranchOf(loaded.config)) return false;
  const { config } = loaded;
  const policy = secretsPolicy(config);
  if (!known.isClean(repository, pull.baseRef, own.parent, policy)) return false;
  if (!config.secrets.scan_non_task_prs) return true;
  const files = own.written.flatMap(([path, text]) => (text === null ? [] : [writtenFile(path, text)]));
  const results = runGates({
    config,
    files,
    patches: files,
    commits: [{ sha: pull.headSha, message: own.message }],
    indexFiles: [],
    queueText: "",
    repoFiles: [],
  }).filter((result) => result.name === SECRETS_GATE_NAME);
  await ctx.github.completeCheckRuns({
    repositoryId,
    headSha: pull.headSha,
    runs: results.map((result) => ({ result })),
  });
  // its one gate completed on the head: a later event for it reads nothing and publishes no second run
  known.markJudged(repository, pull.headSha);
  if (secretsClean(results)) known.markClean(repository, pull.baseRef, pull.headSha, policy);
  return true;
}

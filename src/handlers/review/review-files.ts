import type { Config } from "../../config/index.js";
import { instructionFiles, type RepositoryInstruction, repositoryInstructions } from "../../core/review/index.js";
import { widenPatch } from "../../core/review/widen-hunks.js";
import { reviewCheckName } from "../../core/check-names.js";
import type { PullRun } from "../../github/index.js";
import type { ConfiguredContext } from "../repo-context.js";

/** At most this many files are widened; the rest keep GitHub's diff. */
const widenedFileLimit = 100;

/**
 * The files a review reads besides the diff, in one GraphQL request:
 * - the repository's review guidance from the base branch (a pull request cannot rewrite what its
 *   reviewers are told): AGENTS.md, CLAUDE.md, Copilot's instructions, then the
 *   `review.instructions` entries whose paths the change touches;
 * - the changed files at the head, to widen each hunk by `review.context_lines` (files GitHub sent
 *   without a patch, removed files and those past the limit keep GitHub's diff).
 */
export async function readReviewFiles<F extends { filename: string; status: string; patch?: string | undefined }>(
  ctx: ConfiguredContext,
  config: Config,
  refs: { baseRef: string; headSha: string },
  files: readonly F[],
  /**
   * also read the app's review runs on the pull request's commits (its reviews so far): on all of
   * them, or on enough that `cap` model reviews are among the runs
   */
  reviewsOf?: { pullNumber: number; appId: number; cap: number },
): Promise<{ instructions: RepositoryInstruction[]; shown: F[]; pullRuns?: PullRun[] }> {
  const contextLines = config.review.context_lines;
  const widened =
    contextLines <= 0
      ? []
      : files.filter((file) => file.patch !== undefined && file.status !== "removed").slice(0, widenedFileLimit);
  const read = await ctx.github.readFilesAndChecks({
    files: [
      ...instructionFiles.map((path) => ({ key: `base:${path}`, path, ref: refs.baseRef })),
      ...widened.map((file) => ({ key: `head:${file.filename}`, path: file.filename, ref: refs.headSha })),
    ],
    ...(reviewsOf === undefined
      ? {}
      : { runsOfPull: { pullNumber: reviewsOf.pullNumber, appId: reviewsOf.appId, checkName: reviewCheckName } }),
  });
  // a pull request of more than 100 commits: its older reviews count too, read until the cap is met
  const pullRuns =
    reviewsOf === undefined || read.pullRuns === undefined || read.earlierPullCommits === undefined
      ? read.pullRuns
      : await ctx.github.readEarlierPullRuns({
          pullNumber: reviewsOf.pullNumber,
          appId: reviewsOf.appId,
          checkName: reviewCheckName,
          earlier: read.earlierPullCommits,
          later: read.pullRuns,
          cap: reviewsOf.cap,
        });
  const instructions = repositoryInstructions({
    files: instructionFiles.map((path) => ({ path, text: read.files.get(`base:${path}`)?.text })),
    configured: config.review.instructions,
    changedPaths: files.map((file) => file.filename),
  });
  const shown = files.map((file) => {
    const text = read.files.get(`head:${file.filename}`)?.text;
    return text === undefined || file.patch === undefined
      ? file
      : { ...file, patch: widenPatch(file.patch, text, contextLines) };
  });
  return { instructions, shown, ...(pullRuns === undefined ? {} : { pullRuns }) };
}

import { configCheckName } from "../core/check-names.js";
import type { RepoContext } from "./repo-context.js";

/**
 * An invalid `.github/autopilot.yml` stops the app from acting on the repository: it reports
 * every problem as a failing `autopilot/config` check on the default branch's head (once per
 * commit and problem list) and, when an issue triggered the attempt, says so in the thread once.
 */
export async function reportConfigError(
  ctx: RepoContext,
  errors: readonly string[],
  issueNumber?: number,
): Promise<void> {
  const { github } = ctx;
  const headSha = await github.branchSha(ctx.defaultBranch);
  const title = `.github/autopilot.yml is invalid: ${errors.length} ${errors.length === 1 ? "problem" : "problems"}`;
  const summary = [
    "Autopilot does nothing on this repository until its configuration is valid:",
    errors.map((error) => `- ${error.replaceAll("\n", "\n  ")}`).join("\n"),
    "The reference is Autopilot's docs/configuration.md.",
  ].join("\n\n");
  // the app's own last report: another app's `autopilot/config` run says nothing about what the app reported
  const appId = await github.ownAppId();
  const own = appId === undefined ? {} : { appId };
  const [latest] = await github.listCheckRuns(headSha, { checkName: configCheckName, limit: 1, ...own });
  if (!(latest?.status === "completed" && latest.output.title === title && latest.output.summary === summary)) {
    await github.publishCheck(headSha, {
      name: configCheckName,
      conclusion: "failure",
      title,
      summary,
      annotations: [],
    });
  }
  if (issueNumber !== undefined) {
    const body = `Autopilot cannot start this task: \`.github/autopilot.yml\` on \`${ctx.defaultBranch}\` is invalid. The \`${configCheckName}\` check on ${headSha.slice(0, 7)} lists every problem; fix the file and label the issue again (or comment \`/dispatch\`).`;
    await github.upsertSticky({ issueNumber, key: "config-error", body });
  }
}

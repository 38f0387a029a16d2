import { configCheckName } from "../core/check-names.js";
import { ownAppId, publishGateResult, upsertStickyComment } from "../github/index.js";
import type { RepoContext } from "./repo-context.js";


/**
 * An invalid `.github/autopilot.yml` stops the app from acting on the repository: it reports
 * every problem as a failing `autopilot/config` check on the default branch's head (once per
 * commit and problem list) and, when an issue triggered the attempt, says so in the thread once.
 */
export async function reportConfigError(ctx: RepoContext, errors: readonly string[], issueNumber?: number): Promise<void> {
  const { octokit, owner, repo } = ctx;
  const { data: head } = await octokit.rest.git.getRef({ owner, repo, ref: `heads/${ctx.defaultBranch}` });
  const headSha = head.object.sha;
  const title = `.github/autopilot.yml is invalid: ${errors.length} ${errors.length === 1 ? "problem" : "problems"}`;
  const summary = [
    "Autopilot does nothing on this repository until its configuration is valid:",
    errors.map((error) => `- ${error.replaceAll("\n", "\n  ")}`).join("\n"),
    "The reference is Autopilot's docs/configuration.md.",
  ].join("\n\n");
  // the app's own last report: another app's `autopilot/config` run says nothing about what the app reported
  const appId = await ownAppId(octokit);
  const own = appId === undefined ? {} : { app_id: appId };
  const { data: runs } = await octokit.rest.checks.listForRef({ owner, repo, ref: headSha, check_name: configCheckName, per_page: 1, ...own });
  const latest = runs.check_runs[0];
  if (!(latest?.status === "completed" && latest.output.title === title && latest.output.summary === summary)) {
    await publishGateResult(octokit, { owner, repo, headSha, result: { name: configCheckName, conclusion: "failure", title, summary, annotations: [] } });
  }
  if (issueNumber !== undefined) {
    const body = `Autopilot cannot start this task: \`.github/autopilot.yml\` on \`${ctx.defaultBranch}\` is invalid. The \`${configCheckName}\` check on ${headSha.slice(0, 7)} lists every problem; fix the file and label the issue again (or comment \`/dispatch\`).`;
    await upsertStickyComment(octokit, { owner, repo, issueNumber, key: "config-error", body });
  }
}

import { concordanceGateName, gateNames, scopeGateName, SECRETS_GATE_NAME } from "../../core/check-names.js";
import type { GateResult } from "../../core/gate-result.js";
import { runGates } from "../../core/gates/index.js";
import { listEntries, parseQueue } from "../../core/queue/index.js";
import { completeCheckRun, publishGateResult, readChange, readTreePaths, startCheckRun } from "../../github/index.js";
import type { ConfiguredContext } from "../repo-context.js";
import { readIndexFiles } from "../blueprint-files.js";
import { readQueueText } from "../task-state.js";
import { readTaskFile } from "./read-task-file.js";

/** The pull request as the gates need it; from the webhook payload, checked against the branch before publishing. */
export interface GatedPull {
  number: number;
  headSha: string;
  headRef: string;
  baseRef: string;
}

const failure = (name: string, title: string, summary: string): GateResult => ({ name, conclusion: "failure", title, summary, annotations: [] });

/**
 * Runs the gates on a pull request's head and publishes them as check runs on that commit (in
 * progress first, then completed): all three on a task PR, the secret gate alone on others (when
 * configured). The change is read once through the compare API. A result computed for a head that
 * has moved on meanwhile is dropped: the push that moved it starts its own run.
 */
export async function runPullGates(ctx: ConfiguredContext, pull: GatedPull): Promise<GateResult[] | undefined> {
  const { octokit, owner, repo, config } = ctx;
  const lookup = await readTaskFile(ctx, config, pull.headRef, pull.headSha);
  if (lookup.kind === "none" && !config.secrets.scan_non_task_prs) return undefined;

  const task = lookup.kind === "task" ? lookup.task : undefined;
  // the PR shows the gates running while the change is read (a large one takes a while)
  const names: readonly string[] = lookup.kind === "none" ? [SECRETS_GATE_NAME] : gateNames;
  const started = new Map<string, number>();
  for (const name of names) started.set(name, await startCheckRun(octokit, { owner, repo, headSha: pull.headSha, name }));

  const change = await readChange(octokit, { owner, repo, base: pull.baseRef, head: pull.headSha, pullNumber: pull.number });
  const [indexFiles, queueText] = task ? await Promise.all([readIndexFiles(ctx, config, pull.headSha), readQueueText(ctx, config)]) : [[], undefined];
  const others = listEntries(parseQueue(queueText ?? "").doc).some((entry) => entry.id !== task?.id && entry.status === "in_progress");
  const repoFiles = task && others ? (await readTreePaths(octokit, { owner, repo, ref: change.baseSha })).paths : [];
  const taskFile = lookup.kind === "task" ? lookup.path : undefined;
  let results = runGates({
    config,
    ...(task ? { task } : {}),
    files: change.files.filter((file) => file.filename !== taskFile),
    patches: change.files,
    commits: change.commits,
    indexFiles,
    queueText: queueText ?? "",
    repoFiles,
    ...(change.complete ? {} : { incomplete: change.incompleteReason ?? "GitHub did not return the whole change" }),
  });
  if (lookup.kind === "invalid") {
    const summary = `The task file \`${lookup.path}\` on this branch does not parse, so the change cannot be judged against its spec:\n\n${lookup.errors.map((error) => `- ${error}`).join("\n")}`;
    results = [failure(scopeGateName, "task file invalid", summary), failure(concordanceGateName, "task file invalid", summary), ...results.filter((result) => result.name === SECRETS_GATE_NAME)];
  } else if (!task) {
    results = results.filter((result) => result.name === SECRETS_GATE_NAME);
  }

  const { data: ref } = await octokit.rest.git.getRef({ owner, repo, ref: `heads/${pull.headRef}` });
  if (ref.object.sha !== pull.headSha) {
    // the result is dropped; the runs started on the older commit are closed as superseded, not left spinning
    ctx.log.info({ pr: pull.number, computed: pull.headSha, head: ref.object.sha }, "gates: the head moved on; results for the older head dropped");
    for (const [name, checkRunId] of started) {
      const summary = `The branch moved to ${ref.object.sha} while this commit was being checked; the gates judge that commit instead.`;
      await completeCheckRun(octokit, { owner, repo, checkRunId, result: { name, conclusion: "neutral", title: "superseded by a newer push", summary, annotations: [] } });
    }
    return undefined;
  }
  for (const result of results) {
    await publishGateResult(octokit, { owner, repo, headSha: pull.headSha, result, ...(started.has(result.name) ? { checkRunId: started.get(result.name) } : {}) });
  }
  return results;
}

import { gateNames, SECRETS_GATE_NAME } from "../../core/check-names.js";
import type { ChangedFile } from "../../core/changed-file.js";
import type { GateResult } from "../../core/gate-result.js";
import { taskFileEdits } from "../../core/task/index.js";
import { runGates } from "../../core/gates/index.js";
import { disarmMarkdown } from "../../core/markdown/index.js";
import { listEntries, parseQueue } from "../../core/queue/index.js";
import type { Change } from "../../github/index.js";
import type { ConfiguredContext } from "../repo-context.js";
import type { GatedPull } from "./gated-pull.js";
import { secretsClean, secretsPolicy } from "./own-records-commit.js";
import { readGateInputsWith, type GateInputs } from "./read-gate-inputs.js";
import type { TaskLookup } from "./read-task-file.js";

export { gatedPullOf, type GatedPull } from "./gated-pull.js";

/**
 * The task file Autopilot committed on the branch, when the change holds it: how it departs from
 * the recorded spec (deleted, unreadable, a field edited). Absent from the change: nothing to check.
 */
function ownTaskFileOf(
  lookup: Extract<TaskLookup, { kind: "task" }>,
  files: readonly ChangedFile[],
): { path: string; problems: string[] } | undefined {
  const { path, text } = lookup.taskFile;
  const file = files.find((candidate) => candidate.filename === path);
  if (file === undefined || file.status === "unchanged") return undefined;
  // the edited values are the PR's own text: shown, never live
  const edits = taskFileEdits(lookup.entry, file.status === "removed" ? undefined : text);
  return { path, problems: edits.map((edit) => disarmMarkdown(edit, { oneLine: true })) };
}

/** The change as `readChange` answers it, and the runs started meanwhile when it took a while. */
async function readChangeShowingRuns(
  ctx: ConfiguredContext,
  pull: GatedPull,
  runs: { repositoryId: string; names: readonly string[] },
  afterMs: number,
): Promise<{ change: Change; started: Map<string, string> }> {
  const reading = ctx.github.readChange({ base: pull.baseRef, head: pull.headSha, pullNumber: pull.number });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slow = await Promise.race([
    reading.then(() => false),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), afterMs);
    }),
  ]).finally(() => clearTimeout(timer));
  // a large change takes a while: the PR shows the gates running meanwhile (one more request)
  const started = slow
    ? await ctx.github.startCheckRuns({ repositoryId: runs.repositoryId, headSha: pull.headSha, names: runs.names })
    : new Map<string, string>();
  return { change: await reading, started };
}

/**
 * Runs the gates on a pull request's head and publishes them as check runs on that commit: all
 * three on a task PR, the secret gate alone on others (when configured). The files the gates read
 * come in one GraphQL request (`inputs`, read here when not given), the change once through the
 * compare API, and the runs are created completed in one request (more only past 50 annotations on
 * a run); a change that takes longer than `services.gatesShowRunningAfterMs` (2 s) to read shows the runs in progress
 * first (one more request). The gates judge the commit the payload named, `pull.headSha`: the
 * change is read at that SHA and the runs report on that SHA, so a newer head pushed meanwhile
 * changes neither (its own event runs the gates on it; GitHub shows a PR the runs of its head).
 * For up to 100 commits and 300 files that is three requests to GitHub.
 */
export async function runPullGates(
  ctx: ConfiguredContext,
  pull: GatedPull,
  given?: GateInputs,
  options: { showRunningAfterMs?: number } = {},
): Promise<GateResult[] | undefined> {
  const { github, config } = ctx;
  const inputs = given ?? (await readGateInputsWith(ctx, config, pull));
  const { lookup, repositoryId } = inputs;
  if (lookup.kind === "none" && !config.secrets.scan_non_task_prs) return undefined;

  // the spec that judges is the one the queue recorded, never the task file the PR can edit
  const task = lookup.kind === "task" ? lookup.entry : undefined;
  const names: readonly string[] = task ? gateNames : [SECRETS_GATE_NAME];
  const { change, started } = await readChangeShowingRuns(
    ctx,
    pull,
    { repositoryId, names },
    options.showRunningAfterMs ?? ctx.services.gatesShowRunningAfterMs,
  );
  const queueText = task ? inputs.queueText : "";
  const others = listEntries(parseQueue(queueText).doc).some(
    (entry) => entry.id !== task?.id && entry.status === "in_progress",
  );
  const repoFiles = task && others ? (await github.readTree(change.baseSha)).paths : [];
  const ownTaskFile = lookup.kind === "task" ? ownTaskFileOf(lookup, change.files) : undefined;
  let results = runGates({
    config,
    ...(task ? { task } : {}),
    files: change.files,
    ...(ownTaskFile ? { ownTaskFile } : {}),
    patches: change.files,
    commits: change.commits,
    indexFiles: task ? inputs.indexFiles : [],
    queueText,
    repoFiles,
    ...(change.complete ? {} : { incomplete: change.incompleteReason ?? "GitHub did not return the whole change" }),
  });
  if (!task) results = results.filter((result) => result.name === SECRETS_GATE_NAME);

  const runs = results.map((result) => {
    const checkRunId = started.get(result.name);
    return checkRunId === undefined ? { result } : { checkRunId, result };
  });
  await github.completeCheckRuns({ repositoryId, headSha: pull.headSha, runs });
  // all three gates completed on the head: a later event for it (marked ready, reopened) needs no read
  if (task) ctx.services.knownCommits.markJudged(`${ctx.owner}/${ctx.repo}`, pull.headSha);
  // the whole change from the base found clean: the app's own commit on top is judged by what it wrote
  else if (change.complete && secretsClean(results))
    ctx.services.knownCommits.markClean(`${ctx.owner}/${ctx.repo}`, pull.baseRef, pull.headSha, secretsPolicy(config));
  return results;
}

import { gateNames, SECRETS_GATE_NAME } from "../../core/check-names.js";
import type { ChangedFile } from "../../core/changed-file.js";
import type { GateResult } from "../../core/gate-result.js";
import { taskFileEdits } from "../../core/task/index.js";
import { runGates } from "../../core/gates/index.js";
import { disarmMarkdown } from "../../core/markdown/index.js";
import { listEntries, parseQueue } from "../../core/queue/index.js";
import type { ConfiguredContext } from "../repo-context.js";
import type { GatedPull } from "./gated-pull.js";
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

/**
 * Runs the gates on a pull request's head and publishes them as check runs on that commit (in
 * progress first, then completed): all three on a task PR, the secret gate alone on others (when
 * configured). The files the gates read come in one GraphQL request (`inputs`, read here when not
 * given), the change once through the compare API, and the runs are started in one request and
 * completed in one (more only past 50 annotations on a run). A result computed for a head that has
 * moved on meanwhile is dropped: the push that moved it starts its own run. For up to 100 commits
 * and 300 files that is five requests to GitHub.
 */
export async function runPullGates(
  ctx: ConfiguredContext,
  pull: GatedPull,
  given?: GateInputs,
): Promise<GateResult[] | undefined> {
  const { github, config } = ctx;
  const inputs = given ?? (await readGateInputsWith(ctx, config, pull));
  const { lookup, repositoryId } = inputs;
  if (lookup.kind === "none" && !config.secrets.scan_non_task_prs) return undefined;

  // the spec that judges is the one the queue recorded, never the task file the PR can edit
  const task = lookup.kind === "task" ? lookup.entry : undefined;
  // the PR shows the gates running while the change is read (a large one takes a while)
  const names: readonly string[] = task ? gateNames : [SECRETS_GATE_NAME];
  const started = await github.startCheckRuns({ repositoryId, headSha: pull.headSha, names });

  const change = await github.readChange({ base: pull.baseRef, head: pull.headSha, pullNumber: pull.number });
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

  // the pull request's head as GitHub has it now (a fork's branch is not a branch of this repository)
  const current = await github.getPull(pull.number);
  if (current.head.sha !== pull.headSha) {
    // the result is dropped; the runs started on the older commit are closed as superseded, not left spinning
    ctx.log.info(
      { pr: pull.number, computed: pull.headSha, head: current.head.sha },
      "gates: the head moved on; results for the older head dropped",
    );
    const summary = `The branch moved to ${current.head.sha} while this commit was being checked; the gates judge that commit instead.`;
    const superseded = [...started].map(([name, checkRunId]) => ({
      checkRunId,
      result: { name, conclusion: "neutral" as const, title: "superseded by a newer push", summary, annotations: [] },
    }));
    await github.completeCheckRuns({ repositoryId, runs: superseded });
    return undefined;
  }
  const runs = results.map((result) => {
    const checkRunId = started.get(result.name);
    if (checkRunId === undefined)
      throw new Error(`autopilot: the gate ${result.name} reported without a started check run`);
    return { checkRunId, result };
  });
  await github.completeCheckRuns({ repositoryId, runs });
  return results;
}

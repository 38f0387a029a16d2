import { configFilePath, defaultConfig, type Config } from "../../config/index.js";
import { gateNames, SECRETS_GATE_NAME } from "../../core/check-names.js";
import type { FileRequest, FilesRead, ReadFilesOptions } from "../../github/graphql-read-files.js";
import { repoConfigFrom } from "../../github/load-repo-config.js";
import { applyPause, configOf } from "../config-of.js";
import type { RepoContext } from "../repo-context.js";
import { pausePath } from "../state-branch.js";
import { taskFilePathOf, taskLookupOf, type TaskLookup } from "./read-task-file.js";
import type { GatedPull } from "./gated-pull.js";

/** What the gates read from the repository besides the change, in one GraphQL request. */
export interface GateInputs {
  /** The repository's node id, for the check-run mutations. */
  repositoryId: string;
  lookup: TaskLookup;
  /** `ops/queue.jsonl` on the state branch ("" when absent). */
  queueText: string;
  /** The blueprint indices on the base branch: a PR cannot add the ids its own trailers name. */
  indexFiles: { path: string; text: string }[];
  /** The gates whose latest run on the head has completed. */
  completed: Set<string>;
}

export type ReadGateInputsResult = { ok: true; config: Config; inputs: GateInputs } | { ok: false; errors: string[] };

/**
 * The files the gates need under `config`: the queue on the state branch (the recorded spec),
 * the task file at the head (to check the PR left it as Autopilot wrote it), the indices on the
 * base. A fork's pull request is never a task: its head is not read.
 */
function filesFor(config: Config, defaultBranch: string, pull: GatedPull): FileRequest[] {
  const taskPath = pull.fromFork ? undefined : taskFilePathOf(config, pull.headRef);
  return [
    ...(taskPath === undefined ? [] : [{ key: "task", ref: pull.headSha, path: taskPath }]),
    { key: "queue", ref: config.state_branch, path: config.queue_file },
    // where earlier versions kept it, used only while the state branch does not exist yet
    ...(config.state_branch === defaultBranch
      ? []
      : [{ key: "legacy-queue", ref: defaultBranch, path: config.queue_file }]),
    { key: "nt", ref: pull.baseRef, path: config.concordance.index_paths.nt },
    { key: "td", ref: pull.baseRef, path: config.concordance.index_paths.td },
  ];
}

const sameFiles = (a: readonly FileRequest[], b: readonly FileRequest[]): boolean =>
  a.length === b.length &&
  a.every((file, index) => file.key === b[index]?.key && file.ref === b[index]?.ref && file.path === b[index]?.path);

/**
 * The gate inputs from what was read. A queue missing from the state branch (every state file
 * exists there from its first commit: the branch does not exist yet) is the one earlier versions
 * kept on the default branch.
 */
function inputsOf(read: FilesRead, files: readonly FileRequest[], config: Config, pull: GatedPull): GateInputs {
  const at = (key: string) => files.find((file) => file.key === key);
  const queueText = read.files.get("queue")?.text ?? read.files.get("legacy-queue")?.text ?? "";
  const indexFiles = ["nt", "td"].flatMap((key) => {
    const text = read.files.get(key)?.text;
    const path = at(key)?.path;
    return text === undefined || path === undefined ? [] : [{ path, text }];
  });
  const completed = new Set([...read.runs].filter(([, run]) => run.status === "COMPLETED").map(([name]) => name));
  return {
    repositoryId: read.repositoryId,
    lookup: taskLookupOf(config, pull, queueText, read.files.get("task")?.text),
    queueText,
    indexFiles,
    completed,
  };
}

/** Which of the app's own gates completed on the head: runs of the same names by another app judge nothing. */
async function checksAtHead(ctx: RepoContext, pull: GatedPull): Promise<ReadFilesOptions["checksAt"]> {
  const appId = await ctx.github.ownAppId();
  return appId === undefined ? undefined : { sha: pull.headSha, checkName: SECRETS_GATE_NAME, appId };
}

/** The gate inputs when the configuration is known (a sweep, a command): one GraphQL request. */
export async function readGateInputsWith(ctx: RepoContext, config: Config, pull: GatedPull): Promise<GateInputs> {
  const files = filesFor(config, ctx.defaultBranch, pull);
  const checksAt = await checksAtHead(ctx, pull);
  const read = await ctx.github.readFilesAndChecks({ files, ...(checksAt ? { checksAt } : {}) });
  return inputsOf(read, files, config, pull);
}

/**
 * The configuration and the gate inputs in one GraphQL request: the configuration file is read
 * with the other files at the paths the default configuration names (shared with the other jobs
 * of the delivery, as `configOf` does). When the configuration moves those paths, or another job
 * had already read it, the files are read again where it says (a second request).
 */
export async function readGateInputs(ctx: RepoContext, pull: GatedPull): Promise<ReadGateInputsResult> {
  const checksAt = await checksAtHead(ctx, pull);
  const first: { files?: FileRequest[]; read?: FilesRead } = {};
  const loaded = await configOf(ctx, async () => {
    first.files = filesFor(defaultConfig(), ctx.defaultBranch, pull);
    const pause = { key: "pause", ref: defaultConfig().state_branch, path: pausePath };
    const files = [{ key: "config", ref: ctx.defaultBranch, path: configFilePath }, pause, ...first.files];
    first.read = await ctx.github.readFilesAndChecks({ files, ...(checksAt ? { checksAt } : {}) });
    const file = first.read.files.get("config");
    const loaded = repoConfigFrom(file === undefined ? undefined : { text: file.text, sha: file.oid });
    // the pause was read with the rest where this configuration keeps it; elsewhere `configOf` reads it
    return loaded.ok && loaded.config.state_branch === pause.ref
      ? applyPause(ctx, loaded, first.read.files.get("pause")?.text)
      : loaded;
  });
  if (!loaded.ok) return { ok: false, errors: loaded.errors };
  const files = filesFor(loaded.config, ctx.defaultBranch, pull);
  if (first.read && first.files && sameFiles(files, first.files))
    return { ok: true, config: loaded.config, inputs: inputsOf(first.read, files, loaded.config, pull) };
  return { ok: true, config: loaded.config, inputs: await readGateInputsWith(ctx, loaded.config, pull) };
}

/** Whether every gate this pull request gets already has a completed latest run on its head (GitHub sends several events per head). */
export function alreadyJudgedBy(inputs: GateInputs): boolean {
  const expected = inputs.lookup.kind === "none" ? [SECRETS_GATE_NAME] : gateNames;
  return expected.every((name) => inputs.completed.has(name));
}

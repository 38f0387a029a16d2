import type { Config } from "../../config/index.js";
import type { ChangedFile } from "../changed-file.js";
import type { GateResult } from "../gate-result.js";
import { concordanceGateName, evaluateConcordanceGate, loadBlueprintIndex } from "../concordance/index.js";
import { evaluateScopeGate, scopeGateName } from "../scope/index.js";
import { evaluateSecretsGate } from "../secrets/index.js";
import type { RecordedSpec } from "../task/index.js";
import { controlPaths } from "./control-paths.js";
import { locksFromQueue } from "./locks-from-queue.js";
import { scanChange, unscannedReason } from "./scan-change.js";
import type { ChangeText } from "./scan-change.js";

/** Everything the three gates read, as plain data: the CLI gathers it from git, the app from the REST API. */
export type RunGatesInput = ChangeText & {
  /** the repository's parsed `.github/autopilot.yml` */
  config: Config;
  /**
   * the spec the change is judged against: the app passes the task's queue entry (what Autopilot
   * recorded), never the task file at the head; undefined when the branch is not a task's
   */
  task?: GatedTask;
  /** the change; the task's own task file is left out of the checks when `ownTaskFile` names it */
  files: ChangedFile[];
  /**
   * the task file Autopilot committed on the branch, when the change includes it: its path and how
   * it departs from the recorded spec (`taskFileEdits`); each departure fails `autopilot/scope`
   */
  ownTaskFile?: { path: string; problems: string[] };
  /** the commits of the change, oldest first, with their full messages (trailers) */
  commits: { sha: string; message: string }[];
  /** the blueprint indices (`config.concordance.index_paths`) as they are on the base, never the head */
  indexFiles: { path: string; text: string }[];
  /** problems the caller had reading the indices (a file too large to fetch, say) */
  indexErrors?: string[];
  /** the default branch's queue file: the scopes of the other in-progress tasks are the locks */
  queueText: string;
  /** the paths of the base tree, to decide whether two scopes can overlap */
  repoFiles: readonly string[];
  /**
   * set when the caller could not read the whole change (GitHub's compare API stops at 3,000
   * files and 250 commits): every gate that reads the change then fails, giving this reason
   */
  incomplete?: string;
};

/** What the gates read of a task's spec. */
export type GatedTask = Pick<RecordedSpec, "id" | "scope" | "forbidden" | "budget" | "refs">;

const notATaskBranch = "Not an Autopilot task branch (no task file found): only the secret gate runs.";

/**
 * The `autopilot/scope`, `autopilot/concordance` and `autopilot/secrets` results, in that order,
 * for one change. Scope and concordance need a task; without one they are neutral "skipped".
 */
export function runGates(input: RunGatesInput): GateResult[] {
  const { config, task } = input;
  // an empty reason must still fail the gates: being told "incomplete" is never a pass
  const incomplete = input.incomplete === undefined ? undefined : input.incomplete.trim() || "no reason was given";
  const results: GateResult[] = [];
  if (task) {
    results.push(scopeGate(input, task, incomplete), concordanceGate(input, task, incomplete));
  } else {
    results.push(skipped(scopeGateName, notATaskBranch), skipped(concordanceGateName, notATaskBranch));
  }
  const { findings, unscanned, unscannedBinary } = scanChange(
    input,
    // an inline allow marker is written by the change being judged: only the owner's allowlist counts
    { allowlist: config.secrets.allowlist, honourPragma: false },
    input.commits,
  );
  const secretsIncomplete = [incomplete, unscannedReason(unscanned, unscannedBinary)].filter(
    (reason) => reason !== undefined,
  );
  results.push(
    evaluateSecretsGate({
      findings,
      ...(secretsIncomplete.length > 0 && { incomplete: secretsIncomplete.join("; ") }),
    }),
  );
  return results;
}

function scopeGate(input: RunGatesInput, task: GatedTask, incomplete: string | undefined): GateResult {
  const { config } = input;
  return evaluateScopeGate({
    taskId: task.id,
    files: input.files,
    ...(input.ownTaskFile !== undefined && { ownTaskFile: input.ownTaskFile }),
    controlPaths: controlPaths(config),
    scope: task.scope,
    forbidden: task.forbidden,
    forbiddenDefaults: config.defaults.forbidden,
    budget: {
      files: task.budget?.files ?? config.defaults.budget.files,
      lines: task.budget?.lines ?? config.defaults.budget.lines,
    },
    locks: locksFromQueue(input.queueText, task.id),
    repoFiles: input.repoFiles,
    ...(incomplete !== undefined && { incomplete }),
  });
}

function concordanceGate(input: RunGatesInput, task: GatedTask, incomplete: string | undefined): GateResult {
  const { config } = input;
  const ownPath = input.ownTaskFile?.path;
  const { index, errors } = loadBlueprintIndex(input.indexFiles);
  return evaluateConcordanceGate({
    taskId: task.id,
    commits: input.commits,
    files: ownPath === undefined ? input.files : input.files.filter((file) => file.filename !== ownPath),
    index,
    indexErrors: [...(input.indexErrors ?? []), ...errors],
    taskRefs: task.refs,
    requireTrailers: config.concordance.require_trailers,
    exemptPaths: config.concordance.exempt_paths,
    ...(incomplete !== undefined && { incomplete }),
  });
}

function skipped(name: string, why: string): GateResult {
  return { name, conclusion: "neutral", title: "skipped: not a task branch", summary: why, annotations: [] };
}

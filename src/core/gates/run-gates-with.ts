import type { Config } from "../../config/index.js";
import type { ChangedFile } from "../changed-file.js";
import type { GateResult } from "../gate-result.js";
import { concordanceGateName } from "../concordance/concordance-gate-name.js";
import { scopeGateName } from "../scope/scope-gate-name.js";
import { compileScanOptionsWith } from "../secrets/compile-scan-options-with.js";
import type { CompilePaths } from "../secrets/compile-scan-options-with.js";
import { evaluateSecretsGate } from "../secrets/evaluate-secrets-gate.js";
import type { RecordedSpec } from "../task/task-file-edits.js";
import { scanChangeCompiled, unscannedReason } from "./scan-change-compiled.js";
import type { ChangeText } from "./scan-change-compiled.js";

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

/**
 * The scope and concordance results of a change that is a task's, in that order. Apart from
 * {@link runGatesWith} so that a change without a task (a plain `autopilot check`) loads neither
 * gate: their path matchers, blueprint schemas and queue parser.
 */
export type TaskGates = (input: RunGatesInput, task: GatedTask, incomplete: string | undefined) => GateResult[];

const notATaskBranch = "Not an Autopilot task branch (no task file found): only the secret gate runs.";

/**
 * What the gates load apart, handed in: the task's gates (which `input.task` needs) and the
 * compiler of the allowlisted paths (which `config.secrets.allowlist.paths` needs, when not empty).
 */
export interface GateModules {
  taskGates?: TaskGates | undefined;
  compilePaths?: CompilePaths | undefined;
}

/** The gates of {@link runGates}, with the modules they load apart given (or left out when not needed). */
export function runGatesWith(input: RunGatesInput, { taskGates, compilePaths }: GateModules): GateResult[] {
  const { config, task } = input;
  // an empty reason must still fail the gates: being told "incomplete" is never a pass
  const incomplete = input.incomplete === undefined ? undefined : input.incomplete.trim() || "no reason was given";
  const results: GateResult[] = [];
  if (task) {
    if (!taskGates) throw new TypeError("runGatesWith: a task's change needs its task gates");
    results.push(...taskGates(input, task, incomplete));
  } else {
    results.push(skipped(scopeGateName, notATaskBranch), skipped(concordanceGateName, notATaskBranch));
  }
  const { findings, unscanned, unscannedBinary } = scanChangeCompiled(
    input,
    // an inline allow marker is written by the change being judged: only the owner's allowlist counts
    compileScanOptionsWith({ allowlist: config.secrets.allowlist, honourPragma: false }, compilePaths),
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

function skipped(name: string, why: string): GateResult {
  return { name, conclusion: "neutral", title: "skipped: not a task branch", summary: why, annotations: [] };
}

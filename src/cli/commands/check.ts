import { parseArgs } from "node:util";
import type { Config } from "../../config/index.js";
import type { GateResult } from "../../core/gate-result.js";
import { evaluateConcordanceGate, loadBlueprintIndex } from "../../core/concordance/index.js";
import { listEntries, parseQueue } from "../../core/queue/index.js";
import { evaluateScopeGate } from "../../core/scope/index.js";
import { evaluateSecretsGate, scanDiff } from "../../core/secrets/index.js";
import { parseTaskFile, taskFilePath } from "../../core/task/index.js";
import type { TaskFileFrontMatter } from "../../core/task/index.js";
import type { CliIo } from "../io.js";
import { changedFiles, commitsSince, currentBranch, git, gitShow, repoRoot, treeFiles, unifiedDiff } from "../git.js";
import { loadConfigFile } from "../load-config-file.js";
import { renderGateResults } from "../render-gate-results.js";
import { parseFormat } from "../parse-format.js";
import { UsageError } from "../usage-error.js";

export const checkUsage = `autopilot check --base REF [--task T-<n>] [--format text|json]
  Run the scope, concordance and secret gates on \`git diff REF...HEAD\` of this repository,
  with its .github/autopilot.yml and the task file on the branch (found from the branch name
  <branch_prefix>T-<n>-…, or given with --task), and print the conclusions as the app reports them.
  Exit 0 when no gate fails, 1 when one fails, 2 on usage errors.`;

export async function checkCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      base: { type: "string" },
      task: { type: "string" },
      format: { type: "string", default: "text" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(`${checkUsage}\n`);
    return 0;
  }
  if (!values.base) throw new UsageError("check needs --base REF (the branch the change will merge into, e.g. --base origin/main)");
  const format = parseFormat(values.format);
  const root = repoRoot(io.cwd);
  if (!root) throw new UsageError("check must run inside a git repository");
  const base = values.base;
  try {
    git(["rev-parse", "--verify", "--quiet", `${base}^{commit}`], root);
  } catch {
    throw new UsageError(`--base ${base} is not a commit in this repository`);
  }

  const config = loadConfigFile(root);
  const task = loadTask(root, config, values.task);
  const files = changedFiles(base, root);
  const taskFile = task ? taskFilePath(config.task_dir, task.id) : undefined;
  // the task file is Autopilot's own commit on the branch, not the agent's change
  const agentFiles = files.filter((f) => f.filename !== taskFile);

  const results: GateResult[] = [];
  if (task) {
    results.push(scopeGate(root, base, config, task, agentFiles));
    results.push(concordanceGate(root, base, config, task, agentFiles));
  } else {
    const why = "Not an Autopilot task branch (no task file found): only the secret gate runs.";
    results.push(skipped("autopilot/scope", why), skipped("autopilot/concordance", why));
  }
  const findings = scanDiff(unifiedDiff(base, root), { allowlist: config.secrets.allowlist });
  results.push(evaluateSecretsGate({ findings }));

  io.stdout(format === "json" ? `${JSON.stringify({ task: task?.id ?? null, base, checks: results }, null, 2)}\n` : renderGateResults(results));
  return results.some((r) => r.conclusion === "failure") ? 1 : 0;
}

function loadTask(root: string, config: Config, explicit: string | undefined): TaskFileFrontMatter | undefined {
  let id = explicit;
  if (id !== undefined && !/^T-[1-9]\d*$/.test(id)) throw new UsageError(`--task must look like T-12, not "${id}"`);
  if (!id) {
    const branch = currentBranch(root);
    const match = branch?.startsWith(config.branch_prefix) ? /^T-([1-9]\d*)(?:-|$)/.exec(branch.slice(config.branch_prefix.length)) : null;
    if (!match) return undefined;
    id = `T-${match[1]}`;
  }
  const path = taskFilePath(config.task_dir, id);
  const text = gitShow("HEAD", path, root);
  if (text === undefined) {
    if (explicit) throw new UsageError(`task file ${path} does not exist at HEAD`);
    return undefined;
  }
  const parsed = parseTaskFile(text);
  if (!parsed.ok) throw new UsageError(`task file ${path} is invalid:\n${parsed.errors.map((e) => `  - ${e}`).join("\n")}`);
  return parsed.frontMatter;
}

function scopeGate(root: string, base: string, config: Config, task: TaskFileFrontMatter, files: ReturnType<typeof changedFiles>): GateResult {
  const queueText = gitShow(base, config.queue_file, root) ?? "";
  const locks = listEntries(parseQueue(queueText).doc)
    .filter((e) => e.status === "in_progress" && e.id !== task.id)
    .map((e) => ({ taskId: e.id, scope: e.scope }));
  return evaluateScopeGate({
    taskId: task.id,
    files,
    scope: task.scope,
    forbidden: task.forbidden,
    forbiddenDefaults: config.defaults.forbidden,
    budget: {
      files: task.budget?.files ?? config.defaults.budget.files,
      lines: task.budget?.lines ?? config.defaults.budget.lines,
    },
    locks,
    repoFiles: treeFiles(base, root),
  });
}

function concordanceGate(root: string, base: string, config: Config, task: TaskFileFrontMatter, files: ReturnType<typeof changedFiles>): GateResult {
  const paths = [config.concordance.index_paths.nt, config.concordance.index_paths.td];
  const indexFiles = paths.flatMap((path) => {
    const text = gitShow("HEAD", path, root);
    return text === undefined ? [] : [{ path, text }];
  });
  const { index, errors } = loadBlueprintIndex(indexFiles);
  return evaluateConcordanceGate({
    taskId: task.id,
    commits: commitsSince(base, root),
    files,
    index,
    indexErrors: errors,
    taskRefs: task.refs,
    requireTrailers: config.concordance.require_trailers,
    exemptPaths: config.concordance.exempt_paths,
  });
}

function skipped(name: string, why: string): GateResult {
  return { name, conclusion: "neutral", title: "skipped: not a task branch", summary: why, annotations: [] };
}

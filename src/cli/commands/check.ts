import { parseArgs } from "node:util";
import type { Config } from "../../config/config-schema.js";
import { runGatesWith } from "../../core/gates/run-gates-with.js";
import type { TaskGates } from "../../core/gates/run-gates-with.js";
import type { TaskFileFrontMatter } from "../../core/task/task-spec.js";
import type { CliIo } from "../io.js";
import { changedFiles, commitsSince, currentBranch, git, gitShow, repoRoot, treeFiles, unifiedDiff } from "../git.js";
import { loadCheckConfig } from "../load-check-config.js";
import { renderGateResults } from "../render-gate-results.js";
import { parseFormat } from "../parse-format.js";
import { UsageError } from "../usage-error.js";
import { checkUsage } from "../command-usages.js";

export { checkUsage };

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
  if (!values.base)
    throw new UsageError("check needs --base REF (the branch the change will merge into, e.g. --base origin/main)");
  const format = parseFormat(values.format);
  const root = repoRoot(io.cwd);
  if (!root) throw new UsageError("check must run inside a git repository");
  const base = values.base;
  try {
    // a leading dash would reach git as an option (`git show --output=…`), not a revision
    if (base.startsWith("-")) throw new UsageError("not a revision");
    git(["rev-parse", "--verify", "--quiet", `${base}^{commit}`], root);
  } catch {
    throw new UsageError(`--base ${base} is not a commit in this repository`);
  }

  // a configuration validated before (same text, source and build) is read back without the schemas
  const cacheFor = async () => (await import("../allowlist-cache.js")).defaultAllowlistCache(io.env ?? process.env);
  // the base's configuration, as the app reads the default branch's: never the judged change's own
  const { config, from, notes } = await loadCheckConfig(root, base, cacheFor);
  const found = await findTask(root, config, values.task);
  const task = found?.task;
  // the path compiler (minimatch) only for an allowlist that lists paths
  const compilePaths = config.secrets.allowlist.paths.length
    ? (await import("../../core/scope/compile-patterns.js")).compilePatterns
    : undefined;
  const results = runGatesWith(
    { config, task, ...readChange(root, base, config, found) },
    { taskGates: found?.taskGates, compilePaths },
  );

  io.stdout(
    format === "json"
      ? `${JSON.stringify({ task: task?.id ?? null, base, config: { from, notes }, checks: results }, null, 2)}\n`
      : notes.map((note) => `note: ${note}\n\n`).join("") + renderGateResults(results),
  );
  return results.some((r) => r.conclusion === "failure") ? 1 : 0;
}

/**
 * The task named by `--task` or by the branch, with the path of its file and its gates; none
 * when the branch is not a task's. Its parser and its gates (path matchers, blueprint schemas, the
 * queue parser, and zod under them) are loaded only then: a plain change runs the secret gate alone.
 */
async function findTask(
  root: string,
  config: Config,
  explicit: string | undefined,
): Promise<{ task: TaskFileFrontMatter; path: string; taskGates: TaskGates } | undefined> {
  let id = explicit;
  if (id !== undefined && !/^T-[1-9]\d*$/.test(id)) throw new UsageError(`--task must look like T-12, not "${id}"`);
  if (!id) {
    const branch = currentBranch(root);
    const match = branch?.startsWith(config.branch_prefix)
      ? /^T-([1-9]\d*)(?:-|$)/.exec(branch.slice(config.branch_prefix.length))
      : null;
    if (!match) return undefined;
    id = `T-${match[1]}`;
  }
  const { taskFilePath } = await import("../../core/task/task-file-path.js");
  const path = taskFilePath(config.task_dir, id);
  const text = gitShow("HEAD", path, root);
  if (text === undefined) {
    if (explicit) throw new UsageError(`task file ${path} does not exist at HEAD`);
    return undefined;
  }
  const [{ parseTaskFile }, { taskGates }] = await Promise.all([
    import("../../core/task/parse-task-file.js"),
    import("../../core/gates/task-gates.js"),
  ]);
  const parsed = parseTaskFile(text);
  if (!parsed.ok)
    throw new UsageError(`task file ${path} is invalid:\n${parsed.errors.map((e) => `  - ${e}`).join("\n")}`);
  return { task: parsed.frontMatter, path, taskGates };
}

/** The change `base...HEAD` and what the gates compare it with, read from git as the app reads it from GitHub. */
function readChange(root: string, base: string, config: Config, found: { task: unknown; path: string } | undefined) {
  const task = found?.task;
  const taskFile = found?.path;
  const paths = [config.concordance.index_paths.nt, config.concordance.index_paths.td];
  return {
    // the task file is Autopilot's own commit on the branch, not the agent's change
    files: changedFiles(base, root).filter((f) => f.filename !== taskFile),
    commits: task ? commitsSince(base, root) : [],
    // the indices at the base, as the app reads them: a change cannot add the ids its trailers name
    indexFiles: task
      ? paths.flatMap((path) => {
          const text = gitShow(base, path, root);
          return text === undefined ? [] : [{ path, text }];
        })
      : [],
    queueText: task ? (gitShow(base, config.queue_file, root) ?? "") : "",
    repoFiles: task ? treeFiles(base, root) : [],
    unifiedDiff: unifiedDiff(base, root),
  };
}

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { parseCrosswalk } from "../../core/concordance/index.js";
import {
  itemsDoneText,
  percent,
  planPath,
  planView,
  statusWords,
  type PhaseProgress,
  type PlanView,
} from "../../core/plan/index.js";
import { renderRecords } from "../../core/progress/index.js";
import { listEntries, parseQueue } from "../../core/queue/index.js";
import { git, GitError, gitShow } from "../git.js";
import type { CliIo } from "../io.js";
import { loadConfigFile } from "../load-config-file.js";
import { parseFormat } from "../parse-format.js";
import { UsageError } from "../usage-error.js";
import { progressUsage } from "../command-usages.js";

export { progressUsage };

export async function progressCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      ref: { type: "string" },
      write: { type: "boolean", default: false },
      "repo-url": { type: "string" },
      now: { type: "string" },
      format: { type: "string", default: "text" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(`${progressUsage}\n`);
    return 0;
  }
  const format = parseFormat(values.format);
  const now = values.now === undefined ? new Date() : parseNow(values.now);
  const config = await loadConfigFile(io.cwd);
  const queueFile = config.queue_file;
  const queueText =
    values.ref === undefined ? readWorkTree(io.cwd, queueFile, "") : readAtRevision(io.cwd, values.ref, queueFile);
  const { doc: queue, errors: queueErrors } = parseQueue(queueText);
  for (const error of queueErrors) io.stderr(`${queueFile}:${error.line}: ${error.message} (not counted)\n`);
  const crosswalkPath = config.concordance.index_paths.crosswalk;
  const crosswalk = parseCrosswalk(readWorkTree(io.cwd, crosswalkPath, undefined), crosswalkPath);
  for (const error of crosswalk.errors) io.stderr(`${error}\n`);
  const planText = readWorkTree(io.cwd, planPath, undefined);
  const view = planView(planText, listEntries(queue), crosswalk.crosswalk);
  if (view.kind === "invalid") for (const error of view.errors) io.stderr(`${error}\n`);

  if (values.write) {
    const repoUrl = values["repo-url"] ?? originUrl(io.cwd);
    const files = renderRecords({ queue, planText, crosswalk: crosswalk.crosswalk, repoUrl, now, queueFile });
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(resolve(io.cwd, path)), { recursive: true });
      writeFileSync(resolve(io.cwd, path), text);
      if (format === "text") io.stdout(`wrote ${path}\n`);
    }
  }
  io.stdout(format === "json" ? `${JSON.stringify(summaryJson(view), null, 2)}\n` : summaryText(view));
  return view.kind === "invalid" || queueErrors.length > 0 ? 1 : 0;
}

function parseNow(text: string): Date {
  const time = Date.parse(text);
  if (Number.isNaN(time)) throw new UsageError(`--now must be an ISO time such as 2026-12-01T10:00:00Z, not "${text}"`);
  return new Date(time);
}

function readWorkTree<T extends string | undefined>(cwd: string, file: string, missing: T): string | T {
  const path = resolve(cwd, file);
  if (!existsSync(path)) return missing;
  return readFileSync(path, "utf8");
}

function readAtRevision(cwd: string, ref: string, file: string): string {
  if (ref.startsWith("-")) throw new UsageError(`--ref must name a revision, not an option ("${ref}")`);
  const text = gitShow(ref, file, cwd);
  if (text === undefined) {
    throw new UsageError(`${ref} has no ${file} (git fetch origin autopilot/state, then --ref FETCH_HEAD)`);
  }
  return text;
}

/** `https://github.com/acme/widgets` from the origin remote (https or ssh form). */
function originUrl(cwd: string): string {
  let remote: string;
  try {
    remote = git(["remote", "get-url", "origin"], cwd).trim();
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    throw new UsageError("no origin remote to build links from: pass --repo-url https://github.com/<owner>/<repo>");
  }
  const ssh = /^git@([^:]+):(.+?)(\.git)?$/.exec(remote);
  const url = ssh ? `https://${ssh[1]}/${ssh[2]}` : remote.replace(/\.git$/, "").replace(/\/\/[^@/]+@/, "//");
  if (!/^https?:\/\//.test(url)) throw new UsageError(`cannot build links from origin "${remote}": pass --repo-url`);
  return url;
}

/** Plan text on a terminal: control characters (escape sequences) shown as `?`. */
const terminalText = (text: string): string => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, "?");

function summaryText(view: PlanView): string {
  if (view.kind === "absent") return `no plan of record (${view.path}): nothing to report per phase\n`;
  if (view.kind === "invalid") return `${view.path} is not a valid plan (${view.errors.length} problem(s), above)\n`;
  const { progress } = view;
  const title = progress.plan.title === undefined ? "" : `${terminalText(progress.plan.title)}: `;
  const phases = `${progress.phasesDone} of ${progress.phases.length} phases done`;
  const phaseLine = (phase: PhaseProgress): string => {
    const share = `${String(percent(phase.done, phase.total)).padStart(3)}%`;
    const status = statusWords[phase.status];
    return `  ${phase.phase.id}  ${phase.done}/${phase.total}  ${share}  ${status}  ${terminalText(phase.phase.title)}`;
  };
  const lines = [
    `${title}${itemsDoneText(progress.done, progress.total)}, ${phases}`,
    ...progress.phases.map(phaseLine),
    ...progress.strays.map((stray) => `  ${stray.taskId} names ${stray.item}, which the plan does not have`),
  ];
  return `${lines.join("\n")}\n`;
}

function summaryJson(view: PlanView): unknown {
  if (view.kind !== "ok") return { plan: view.kind, ...(view.kind === "invalid" ? { errors: view.errors } : {}) };
  const { progress } = view;
  return {
    plan: "ok",
    done: progress.done,
    total: progress.total,
    phases_done: progress.phasesDone,
    phases: progress.phases.map((phase) => ({
      id: phase.phase.id,
      title: phase.phase.title,
      status: phase.status,
      done: phase.done,
      total: phase.total,
      items: phase.items.map((item) => ({
        id: item.item.id,
        status: item.status,
        tasks: item.tasks.map((task) => task.id),
        waits_on: item.waitsOn,
      })),
    })),
    strays: progress.strays,
  };
}

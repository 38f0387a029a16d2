import { existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { scanDiff } from "../../core/secrets/index.js";
import type { SecretAllowlist } from "../../core/secrets/index.js";
import type { CliIo } from "../io.js";
import { parseFormat } from "../parse-format.js";
import { FileReadError, readBuffer, type ListedFile, type ReportedFinding } from "../scan-file-list.js";
import { defaultJobs, scanFiles } from "../scan-files.js";
import { UsageError } from "../usage-error.js";
import { walkFiles } from "../walk-files.js";

export const scanUsage = `autopilot scan [--format text|json] [--diff FILE|-] [--all] [--jobs N] [PATH...]
  Scan files (directories are walked; inside git, .gitignore'd files are skipped unless --all)
  or only the added lines of a unified diff for credentials. Many files are read and scanned
  on --jobs threads (default: one per idle core, at most 8).
  Exit 0 when clean, 1 when something was found, 2 on usage or read errors.`;

const CONFIG_FILE = ".github/autopilot.yml";

export async function scanCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: "string", default: "text" },
      diff: { type: "string" },
      all: { type: "boolean", default: false },
      jobs: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(`${scanUsage}\n`);
    return 0;
  }
  const format = parseFormat(values.format);
  if (values.diff !== undefined && positionals.length > 0) {
    throw new UsageError("give either --diff or paths, not both");
  }

  const jobs = parseJobs(values.jobs);
  const allowlist = await loadAllowlist(io.cwd);
  let findings: ReportedFinding[];
  let files = 0;
  let bytes = 0;

  try {
    if (values.diff !== undefined) {
      const text = values.diff === "-" ? await io.stdin() : readInput(resolve(io.cwd, values.diff), values.diff);
      files = 1;
      bytes = Buffer.byteLength(text);
      findings = scanDiff(text, { allowlist });
    } else {
      const listed = expandPaths(positionals.length ? positionals : ["."], io, values.all);
      ({ findings, files, bytes } = await scanFiles(io.cwd, listed, allowlist, jobs));
    }
  } catch (error) {
    if (error instanceof FileReadError) throw new UsageError(error.message);
    throw error;
  }

  const report = findings.map(({ file, line, column, rule, preview }) => ({ file, line, column, rule, preview }));
  if (format === "json") {
    io.stdout(`${JSON.stringify({ findings: report, scanned: { files, bytes } }, null, 2)}\n`);
  } else {
    for (const f of report) io.stdout(`${f.file}:${f.line}:${f.column}  ${f.rule}  ${f.preview}\n`);
    io.stdout(
      report.length
        ? `\n${report.length} potential secret(s) in ${files} file(s). Rotate each credential: removing it from the code does not revoke it.\n`
        : `no secrets found in ${files} file(s) (${bytes} bytes)\n`,
    );
  }
  return report.length ? 1 : 0;
}

function parseJobs(text: string | undefined): number {
  if (text === undefined) return defaultJobs();
  if (!/^[1-9]\d{0,2}$/.test(text)) throw new UsageError(`--jobs must be a whole number from 1 to 999, not "${text}"`);
  return Number(text);
}

/** The working tree's root: the nearest directory upwards holding `.git` (no git process started). */
function workTreeRoot(cwd: string): string {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, ".git"))) return dir;
    if (dirname(dir) === dir) return resolve(cwd);
  }
}

/**
 * The allowlist of the repository's configuration. The configuration module (schemas,
 * validation) is loaded only when there is a configuration file: without one the allowlist is
 * empty, and a scan starts without that cost.
 */
async function loadAllowlist(cwd: string): Promise<SecretAllowlist> {
  const root = workTreeRoot(cwd);
  if (!existsSync(join(root, CONFIG_FILE))) return {};
  const { loadConfigFile } = await import("../load-config-file.js");
  return loadConfigFile(root).secrets.allowlist;
}

function expandPaths(paths: string[], io: CliIo, all: boolean): ListedFile[] {
  const out: ListedFile[] = [];
  for (const p of paths) {
    const stat = statSync(resolve(io.cwd, p), { throwIfNoEntry: false });
    if (!stat) throw new UsageError(`cannot read ${p}: no such file or directory`);
    if (stat.isDirectory())
      out.push(...walkFiles(resolve(io.cwd, p), io.cwd, { all }).map((path) => ({ path, explicit: false })));
    else out.push({ path: p, explicit: true });
  }
  return out;
}

function readInput(path: string, shown: string): string {
  const buf = readBuffer(path, shown, true);
  return buf === undefined ? "" : buf.toString("utf8");
}

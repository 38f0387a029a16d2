import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { SecretAllowlist } from "../../core/secrets/index.js";
import { cachedAllowlist, defaultAllowlistCache } from "../allowlist-cache.js";
import type { CliIo } from "../io.js";
import { parseFormat } from "../parse-format.js";
import { FileReadError, readBuffer, type ListedFile, type ReportedFinding } from "../scan-file-list.js";
import { scanFiles } from "../scan-files.js";
import { UsageError } from "../usage-error.js";
import { scanUsage } from "../command-usages.js";

export { scanUsage };

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
  const allowlist = await loadAllowlist(io);
  let findings: ReportedFinding[];
  let files = 0;
  let bytes = 0;

  try {
    if (values.diff !== undefined) {
      const text = values.diff === "-" ? await io.stdin() : readInput(resolve(io.cwd, values.diff), values.diff);
      files = 1;
      bytes = Buffer.byteLength(text);
      const { scanDiff } = await import("../../core/secrets/scan-diff.js");
      findings = scanDiff(text, { allowlist });
    } else {
      const listed = await expandPaths(positionals.length ? positionals : ["."], io, values.all);
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

/** `--jobs`; undefined for one thread per idle core, which is looked up only for a scan of many files. */
function parseJobs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
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
 * The allowlist of the repository's configuration. The configuration module (schemas, YAML,
 * validation) is loaded only when there is a configuration file, and only once per content of
 * that file (see allowlist-cache.ts): a scan run by a pre-commit hook starts without that cost.
 */
async function loadAllowlist(io: CliIo): Promise<SecretAllowlist> {
  const root = workTreeRoot(io.cwd);
  const path = join(root, CONFIG_FILE);
  if (!existsSync(path)) return {};
  const validate = async () => (await (await import("../load-config-file.js")).loadConfigFile(root)).secrets.allowlist;
  return cachedAllowlist(readFileSync(path, "utf8"), validate, defaultAllowlistCache(io.env ?? process.env));
}

/** The files to scan; git and the directory walk are loaded only when a directory is given. */
async function expandPaths(paths: string[], io: CliIo, all: boolean): Promise<ListedFile[]> {
  const out: ListedFile[] = [];
  for (const p of paths) {
    const stat = statSync(resolve(io.cwd, p), { throwIfNoEntry: false });
    if (!stat) throw new UsageError(`cannot read ${p}: no such file or directory`);
    if (stat.isDirectory()) {
      const { walkFiles } = await import("../walk-files.js");
      out.push(...walkFiles(resolve(io.cwd, p), io.cwd, { all }).map((path) => ({ path, explicit: false })));
    } else out.push({ path: p, explicit: true });
  }
  return out;
}

function readInput(path: string, shown: string): string {
  const buf = readBuffer(path, shown, true);
  return buf === undefined ? "" : buf.toString("utf8");
}

import { existsSync, lstatSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { SecretAllowlist } from "../../core/secrets/index.js";
import { cachedAllowlist, defaultAllowlistCache } from "../allowlist-cache.js";
import { refSource, workingTreeSource } from "../config-source.js";
import type { CliIo } from "../io.js";
import { parseFormat } from "../parse-format.js";
import { kindOf, readInputFile } from "../file-reader.js";
import { FileReadError, type ListedFile, type ReportedFinding, type SkippedFile } from "../scan-file-list.js";
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
      "config-ref": { type: "string" },
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
  const allowlist = await loadAllowlist(io, values["config-ref"]);
  let findings: ReportedFinding[];
  let skipped: SkippedFile[] = [];
  const notes: string[] = [];
  let files = 0;
  let bytes = 0;

  try {
    if (values.diff !== undefined) {
      const text =
        values.diff === "-"
          ? await io.stdin()
          : readInputFile(resolve(io.cwd, values.diff), values.diff).toString("utf8");
      files = 1;
      bytes = Buffer.byteLength(text);
      const { scanDiff } = await import("../../core/secrets/scan-diff.js");
      findings = scanDiff(text, { allowlist });
    } else {
      const listed = await expandPaths(positionals.length ? positionals : ["."], io, values.all, { skipped, notes });
      const scanned = await scanFiles(io.cwd, listed, allowlist, jobs);
      ({ findings, files, bytes } = scanned);
      skipped = [...skipped, ...scanned.skipped];
    }
  } catch (error) {
    if (error instanceof FileReadError) throw new UsageError(error.message);
    throw error;
  }

  const report = findings.map(({ file, line, column, rule, preview }) => ({ file, line, column, rule, preview }));
  if (format === "json") {
    io.stdout(`${JSON.stringify({ findings: report, scanned: { files, bytes }, skipped, notes }, null, 2)}\n`);
  } else {
    for (const f of report) io.stdout(`${f.file}:${f.line}:${f.column}  ${f.rule}  ${f.preview}\n`);
    for (const note of notes) io.stdout(`note: ${note}\n`);
    for (const { file, reason } of skipped) io.stdout(`skipped ${file}: ${reason}\n`);
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
 * The allowlist of the repository's configuration: the working tree's file, or with `ref` the
 * file at that git revision (CI: the base branch, not the change being scanned, whose own copy
 * could allowlist what it adds). The configuration module (schemas, YAML, validation) is loaded
 * only when there is a configuration file, and only once per content and source of that file
 * (see allowlist-cache.ts): a scan run by a pre-commit hook starts without that cost; git only
 * for a ref.
 */
async function loadAllowlist(io: CliIo, ref: string | undefined): Promise<SecretAllowlist> {
  const root = workTreeRoot(io.cwd);
  let text: string | undefined;
  let source = workingTreeSource;
  if (ref !== undefined) {
    const { configAtRef } = await import("../config-at-ref.js");
    text = configAtRef(io.cwd, ref, CONFIG_FILE);
    source = refSource(ref);
  } else {
    const path = join(root, CONFIG_FILE);
    text = existsSync(path) ? readFileSync(path, "utf8") : undefined;
  }
  if (text === undefined) return {};
  const configText = text;
  const validate = async () =>
    (await (await import("../load-config-file.js")).validateConfigText(configText, CONFIG_FILE)).secrets.allowlist;
  return cachedAllowlist(configText, validate, defaultAllowlistCache(io.env ?? process.env), source);
}

/**
 * The files to scan; git and the directory walk are loaded only when a directory is given. A
 * path is judged by lstat: a symbolic link, even one to a directory, is scanned as git stores it
 * (its link text), never followed; a device, FIFO or socket is not read, and said so.
 */
async function expandPaths(
  paths: string[],
  io: CliIo,
  all: boolean,
  report: { skipped: SkippedFile[]; notes: string[] },
): Promise<ListedFile[]> {
  const out: ListedFile[] = [];
  for (const p of paths) {
    const stat = lstatSync(resolve(io.cwd, p), { throwIfNoEntry: false });
    if (!stat) throw new UsageError(`cannot read ${p}: no such file or directory`);
    if (stat.isDirectory()) {
      const { walkFiles } = await import("../walk-files.js");
      out.push(...walkFiles(resolve(io.cwd, p), io.cwd, { all }).map((path) => ({ path, explicit: false })));
    } else if (stat.isFile() || stat.isSymbolicLink()) {
      if (stat.isSymbolicLink())
        report.notes.push(
          `${p} is a symbolic link: its link text was scanned, as git stores it, not what it points to`,
        );
      out.push({ path: p, explicit: true });
    } else report.skipped.push({ file: p, reason: `not a regular file (${kindOf(stat)}): not read` });
  }
  return out;
}

import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { isProbablyBinary, scanDiff, scanText } from "../../core/secrets/index.js";
import type { SecretFinding } from "../../core/secrets/index.js";
import type { CliIo } from "../io.js";
import { loadConfigFile } from "../load-config-file.js";
import { repoRoot } from "../git.js";
import { parseFormat } from "../parse-format.js";
import { UsageError } from "../usage-error.js";
import { walkFiles } from "../walk-files.js";

export const scanUsage = `autopilot scan [--format text|json] [--diff FILE|-] [--all] [PATH...]
  Scan files (directories are walked; inside git, .gitignore'd files are skipped unless --all)
  or only the added lines of a unified diff for credentials.
  Exit 0 when clean, 1 when something was found, 2 on usage or read errors.`;

export async function scanCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: "string", default: "text" },
      diff: { type: "string" },
      all: { type: "boolean", default: false },
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

  const root = repoRoot(io.cwd) ?? io.cwd;
  const allowlist = loadConfigFile(root).secrets.allowlist;
  const findings: SecretFinding[] = [];
  let files = 0;
  let bytes = 0;

  if (values.diff !== undefined) {
    const text = values.diff === "-" ? await io.stdin() : readInput(resolve(io.cwd, values.diff), values.diff);
    files = 1;
    bytes = Buffer.byteLength(text);
    findings.push(...scanDiff(text, { allowlist }));
  } else {
    for (const file of expandPaths(positionals.length ? positionals : ["."], io, values.all)) {
      const buf = readBuffer(resolve(io.cwd, file.path), file.path, file.explicit);
      if (buf === undefined || isProbablyBinary(buf)) continue;
      files += 1;
      bytes += buf.length;
      findings.push(...scanText(buf.toString("utf8"), file.path, { allowlist }));
    }
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

function expandPaths(paths: string[], io: CliIo, all: boolean): { path: string; explicit: boolean }[] {
  const out: { path: string; explicit: boolean }[] = [];
  for (const p of paths) {
    const stat = statSync(resolve(io.cwd, p), { throwIfNoEntry: false });
    if (!stat) throw new UsageError(`cannot read ${p}: no such file or directory`);
    if (stat.isDirectory()) out.push(...walkFiles(resolve(io.cwd, p), io.cwd, { all }).map((path) => ({ path, explicit: false })));
    else out.push({ path: p, explicit: true });
  }
  return out;
}

function readInput(path: string, shown: string): string {
  const buf = readBuffer(path, shown, true);
  return buf === undefined ? "" : buf.toString("utf8");
}

/** Explicit paths must be readable; a listed file that vanished meanwhile is skipped. */
function readBuffer(path: string, shown: string, explicit: boolean): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!explicit && code === "ENOENT") return undefined;
    throw new UsageError(`cannot read ${shown}: ${code ?? (error as Error).message}`);
  }
}

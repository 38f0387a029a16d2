import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { formatConfigIssues, parseConfig } from "../../config/index.js";
import type { CliIo } from "../io.js";
import { repoRoot } from "../git.js";
import { defaultConfigPath } from "../load-config-file.js";
import { parseFormat } from "../parse-format.js";
import { UsageError } from "../usage-error.js";
import { configUsage } from "../command-usages.js";

export { configUsage };

export async function configCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: "string", default: "text" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(`${configUsage}\n`);
    return 0;
  }
  const [sub, file, ...extra] = positionals;
  if (sub !== "validate")
    throw new UsageError(sub ? `unknown config command "${sub}": use validate` : "config needs a command: validate");
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const format = parseFormat(values.format);

  const shown = file ?? defaultConfigPath;
  const path = file ? resolve(io.cwd, file) : resolve(repoRoot(io.cwd) ?? io.cwd, defaultConfigPath);
  if (!existsSync(path)) {
    if (file) throw new UsageError(`cannot read ${file}: no such file`);
    io.stdout(`${shown} does not exist: the defaults apply\n`);
    return 0;
  }
  const result = parseConfig(readFileSync(path, "utf8"), { file: shown });
  if (format === "json") {
    io.stdout(
      `${JSON.stringify(result.ok ? { valid: true, config: result.config } : { valid: false, issues: result.issues }, null, 2)}\n`,
    );
  } else if (result.ok) {
    io.stdout(`${shown} is valid\n`);
  } else {
    io.stdout(`${shown} is invalid:\n${formatConfigIssues(result.issues, shown)}\n`);
  }
  return result.ok ? 0 : 1;
}

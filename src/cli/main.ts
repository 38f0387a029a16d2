import { pathToFileURL } from "node:url";
import { checkCommand, checkUsage } from "./commands/check.js";
import { configCommand, configUsage } from "./commands/config.js";
import { doctorCommand, doctorUsage } from "./commands/doctor.js";
import { queueCommand, queueUsage } from "./commands/queue.js";
import { sandboxCommand, sandboxUsage } from "./commands/sandbox.js";
import { scanCommand, scanUsage } from "./commands/scan.js";
import { processIo } from "./io.js";
import type { CliIo } from "./io.js";
import { UsageError } from "./usage-error.js";
import { GitError } from "./git.js";

const commands: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  scan: scanCommand,
  check: checkCommand,
  queue: queueCommand,
  config: configCommand,
  doctor: doctorCommand,
  sandbox: sandboxCommand,
};

export const usage = `autopilot — governance for AI coding agents

Usage:
${[scanUsage, checkUsage, queueUsage, configUsage, doctorUsage, sandboxUsage].map((u) => `  ${u.replace(/\n/g, "\n  ")}`).join("\n\n")}
`;

/** Runs one CLI invocation and returns its exit code (0 ok, 1 findings/failures, 2 usage or read error). */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    io.stdout(usage);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`autopilot: unknown command "${name}"\n\n${usage}`);
    return 2;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof GitError || isParseArgsError(error)) {
      io.stderr(`autopilot ${name}: ${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS_");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = await main(process.argv.slice(2));
}

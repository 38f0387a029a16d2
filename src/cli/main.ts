import { processIo } from "./io.js";
import type { CliIo } from "./io.js";
import { UsageError } from "./usage-error.js";
import {
  checkUsage,
  configUsage,
  doctorUsage,
  progressUsage,
  queueUsage,
  sandboxUsage,
  scanUsage,
} from "./command-usages.js";
import { GitError } from "./git-error.js";

type Command = (args: string[], io: CliIo) => Promise<number>;

/**
 * Each command is imported when it runs, so that `autopilot scan` does not load the sandbox,
 * the app or the configuration schemas it does not use; the usages live apart, so that `--help`
 * loads no command at all.
 */
const commands: Record<string, { usage: string; load: () => Promise<Command> }> = {
  scan: { usage: scanUsage, load: async () => (await import("./commands/scan.js")).scanCommand },
  check: { usage: checkUsage, load: async () => (await import("./commands/check.js")).checkCommand },
  queue: { usage: queueUsage, load: async () => (await import("./commands/queue.js")).queueCommand },
  config: { usage: configUsage, load: async () => (await import("./commands/config.js")).configCommand },
  progress: { usage: progressUsage, load: async () => (await import("./commands/progress.js")).progressCommand },
  doctor: { usage: doctorUsage, load: async () => (await import("./commands/doctor.js")).doctorCommand },
  sandbox: { usage: sandboxUsage, load: async () => (await import("./commands/sandbox.js")).sandboxCommand },
};

/** The usage of every command. */
export function usage(): string {
  return `autopilot — governance for AI coding agents

Usage:
${Object.values(commands)
  .map(({ usage: u }) => `  ${u.replace(/\n/g, "\n  ")}`)
  .join("\n\n")}
`;
}

/** Runs one CLI invocation and returns its exit code (0 ok, 1 findings/failures, 2 usage or read error). */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    io.stdout(usage());
    return name ? 0 : 2;
  }
  const entry = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!entry) {
    io.stderr(`autopilot: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  const command = await entry.load();
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

// run directly (`npm run autopilot`, tsx): its own path, as Node resolved it (without node:url,
// which a one-file scan would load for this alone)
if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}

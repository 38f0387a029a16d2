import { pathToFileURL } from "node:url";
import { processIo } from "./io.js";
import type { CliIo } from "./io.js";
import { UsageError } from "./usage-error.js";
import { GitError } from "./git.js";

type Command = (args: string[], io: CliIo) => Promise<number>;

/**
 * Each command is imported when it runs, so that `autopilot scan` does not load the sandbox,
 * the app or the configuration schemas it does not use.
 */
const commands: Record<string, () => Promise<{ command: Command; usage: string }>> = {
  scan: async () => import("./commands/scan.js").then((m) => ({ command: m.scanCommand, usage: m.scanUsage })),
  check: async () => import("./commands/check.js").then((m) => ({ command: m.checkCommand, usage: m.checkUsage })),
  queue: async () => import("./commands/queue.js").then((m) => ({ command: m.queueCommand, usage: m.queueUsage })),
  config: async () => import("./commands/config.js").then((m) => ({ command: m.configCommand, usage: m.configUsage })),
  progress: async () =>
    import("./commands/progress.js").then((m) => ({ command: m.progressCommand, usage: m.progressUsage })),
  doctor: async () => import("./commands/doctor.js").then((m) => ({ command: m.doctorCommand, usage: m.doctorUsage })),
  sandbox: async () =>
    import("./commands/sandbox.js").then((m) => ({ command: m.sandboxCommand, usage: m.sandboxUsage })),
};

/** The usage of every command (loads them all: for `--help` and mistakes only). */
export async function usage(): Promise<string> {
  const usages = await Promise.all(Object.values(commands).map(async (load) => (await load()).usage));
  return `autopilot — governance for AI coding agents

Usage:
${usages.map((u) => `  ${u.replace(/\n/g, "\n  ")}`).join("\n\n")}
`;
}

/** Runs one CLI invocation and returns its exit code (0 ok, 1 findings/failures, 2 usage or read error). */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    io.stdout(await usage());
    return name ? 0 : 2;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    io.stderr(`autopilot: unknown command "${name}"\n\n${await usage()}`);
    return 2;
  }
  const { command } = await load();
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

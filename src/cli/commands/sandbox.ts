import { parseArgs } from "node:util";
// Types only: the package itself is a devDependency, loaded when the command runs (loadSandbox).
import type { ConnectedApp } from "@autopilot/github-sandbox";
import type { SandboxLog } from "@autopilot/github-sandbox/webhooks";
import type { CliIo } from "../io.js";
import { UsageError } from "../usage-error.js";
import { sandboxUsage } from "../command-usages.js";

export { sandboxUsage };

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535)
    throw new UsageError(`--port must be a number from 0 to 65535, not "${text}"`);
  return port;
}

function parseWebhookUrl(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--webhook-url must be an http(s) URL, not "${text}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UsageError(`--webhook-url must be an http(s) URL, not "${text}"`);
  }
  return url.href;
}

type SandboxPackage = typeof import("@autopilot/github-sandbox");

/** What the command says when the sandbox package is absent (a production install). */
export const sandboxNotInstalled =
  "autopilot sandbox is a development tool; install with devDependencies (npm ci) to use it. " +
  "A production install (npm ci --omit=dev) leaves out @autopilot/github-sandbox on purpose.";

const isMissing = (error: unknown): boolean => {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") && String(message).includes("github-sandbox");
};

/**
 * The sandbox package, loaded on demand: `src/` depends on it nowhere else, so the product runs
 * without it. `load` stands in for the import in tests.
 */
export async function loadSandbox(
  load: () => Promise<SandboxPackage> = () => import("@autopilot/github-sandbox"),
): Promise<SandboxPackage> {
  try {
    return await load();
  } catch (error) {
    if (isMissing(error)) throw new UsageError(sandboxNotInstalled);
    throw error;
  }
}

/** Sandbox logs go to stderr as one line each, so stdout carries nothing but the ready line. */
function stderrLog(io: CliIo, verbose: boolean): SandboxLog {
  const line = (level: string) => (fields: Record<string, unknown>, message: string) => {
    const { err, ...rest } = fields;
    const detail = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : "";
    const cause = err instanceof Error ? ` (${err.message})` : "";
    io.stderr(`sandbox ${level}: ${message.replace(/^sandbox: /, "")}${cause}${detail}\n`);
  };
  return { info: verbose ? line("info") : () => undefined, warn: line("warn"), error: line("error") };
}

export async function sandboxCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      port: { type: "string" },
      "webhook-url": { type: "string" },
      "webhook-secret": { type: "string" },
      "with-app": { type: "boolean", default: false },
      "data-dir": { type: "string" },
      verbose: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout(`${sandboxUsage}\n`);
    return 0;
  }
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const port = parsePort(values.port);
  const webhookUrl = parseWebhookUrl(values["webhook-url"]);
  if (webhookUrl && values["with-app"]) {
    throw new UsageError(
      "--webhook-url and --with-app exclude each other: with --with-app the app receives the webhooks",
    );
  }
  if (values["webhook-secret"] !== undefined && values["webhook-secret"].length === 0) {
    throw new UsageError("--webhook-secret must not be empty");
  }

  const { Sandbox, startAppOnSandbox } = await loadSandbox();
  const sandbox = await Sandbox.start({
    port,
    ...(values["data-dir"] ? { dataDir: values["data-dir"] } : {}),
    ...(webhookUrl ? { webhookUrl } : {}),
    ...(values["webhook-secret"] ? { webhookSecret: values["webhook-secret"] } : {}),
    log: stderrLog(io, values.verbose),
    installApp: !values["with-app"],
  });
  let app: ConnectedApp | undefined;
  try {
    if (values["with-app"]) {
      const { default: autopilot } = await import("../../index.js");
      app = await startAppOnSandbox(sandbox, { appFn: autopilot, logLevel: values.verbose ? "info" : "warn" });
      sandbox.installApp();
    }
    io.stdout(`${JSON.stringify(sandbox.info())}\n`);
    await io.untilStopped();
  } finally {
    await app?.stop();
    await sandbox.stop();
  }
  return 0;
}

import type { Logger } from "probot";

/** A logger that drops every line: for tests that build an app context or a Probot-like one by hand. */
export const silentLog: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  fatal: () => undefined,
  child: () => silentLog,
} as unknown as Logger;

/**
 * The slice of a pino logger (Probot's `app.log`) the work queue and the sweeper write to:
 * structured fields first, then the message, as pino expects.
 */
export interface WorkLog {
  error(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  debug(fields: object, message: string): void;
}

/**
 * Without a logger a failed job must still not vanish: Node prints process warnings on stderr
 * (and tests can listen for them), which keeps `console` out of the app.
 */
export const warningLog: WorkLog = {
  error(fields, message) {
    const cause = (fields as { err?: unknown }).err;
    process.emitWarning(cause instanceof Error ? `${message}: ${cause.message}` : message, { code: "AUTOPILOT_WORK" });
  },
  warn(_fields, message) {
    process.emitWarning(message, { code: "AUTOPILOT_WORK" });
  },
  debug() {},
};

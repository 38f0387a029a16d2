type LogMethod = (fields: Record<string, unknown>, message: string) => void;

/** The subset of a pino logger the sandbox writes to; Probot's `app.log` fits. */
export interface SandboxLog {
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
}

import type { Writable } from "node:stream";
import { getTransformStream } from "@probot/pino";
import { pino, type Logger } from "pino";
import { redactSecrets } from "../core/secrets/index.js";
import { jobLogMixin } from "./job-scope.js";

export interface AppLoggerOptions {
  level: string;
  /** `json` (one object a line, for log collectors) or `pretty` */
  format: "json" | "pretty";
  levelInString?: boolean;
  messageKey?: string | undefined;
  sentryDsn?: string | undefined;
  /** default: stdout */
  destination?: Writable;
}

/**
 * Probot's own logger (same formats, same Sentry reporting: `@probot/pino`), with one addition:
 * every line written during a job carries the job's delivery, repository, thread and task
 * (`jobLogMixin`), whichever logger wrote it; and no line carries a credential, whatever issue,
 * comment or model text a field quoted (each line is redacted as it is written).
 */
export async function createAppLogger(options: AppLoggerOptions): Promise<Logger> {
  const transform = await getTransformStream({
    logFormat: options.format,
    logLevelInString: options.levelInString ?? false,
    ...(options.sentryDsn !== undefined && { sentryDsn: options.sentryDsn }),
  });
  transform.pipe((options.destination ?? pino.destination(1)) as NodeJS.WritableStream);
  return pino(
    {
      name: "probot",
      level: options.level,
      messageKey: options.messageKey ?? "msg",
      mixin: (line, _level, logger) => jobLogMixin(line, logger.bindings()),
      hooks: { streamWrite: (line) => redactSecrets(line).text },
    },
    transform,
  );
}

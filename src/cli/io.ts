/** The CLI's streams, injectable so tests can run commands in-process. */
export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin: () => Promise<string>;
  /** Resolves when a long-running command (`autopilot sandbox`) should stop: SIGINT or SIGTERM. */
  untilStopped: () => Promise<void>;
  /** Environment variables (tokens); `process.env` when omitted. */
  env?: Record<string, string | undefined>;
}

export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString("utf8");
    },
    untilStopped: () =>
      new Promise<void>((resolve) => {
        process.once("SIGINT", () => resolve());
        process.once("SIGTERM", () => resolve());
      }),
  };
}

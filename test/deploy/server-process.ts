import { createHmac } from "node:crypto";
import { type ChildProcess, spawn } from "node:child_process";
import { request as httpRequest } from "node:http";
import { createServer } from "node:net";
import { resolve } from "node:path";
import type { Sandbox } from "@autopilot/github-sandbox";
import { killedAfterTest, testRunEnvironment } from "../helpers/child-processes.js";

export const projectRoot = resolve(import.meta.dirname, "../..");

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** everything written to stdout so far */
  stdout(): string;
  stderr(): string;
  /** JSON log lines written so far (LOG_FORMAT=json) */
  lines(): Array<Record<string, unknown>>;
  /** resolves with the first log line that matches */
  waitForLine(test: (line: Record<string, unknown>) => boolean, what: string): Promise<Record<string, unknown>>;
  exit: Promise<number | null>;
}

/**
 * Starts a server entry as `npm start` would, with only the environment given (no variable of the
 * test runner leaks in but the suite's leftover marker), and waits until it answers HTTP on its port.
 * The process is killed when the test ends, even when it times out while the server starts.
 */
export async function startServerProcess(options: {
  command: string[];
  cwd?: string;
  env: Record<string, string>;
}): Promise<ServerProcess> {
  const port = await freePort();
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    HOST: "127.0.0.1",
    PORT: String(port),
    ...testRunEnvironment(),
    ...options.env,
  };
  const [command, ...args] = options.command;
  const child = killedAfterTest(
    spawn(command!, args, { cwd: options.cwd ?? projectRoot, env, stdio: ["ignore", "pipe", "pipe"] }),
  );
  let out = "";
  let err = "";
  const waiters: Array<() => void> = [];
  child.stdout!.on("data", (chunk: Buffer) => {
    out += chunk.toString();
    for (const wake of waiters.splice(0)) wake();
  });
  child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const exit = new Promise<number | null>((done) =>
    child.once("exit", (code) => {
      for (const wake of waiters.splice(0)) wake();
      done(code);
    }),
  );
  let exited = false;
  void exit.then(() => (exited = true));
  const lines = () =>
    out.split("\n").flatMap((line) => {
      try {
        return line.startsWith("{") ? [JSON.parse(line) as Record<string, unknown>] : [];
      } catch {
        return []; // a line cut in the middle: it is complete on the next read
      }
    });
  const url = `http://127.0.0.1:${port}`;
  const handle: ServerProcess = {
    child,
    url,
    stdout: () => out,
    stderr: () => err,
    lines,
    exit,
    waitForLine: async (test, what) => {
      for (;;) {
        const found = lines().find(test);
        if (found) return found;
        if (exited) throw new Error(`the server exited before logging ${what}\n--- stdout\n${out}\n--- stderr\n${err}`);
        await new Promise<void>((wake) => waiters.push(wake));
      }
    },
  };
  for (;;) {
    if (exited) throw new Error(`the server exited before answering HTTP\n--- stdout\n${out}\n--- stderr\n${err}`);
    const answered = await fetch(`${url}/`, { redirect: "manual" }).then(
      () => true,
      () => false,
    );
    if (answered) return handle;
    await new Promise((wake) => setTimeout(wake, 100));
  }
}

/** The entry `npm start` runs, from the TypeScript source (tsx), so the test needs no build. */
export const sourceEntry = [process.execPath, "--import", "tsx", "src/main.ts"];

/** The environment `npm start` gets in production for the app the sandbox installed (JSON logs at debug). */
export function productionEnvOf(sandbox: Sandbox, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: "production",
    APP_ID: String(sandbox.appId),
    PRIVATE_KEY: sandbox.credentials.privateKeyPem,
    WEBHOOK_SECRET: sandbox.webhookSecret,
    GHE_HOST: new URL(sandbox.apiUrl).host,
    GHE_PROTOCOL: "http",
    LOG_LEVEL: "debug",
    ...extra,
  };
}

/** The start-up sweep's last call on a settled repository: from then on, work comes from deliveries. */
export const startupSweepDone = (server: ServerProcess): Promise<unknown> =>
  server.waitForLine(
    (line) => line.event === "sweep" && /GET \S+\/repos\/acme\/widgets\/pulls\?.* - 200/.test(String(line.msg)),
    "the start-up sweep",
  );

/** POSTs a delivery of `event` with `body` to the server's webhook path, signed with `secret`, as GitHub would; resolves with the answer's status. */
export async function postDelivery(
  server: ServerProcess,
  delivery: { event: string; id: string; body: string; secret: string },
): Promise<number> {
  const answer = await fetch(`${server.url}/api/github/webhooks`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": delivery.event,
      "x-github-delivery": delivery.id,
      "x-hub-signature-256": `sha256=${createHmac("sha256", delivery.secret).update(delivery.body).digest("hex")}`,
    },
    body: delivery.body,
  });
  return answer.status;
}

/** How a streamed upload ended, as its client saw it. */
export interface StreamedUpload {
  /** the answer's status, when one came (undefined: the server closed the connection without one) */
  status: number | undefined;
  /** bytes handed to the socket before the answer or the close */
  written: number;
  /** whether every byte was written before anything came back */
  finished: boolean;
}

/**
 * POSTs `bytes` spaces to `path` in 64 KiB chunks, with `content-length` announced or chunked, and
 * watches for the answer (or the connection closing) while still writing: `finished` tells whether
 * the server let the whole body in before it answered.
 */
export async function streamUpload(
  server: Pick<ServerProcess, "url">,
  upload: { path: string; headers: Record<string, string>; bytes: number; announceLength: boolean },
): Promise<StreamedUpload> {
  const request = httpRequest(`${server.url}${upload.path}`, {
    method: "POST",
    agent: false,
    headers: { ...upload.headers, ...(upload.announceLength && { "content-length": String(upload.bytes) }) },
  });
  let status: number | undefined;
  let ended = false;
  const answered = new Promise<void>((done) => {
    request.once("response", (response) => {
      status = response.statusCode;
      response.resume();
      done();
    });
    // ECONNRESET / EPIPE: the server closed the connection under the upload
    request.once("error", () => done());
    request.once("close", () => done());
  });
  void answered.then(() => (ended = true));
  const chunk = Buffer.alloc(64 * 1024, " ");
  let written = 0;
  while (written < upload.bytes && !ended) {
    const piece = chunk.subarray(0, Math.min(chunk.length, upload.bytes - written));
    const flushed = request.write(piece);
    written += piece.length;
    if (!flushed) await Promise.race([new Promise((drained) => request.once("drain", drained)), answered]);
  }
  const finished = !ended;
  if (finished) request.end();
  await answered;
  request.destroy();
  return { status, written, finished };
}

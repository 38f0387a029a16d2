import type { ChildProcessByStdio } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import { spawnGit } from "./run-git.js";

export type ObjectType = "blob" | "tree" | "commit" | "tag";

export interface ObjectHeader {
  sha: string;
  type: ObjectType;
  size: number;
}

export interface GitObject extends ObjectHeader {
  content: Buffer;
}

type Mode = "--batch" | "--batch-check";

type Child = ChildProcessByStdio<Writable, Readable, Readable>;

interface Pending {
  resolve(object: GitObject | undefined): void;
  reject(error: Error): void;
}

const objectTypes: readonly string[] = ["blob", "tree", "commit", "tag"];

/** `<sha> <type> <size>`; anything else (`<name> missing`, `ambiguous`) means not found. */
export function parseHeader(line: string): ObjectHeader | undefined {
  const match = /^([0-9a-f]{40}) (\w+) (\d+)$/.exec(line);
  if (match === null || !objectTypes.includes(match[2] ?? "")) return undefined;
  return { sha: match[1] ?? "", type: match[2] as ObjectType, size: Number(match[3]) };
}

/** A name git's batch mode can read: one line, so it cannot smuggle a second request in. */
export const assertBatchName = (name: string): void => {
  if (typeof name !== "string" || name.length === 0 || /[\n\r\0]/.test(name)) {
    throw new Error(`not a valid object name: ${JSON.stringify(name)}`);
  }
};

/**
 * One long-lived `git cat-file --batch` (or `--batch-check`) for one repository: requests are
 * written as lines and git answers them in order, flushing after each, so a read costs a pipe
 * round trip instead of a process. New objects and moved refs are seen: git looks loose objects,
 * packs and refs up again on every request. A child that dies fails the reads it owed and the next
 * read starts a new one; after `close()` every read fails.
 */
class BatchChild {
  readonly #gitDir: string;
  readonly #mode: Mode;
  #child: Child | undefined;
  #closed = false;
  readonly #queue: Pending[] = [];
  /** bytes received and not yet parsed: a header line in the making */
  #pendingBytes: Buffer = Buffer.alloc(0);
  /** the object whose content is arriving, and how much of it (plus its trailing newline) is in */
  #body: { header: ObjectHeader; content: Buffer; filled: number } | undefined;
  #stderr = "";

  constructor(gitDir: string, mode: Mode) {
    this.#gitDir = gitDir;
    this.#mode = mode;
  }

  /** The running child's pid, undefined when none runs (for tests and diagnostics). */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  request(names: readonly string[]): Promise<(GitObject | undefined)[]> {
    if (this.#closed) return Promise.reject(new Error(`git cat-file ${this.#mode} for ${this.#gitDir} is closed`));
    if (names.length === 0) return Promise.resolve([]);
    names.forEach(assertBatchName);
    const child = this.#start();
    const answers = names.map(
      (): Promise<GitObject | undefined> =>
        new Promise((resolve, reject) => {
          this.#queue.push({ resolve, reject });
        }),
    );
    child.stdin.write(`${names.join("\n")}\n`);
    this.#keepAlive(true);
    return Promise.all(answers);
  }

  close(): Promise<void> {
    this.#closed = true;
    return this.#stop(new Error(`git cat-file ${this.#mode} for ${this.#gitDir} was closed with reads pending`));
  }

  #start(): Child {
    if (this.#child !== undefined) return this.#child;
    const child = spawnGit(this.#gitDir, ["cat-file", this.#mode]);
    this.#child = child;
    this.#pendingBytes = Buffer.alloc(0);
    this.#body = undefined;
    this.#stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      if (this.#child === child) this.#receive(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString("utf8")).slice(-2000);
    });
    // a write after the child died fails with EPIPE; the exit below fails the reads instead
    child.stdin.on("error", () => undefined);
    child.on("error", (error) => this.#died(child, `could not run: ${error.message}`));
    child.on("exit", (code, signal) => this.#died(child, `exited (${signal ?? code})`));
    return child;
  }

  #died(child: Child, how: string): void {
    if (this.#child !== child) return;
    this.#child = undefined;
    const detail = this.#stderr.trim();
    this.#failPending(new Error(`git cat-file ${this.#mode} for ${this.#gitDir} ${how}${detail ? `: ${detail}` : ""}`));
  }

  #failPending(error: Error): void {
    for (const pending of this.#queue.splice(0)) pending.reject(error);
  }

  #stop(error: Error): Promise<void> {
    const child = this.#child;
    this.#child = undefined;
    this.#failPending(error);
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once("exit", () => resolve());
      // an idle child is unreferenced: waiting for its exit must keep Node running
      child.ref();
      child.kill("SIGKILL");
    });
  }

  /** An idle child does not keep Node running; one owing answers does. */
  #keepAlive(on: boolean): void {
    const child = this.#child;
    if (child === undefined) return;
    for (const handle of [child, child.stdout, child.stderr, child.stdin] as { ref?(): void; unref?(): void }[]) {
      if (on) handle.ref?.();
      else handle.unref?.();
    }
  }

  #receive(chunk: Buffer): void {
    let data = chunk;
    while (data.length > 0) {
      const body = this.#body;
      if (body !== undefined) {
        // content, then one newline git adds after it; sizes are bytes, so copy bytes
        const wanted = body.header.size + 1 - body.filled;
        const take = Math.min(wanted, data.length);
        const contentRoom = Math.max(0, body.header.size - body.filled);
        data.copy(body.content, body.filled, 0, Math.min(take, contentRoom));
        body.filled += take;
        data = data.subarray(take);
        if (body.filled === body.header.size + 1) {
          this.#body = undefined;
          this.#answer({ ...body.header, content: body.content });
        }
        continue;
      }
      const end = data.indexOf(0x0a);
      if (end < 0) {
        this.#pendingBytes = Buffer.concat([this.#pendingBytes, data]);
        return;
      }
      const line = Buffer.concat([this.#pendingBytes, data.subarray(0, end)]).toString("utf8");
      this.#pendingBytes = Buffer.alloc(0);
      data = data.subarray(end + 1);
      const header = parseHeader(line);
      if (header === undefined || this.#mode === "--batch-check") {
        this.#answer(header === undefined ? undefined : { ...header, content: Buffer.alloc(0) });
      } else {
        this.#body = { header, content: Buffer.allocUnsafe(header.size), filled: 0 };
      }
    }
  }

  #answer(object: GitObject | undefined): void {
    const pending = this.#queue.shift();
    if (pending === undefined) {
      // git said more than it was asked: nothing after this can be trusted to match its request
      void this.#stop(new Error(`git cat-file ${this.#mode} for ${this.#gitDir} answered a read nobody made`));
      return;
    }
    if (this.#queue.length === 0) this.#keepAlive(false);
    pending.resolve(object);
  }
}

/**
 * The object reader of one repository: a persistent `git cat-file --batch` for contents and a
 * `--batch-check` for headers, each started on first use and killed by `close()`.
 */
export class CatFileBatch {
  readonly #contents: BatchChild;
  readonly #headers: BatchChild;

  constructor(gitDir: string) {
    this.#contents = new BatchChild(gitDir, "--batch");
    this.#headers = new BatchChild(gitDir, "--batch-check");
  }

  /** Objects by name (shas, `<sha>^{commit}`, `<commit>:<path>`), in input order; undefined if missing. */
  read(names: readonly string[]): Promise<(GitObject | undefined)[]> {
    return this.#contents.request(names);
  }

  /** Headers only: the sha, type and size each name resolves to, in input order. */
  async stat(names: readonly string[]): Promise<(ObjectHeader | undefined)[]> {
    const found = await this.#headers.request(names);
    return found.map((object) => object && { sha: object.sha, type: object.type, size: object.size });
  }

  /** The pids of the children running now. */
  pids(): number[] {
    return [this.#contents.pid, this.#headers.pid].filter((pid): pid is number => pid !== undefined);
  }

  /** Kills both children; reads still owed fail, later reads fail too. */
  async close(): Promise<void> {
    await Promise.all([this.#contents.close(), this.#headers.close()]);
  }
}

import { execFile, spawn } from "node:child_process";
import type { ChildProcessByStdio } from "node:child_process";
import type { Readable, Writable } from "node:stream";

export interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

export interface RunGitOptions {
  /** written to git's stdin, then stdin is closed */
  input?: Buffer | string;
  /** added to the hermetic environment (GIT_INDEX_FILE for a temporary index) */
  env?: Record<string, string>;
}

/**
 * Nothing from the machine's or user's git configuration may change what the sandbox stores or
 * prints, and nothing from the parent environment (GIT_DIR, GIT_INDEX_FILE, GIT_AUTHOR_*) may leak
 * in. Literal pathspecs keep user paths from being read as globs or magic; replace refs are
 * ignored because a user could create `refs/replace/*` through the refs API and rewrite history.
 */
const hermeticEnv = (): Record<string, string> => ({
  PATH: process.env.PATH ?? "/usr/bin:/bin",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_ATTR_NOSYSTEM: "1",
  GIT_TERMINAL_PROMPT: "0",
  GIT_LITERAL_PATHSPECS: "1",
  GIT_NO_REPLACE_OBJECTS: "1",
  LC_ALL: "C",
});

let started = 0;

/** How many git processes this process has started: the figure the benchmark and tests watch. */
export const gitProcessesStarted = (): number => started;

/** Big enough for the diff of a large pull request; a runaway output still fails instead of eating memory. */
const maxBuffer = 512 * 1024 * 1024;

/**
 * Runs `git --git-dir=<gitDir> <args>` without a shell and resolves with the exit code, so each
 * caller decides which codes are answers (1 from `merge-base --is-ancestor`, from `merge-tree`)
 * rather than failures. Only a failure to start git rejects. `gitDir` null is for the commands
 * that need no repository (`check-ref-format`, `init`).
 */
export function runGit(
  gitDir: string | null,
  args: readonly string[],
  options: RunGitOptions = {},
): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    started += 1;
    const child = execFile(
      "git",
      gitDir === null ? [...args] : [`--git-dir=${gitDir}`, ...args],
      { env: { ...hermeticEnv(), ...options.env }, encoding: "buffer", maxBuffer },
      (error, stdout, stderr) => {
        const stderrText = stderr.toString("utf8");
        if (error === null) {
          resolve({ code: 0, stdout, stderr: stderrText });
          return;
        }
        if (typeof error.code === "number") {
          resolve({ code: error.code, stdout, stderr: stderrText });
          return;
        }
        reject(new Error(`git ${args[0] ?? ""} could not run: ${error.message}`, { cause: error }));
      },
    );
    // git may exit before reading all of stdin (an invalid object name); the exit code reports that.
    child.stdin?.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") reject(error);
    });
    child.stdin?.end(options.input ?? "");
  });
}

/** Starts a long-lived `git --git-dir=<gitDir> <args>` with piped stdio, in the same hermetic environment. */
export function spawnGit(gitDir: string, args: readonly string[]): ChildProcessByStdio<Writable, Readable, Readable> {
  started += 1;
  return spawn("git", [`--git-dir=${gitDir}`, ...args], { env: hermeticEnv(), stdio: ["pipe", "pipe", "pipe"] });
}

/** Runs git and returns stdout; a non-zero exit here is a bug or a broken repository. */
export async function gitOutput(
  gitDir: string | null,
  args: readonly string[],
  options: RunGitOptions = {},
): Promise<Buffer> {
  const result = await runGit(gitDir, args, options);
  if (result.code !== 0) throw gitFailure(args, result);
  return result.stdout;
}

export const gitFailure = (args: readonly string[], result: GitResult): Error =>
  new Error(`git ${args.join(" ")} exited with ${result.code}: ${result.stderr.trim()}`);

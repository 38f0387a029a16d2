import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { main } from "../../src/cli/main.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process in `cwd`, capturing what a terminal would show. */
export async function runCli(
  args: string[],
  cwd: string,
  stdin = "",
  untilStopped: () => Promise<void> = () => Promise.resolve(),
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    cwd,
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stdin: async () => stdin,
    untilStopped,
  });
  return { code, stdout, stderr };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "autopilot-cli-"));
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

export function gitIn(root: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd: root,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "Test",
      GIT_AUTHOR_EMAIL: "test@example.com",
      GIT_COMMITTER_NAME: "Test",
      GIT_COMMITTER_EMAIL: "test@example.com",
      GIT_CONFIG_NOSYSTEM: "1",
      HOME: root,
    },
  });
}

/** A fresh git repository on branch `main` with the given files in a first commit. */
export function gitRepo(files: Record<string, string>): string {
  const root = tempDir();
  gitIn(root, "init", "-q", "-b", "main");
  writeFiles(root, files);
  gitIn(root, "add", "-A");
  gitIn(root, "commit", "-q", "-m", "initial");
  return root;
}

export function commit(root: string, files: Record<string, string>, message: string): void {
  writeFiles(root, files);
  gitIn(root, "add", "-A");
  gitIn(root, "commit", "-q", "-m", message);
}

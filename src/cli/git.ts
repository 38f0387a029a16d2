import { execFileSync } from "node:child_process";
import type { ChangedFile, ChangedFileStatus } from "../core/changed-file.js";

import { GitError } from "./git-error.js";

export { GitError };

export function git(args: string[], cwd: string): string {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new GitError(`git ${args.join(" ")} failed: ${stderr || (error as Error).message}`);
  }
}

/** The contents of `path` at `rev`, or undefined when the file does not exist there. */
export function gitShow(rev: string, path: string, cwd: string): string | undefined {
  try {
    return execFileSync("git", ["show", `${rev}:${path}`], {
      cwd,
      encoding: "utf8",
      maxBuffer: 1 << 30,
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? "";
    if (/does not exist|exists on disk, but not in|bad revision|invalid object name/i.test(stderr)) return undefined;
    throw new GitError(`git show ${rev}:${path} failed: ${stderr.trim()}`);
  }
}

const statusByLetter: Record<string, ChangedFileStatus> = {
  A: "added",
  M: "modified",
  D: "removed",
  R: "renamed",
  C: "copied",
  T: "changed",
};

/**
 * The files of `base...HEAD` (changes since the merge base, as a PR shows them), shaped like
 * GitHub's compare API `files[]` so the gates see the same data the app gets.
 */
export function changedFiles(base: string, cwd: string): ChangedFile[] {
  const range = `${base}...HEAD`;
  const nameStatus = git(["diff", "--no-color", "--find-renames", "--name-status", "-z", range], cwd).split("\0");
  const numstat = git(["diff", "--no-color", "--find-renames", "--numstat", "-z", range], cwd).split("\0");

  const counts = new Map<string, { additions: number; deletions: number; binary: boolean }>();
  for (let i = 0; i < numstat.length; i++) {
    const entry = numstat[i];
    if (!entry) continue;
    const [add = "0", del = "0", path = ""] = entry.split("\t");
    // for renames git writes an empty path, then the old and the new path as separate fields
    const file = path === "" ? numstat[(i += 2)] : path;
    if (file === undefined) break;
    counts.set(file, {
      additions: add === "-" ? 0 : Number(add),
      deletions: del === "-" ? 0 : Number(del),
      binary: add === "-",
    });
  }

  const files: ChangedFile[] = [];
  for (let i = 0; i < nameStatus.length; i++) {
    const letter = nameStatus[i];
    if (!letter) continue;
    const status = statusByLetter[letter[0] ?? ""] ?? "modified";
    if (status === "renamed" || status === "copied") {
      const previous = nameStatus[++i] ?? "";
      const filename = nameStatus[++i] ?? "";
      files.push({ filename, previous_filename: previous, status, ...countsFor(counts, filename) });
    } else {
      const filename = nameStatus[++i] ?? "";
      files.push({ filename, status, ...countsFor(counts, filename) });
    }
  }
  return files;
}

function countsFor(counts: Map<string, { additions: number; deletions: number; binary: boolean }>, file: string) {
  const c = counts.get(file) ?? { additions: 0, deletions: 0, binary: false };
  return c.binary ? { additions: 0, deletions: 0, binary: true } : { additions: c.additions, deletions: c.deletions };
}

export function unifiedDiff(base: string, cwd: string): string {
  return git(["diff", "--no-color", "--find-renames", "--no-ext-diff", `${base}...HEAD`], cwd);
}

export function commitsSince(base: string, cwd: string): { sha: string; message: string }[] {
  const out = git(["log", "--format=%H%x00%B%x00%x01", `${base}..HEAD`], cwd);
  return out
    .split("\x01")
    .map((chunk) => chunk.replace(/^\n/, ""))
    .filter((chunk) => chunk.includes("\0"))
    .map((chunk) => {
      const [sha = "", message = ""] = chunk.split("\0");
      return { sha, message: message.replace(/\n+$/, "\n") };
    })
    .reverse();
}

export function treeFiles(rev: string, cwd: string): string[] {
  return git(["ls-tree", "-r", "-z", "--name-only", rev], cwd).split("\0").filter(Boolean);
}

export function currentBranch(cwd: string): string | undefined {
  const name = git(["rev-parse", "--abbrev-ref", "HEAD"], cwd).trim();
  return name === "HEAD" ? undefined : name;
}

export function repoRoot(cwd: string): string | undefined {
  try {
    return execFileSync("git", ["rev-parse", "--show-toplevel"], {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    }).trim();
  } catch (error) {
    if ((error as { status?: number }).status === 128) return undefined; // not a git repository
    throw error;
  }
}

/** Tracked plus untracked-but-not-ignored files below `dir`, relative to `dir`. */
export function listWorkTreeFiles(dir: string): string[] {
  return git(["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--deduplicate"], dir)
    .split("\0")
    .filter(Boolean);
}

import { readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { listWorkTreeFiles, repoRoot } from "./git.js";

const skippedDirs = new Set([".git", "node_modules"]);

const toPosix = (p: string) => p.split(sep).join("/");

/**
 * The files below `dir`, as paths relative to `cwd`. Inside a git work tree the listing is git's
 * (tracked plus untracked, minus .gitignore'd), so build output and local corpora are not
 * scanned; `all` walks the file system instead. `.git` and `node_modules` are always skipped.
 */
export function walkFiles(dir: string, cwd: string, options: { all?: boolean } = {}): string[] {
  const inGit = !options.all && repoRoot(dir) !== undefined;
  const files = inGit ? listWorkTreeFiles(dir).map((f) => join(dir, f)) : walkDir(dir);
  return files
    .filter((f) => !f.split(/[\\/]/).some((part) => skippedDirs.has(part)))
    .map((f) => toPosix(relative(cwd, f)) || ".")
    .sort();
}

function walkDir(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skippedDirs.has(entry.name)) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walkDir(full));
    else if (entry.isFile()) out.push(full);
    else if (entry.isSymbolicLink() && statSync(full, { throwIfNoEntry: false })?.isFile()) out.push(full);
  }
  return out;
}

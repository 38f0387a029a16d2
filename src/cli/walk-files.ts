import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { listWorkTreeFiles, repoRoot } from "./git.js";

const skippedDirs = new Set([".git", "node_modules"]);

const toPosix = (p: string) => (sep === "/" ? p : p.split(sep).join("/"));

/**
 * The files below `dir`, as paths relative to `cwd`. Inside a git work tree the listing is git's
 * (tracked plus untracked, minus .gitignore'd), so build output and local corpora are not
 * scanned; `all` walks the file system instead. `.git` and `node_modules` are always skipped.
 * A symbolic link is listed as the file git makes of it (its link text, which the reader scans),
 * never followed: a link to a directory is not walked into, a link to a device not opened.
 * Devices, FIFOs and sockets are not listed by the walk; git does not list them either.
 */
export function walkFiles(dir: string, cwd: string, options: { all?: boolean } = {}): string[] {
  const inGit = !options.all && repoRoot(dir) !== undefined;
  if (!inGit) {
    // the walk builds each path relative to `cwd` as it goes: no `relative` per file
    const out: string[] = [];
    walkDir(dir, toPosix(relative(cwd, dir)), out);
    return out.sort();
  }
  return listWorkTreeFiles(dir)
    .map((f) => join(dir, f))
    .filter((f) => !f.split(/[\\/]/).some((part) => skippedDirs.has(part)))
    .map((f) => toPosix(relative(cwd, f)) || ".")
    .sort();
}

/**
 * Files and symbolic links below `dir` (absolute), pushed as `shown` (its path relative to the
 * working directory) plus their names. The entry's type is lstat's (readdir's d_type): no link is
 * followed, whatever it points to.
 */
function walkDir(dir: string, shown: string, out: string[]): void {
  const prefix = shown === "" ? "" : `${shown}/`;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skippedDirs.has(entry.name)) continue;
    if (entry.isDirectory()) walkDir(join(dir, entry.name), prefix + entry.name, out);
    else if (entry.isFile() || entry.isSymbolicLink()) out.push(prefix + entry.name);
  }
}

/**
 * A corpus of real third-party source, chosen at bench time from the project's own
 * `node_modules` (never copied into the repository): the `.js`, `.mjs`, `.cjs` and `.ts` files,
 * in sorted path order, each content once (nested copies of one package count once), until
 * `targetBytes` is reached. The same installation gives the same files on every run.
 */
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, realpathSync, statSync, type Dirent } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CODE = /\.(?:js|mjs|cjs|ts)$/;
export const REAL_CODE_TARGET_BYTES = 100_000_000;

export interface RealCodeFile {
  /** path relative to the project root, e.g. `node_modules/ajv/dist/core.js` */
  path: string;
  bytes: number;
}

export interface RealCodeCorpus {
  files: RealCodeFile[];
  bytes: number;
}

interface Walk {
  bytes: number;
  seen: Set<string>;
}

function collect(dir: string, out: RealCodeFile[], state: Walk, target: number): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const entry of entries) {
    if (state.bytes >= target) return;
    if (entry.name === ".bin" || entry.name === ".cache") continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() || isLinkedPackage(entry, full)) collect(full, out, state, target);
    else if (entry.isFile() && CODE.test(entry.name)) {
      const content = readFileSync(full);
      const digest = createHash("sha1").update(content).digest("hex");
      if (content.length === 0 || state.seen.has(digest)) continue;
      state.seen.add(digest);
      out.push({ path: path.relative(repoRoot, full).split(path.sep).join("/"), bytes: content.length });
      state.bytes += content.length;
    }
  }
}

/**
 * A symbolic link to a directory outside this repository: a git worktree's `node_modules` links
 * each package to the main checkout's. Links into the repository (`file:` packages of our own)
 * are not third-party code and are left out, as a real `node_modules` of the main checkout has them.
 */
function isLinkedPackage(entry: Dirent, full: string): boolean {
  if (!entry.isSymbolicLink()) return false;
  const target = realpathSync(full);
  return statSync(target).isDirectory() && path.relative(repoRoot, target).startsWith("..");
}

/** Source files of `node_modules`, sorted by path, until their sizes add up to `targetBytes`. */
export function selectRealCode(targetBytes = REAL_CODE_TARGET_BYTES): RealCodeCorpus {
  const files: RealCodeFile[] = [];
  const state: Walk = { bytes: 0, seen: new Set() };
  collect(path.join(repoRoot, "node_modules"), files, state, targetBytes);
  return { files, bytes: state.bytes };
}

/**
 * The corpus copied below `dir` (a temporary directory), so that a scanner can be pointed at one
 * directory; `node_modules` path parts are renamed `nm` since scanners skip such directories.
 */
export function copyRealCode(corpus: RealCodeCorpus, dir: string): void {
  for (const file of corpus.files) {
    const target = path.join(dir, ...file.path.split("/").map((part) => (part === "node_modules" ? "nm" : part)));
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(path.join(repoRoot, file.path), target);
  }
}

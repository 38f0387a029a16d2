// no module of scope at run time: the path compiler (minimatch) is handed in, so that a scan
// whose allowlist has no paths (every `autopilot scan FILE` of a repository without them) does
// not load it; compile-scan-options.ts hands in scope's own
import type { PathMatcher } from "../scope/compile-patterns.js";
import type { ScanOptions } from "./secret-finding.js";

export interface CompiledScanOptions {
  /** the allowlisted paths, with the same pattern semantics as task scopes (docs/scope-patterns.md) */
  paths: PathMatcher | undefined;
  regexes: RegExp[];
  fingerprints: Set<string>;
  /** lines carrying `autopilot:allow-secret` are skipped */
  honourPragma: boolean;
}

const NO_ALLOWLIST: CompiledScanOptions = {
  paths: undefined,
  regexes: [],
  fingerprints: new Set(),
  honourPragma: true,
};

/** What compiles the allowlisted paths: scope's `compilePatterns`. */
export type CompilePaths = (patterns: readonly string[]) => PathMatcher;

/**
 * Globs and regexes compiled once per scan call, not once per file or finding; the paths by
 * `compilePaths`, which only an allowlist with paths needs.
 */
export function compileScanOptionsWith(
  options: ScanOptions | undefined,
  compilePaths: CompilePaths | undefined,
): CompiledScanOptions {
  const allowlist = options?.allowlist;
  const honourPragma = options?.honourPragma ?? true;
  if (!allowlist) return honourPragma ? NO_ALLOWLIST : { ...NO_ALLOWLIST, honourPragma };
  let paths: PathMatcher | undefined;
  if (allowlist.paths?.length) {
    if (!compilePaths) throw new Error("autopilot secrets: an allowlist with paths needs a path compiler");
    paths = compilePaths(allowlist.paths);
  }
  return {
    paths,
    regexes: (allowlist.regexes ?? []).map((source) => {
      try {
        return new RegExp(source);
      } catch (error) {
        throw new Error(
          `autopilot secrets: allowlist regex ${JSON.stringify(source)} is invalid: ${(error as Error).message}`,
        );
      }
    }),
    fingerprints: new Set(allowlist.fingerprints ?? []),
    honourPragma,
  };
}

export function isPathAllowlisted(file: string, compiled: CompiledScanOptions): boolean {
  if (!compiled.paths) return false;
  const normalized = file.replace(/\\/g, "/").replace(/^\.\//, "");
  return compiled.paths.matches(normalized);
}

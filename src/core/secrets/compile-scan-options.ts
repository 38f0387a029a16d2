// the one module of scope it uses, not scope's index: a scan does not load the scope gate
import { compilePatterns, type PathMatcher } from "../scope/compile-patterns.js";
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

/** Globs and regexes compiled once per scan call, not once per file or finding. */
export function compileScanOptions(options: ScanOptions | undefined): CompiledScanOptions {
  const allowlist = options?.allowlist;
  const honourPragma = options?.honourPragma ?? true;
  if (!allowlist) return honourPragma ? NO_ALLOWLIST : { ...NO_ALLOWLIST, honourPragma };
  return {
    paths: allowlist.paths?.length ? compilePatterns(allowlist.paths) : undefined,
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

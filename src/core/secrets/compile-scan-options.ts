import { Minimatch } from "minimatch";
import type { ScanOptions } from "./secret-finding.js";

export interface CompiledScanOptions {
  paths: Minimatch[];
  regexes: RegExp[];
  fingerprints: Set<string>;
}

const NO_ALLOWLIST: CompiledScanOptions = { paths: [], regexes: [], fingerprints: new Set() };

/** Globs and regexes compiled once per scan call, not once per file or finding. */
export function compileScanOptions(options: ScanOptions | undefined): CompiledScanOptions {
  const allowlist = options?.allowlist;
  if (!allowlist) return NO_ALLOWLIST;
  return {
    paths: (allowlist.paths ?? []).map((glob) => new Minimatch(glob, { dot: true })),
    regexes: (allowlist.regexes ?? []).map((source) => {
      try {
        return new RegExp(source);
      } catch (error) {
        throw new Error(`autopilot secrets: allowlist regex ${JSON.stringify(source)} is invalid: ${(error as Error).message}`);
      }
    }),
    fingerprints: new Set(allowlist.fingerprints ?? []),
  };
}

export function isPathAllowlisted(file: string, compiled: CompiledScanOptions): boolean {
  if (compiled.paths.length === 0) return false;
  const normalized = file.replace(/\\/g, "/").replace(/^\.\//, "");
  return compiled.paths.some((glob) => glob.match(normalized));
}

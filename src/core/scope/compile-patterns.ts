import { compileGlob, type GlobMatcher } from "./compile-glob.js";
import { parsePatternOrThrow, scopeMatchOptions, type ParsedPattern } from "./normalize-pattern.js";

export interface PathMatcher {
  /** true when the last pattern that matches `path` is a positive one (gitignore-like order) */
  matches(path: string): boolean;
  /** the patterns as given (trimmed), in order */
  patterns: readonly string[];
}

export interface CompiledPattern extends ParsedPattern {
  matchers: readonly GlobMatcher[];
}

/** What compilePatterns returns: a PathMatcher that can also say which pattern decided. */
export interface CompiledPatterns extends PathMatcher {
  entries: readonly CompiledPattern[];
  /** the user pattern that made `path` match, or undefined when it does not match */
  matchedBy(path: string): string | undefined;
}

/**
 * Compiles a pattern list in which later entries win: a path matches when the last pattern
 * that matches it is not negated. Throws ScopePatternError for an unusable pattern.
 */
export function compilePatterns(patterns: readonly string[]): CompiledPatterns {
  const entries: CompiledPattern[] = patterns.map((pattern) => {
    const parsed = parsePatternOrThrow(pattern);
    return {
      ...parsed,
      matchers: parsed.globs.map((glob) => compileGlob(glob, scopeMatchOptions)),
    };
  });
  const decidingEntry = (path: string): CompiledPattern | undefined => {
    for (let index = entries.length - 1; index >= 0; index--) {
      const entry = entries[index];
      if (entry?.matchers.some((matches) => matches(path))) return entry;
    }
    return undefined;
  };
  return {
    patterns: entries.map((entry) => entry.source),
    entries,
    matches: (path) => decidingEntry(path)?.negated === false,
    matchedBy: (path) => {
      const entry = decidingEntry(path);
      return entry && !entry.negated ? entry.source : undefined;
    },
  };
}

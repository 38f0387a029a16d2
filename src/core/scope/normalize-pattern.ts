import { braceExpand, type MinimatchOptions } from "minimatch";
import { segmentLiteral } from "./compile-glob.js";

/**
 * Options every scope glob is compiled with. Negation and brace expansion are handled by
 * normalizePattern/compilePatterns, so minimatch must not apply them a second time; `#` is a
 * file-name character here, not a comment; extglobs are refused by parsePattern (their matching
 * time can be exponential) and never interpreted should one get past it; the platform is pinned
 * so that a CLI run on Windows matches exactly like the app does.
 */
export const scopeMatchOptions: Readonly<MinimatchOptions> = Object.freeze({
  dot: true,
  nocase: false,
  nobrace: true,
  nocomment: true,
  nonegate: true,
  noext: true,
  platform: "linux",
});

/** A pattern with braces could otherwise expand to millions of globs (`{1..999999}`). */
const maxExpansions = 256;
/** Scope patterns are short paths; the bound keeps parsing and matching cheap whatever is written. */
const maxPatternLength = 1024;
/**
 * Matching costs at most (glob length × path length) per glob, and the path is the change's to
 * choose: the globs a pattern expands to may hold this many characters together.
 */
const maxExpandedLength = 16_384;
/** `+(`, `*(`, `?(`, `@(`, `!(`: minimatch's extglobs, whose matching can take exponential time. */
const EXTGLOB = /[+*?@!]\(/;

export class ScopePatternError extends Error {
  readonly pattern: string;
  readonly problem: string;

  constructor(pattern: string, problem: string) {
    super(`autopilot: scope pattern ${JSON.stringify(pattern)} ${problem}`);
    this.name = "ScopePatternError";
    this.pattern = pattern;
    this.problem = problem;
  }
}

/** A user pattern after normalization: minimatch globs, and whether it re-includes or excludes. */
export interface ParsedPattern {
  /** the pattern as the user wrote it, trimmed */
  source: string;
  negated: boolean;
  /** minimatch globs (without the `!`); a path matches the pattern when it matches any of them */
  globs: string[];
}

export type ParseOutcome = { ok: true; pattern: ParsedPattern } | { ok: false; problem: string };

/**
 * Why a pattern cannot be used, in words that say how to fix it, or undefined when it is fine.
 * Lets a spec parser reject a bad pattern up front instead of failing later in the gate.
 */
export function findPatternProblem(pattern: string): string | undefined {
  const outcome = parsePattern(pattern);
  return outcome.ok ? undefined : outcome.problem;
}

/** parsePattern, throwing a ScopePatternError for an unusable pattern. */
export function parsePatternOrThrow(pattern: string): ParsedPattern {
  const outcome = parsePattern(pattern);
  if (!outcome.ok) throw new ScopePatternError(pattern, outcome.problem);
  return outcome.pattern;
}

/**
 * Turns one user pattern into the minimatch globs that give it the documented meaning
 * (docs/scope-patterns.md). A negated pattern `!x` yields the globs of `x`, each prefixed with `!`.
 * Throws ScopePatternError for patterns that cannot be used (see findPatternProblem).
 */
export function normalizePattern(pattern: string): string[] {
  const parsed = parsePatternOrThrow(pattern);
  return parsed.negated ? parsed.globs.map((glob) => `!${glob}`) : parsed.globs;
}

export function parsePattern(pattern: string): ParseOutcome {
  const source = pattern.trim();
  if (source === "") return fail("is empty");
  if (/[\u0000-\u001f\u007f]/.test(source)) {
    return fail("contains a control character (a newline or tab); write one path glob per entry");
  }
  if (source.length > maxPatternLength)
    return fail(`is ${source.length} characters long (at most ${maxPatternLength})`);
  if (source.includes("\\")) {
    return fail(
      "contains a backslash: write paths with forward slashes as git does (`src/widgets/**`), " +
        "and match a literal `*`, `?` or `[` with a class such as `[*]`",
    );
  }
  const negated = source.startsWith("!");
  const body = negated ? source.slice(1) : source;
  if (body === "") return fail("negates nothing: write the path after the `!`");
  if (body.startsWith("!")) {
    return fail(
      "starts with `!!`: a single `!` negates; to match a name that starts with `!`, " + "write `/!name` or `**/!name`",
    );
  }

  const extglob = EXTGLOB.exec(body);
  if (extglob) {
    return fail(
      `uses the extglob \`${extglob[0]}…)\`, which is not supported (matching it can take exponential time): ` +
        "list the alternatives as separate patterns or in braces (`src/{a,b}.ts`), and write a literal " +
        `\`(\` after \`${extglob[0].charAt(0)}\` as \`[(]\``,
    );
  }
  const bound = braceExpansionBound(body);
  if (bound > maxExpansions) {
    const size = Number.isFinite(bound) && bound < 1e9 ? `${bound}` : "more than a billion";
    return fail(`expands to ${size} patterns (at most ${maxExpansions}); use a wildcard instead`);
  }

  // Any slash, even a trailing one, ties the pattern to the repository root (see the docs for
  // why `dir/` differs from .gitignore here).
  const rooted = body.includes("/");
  const expansions = braceExpand(body, { ...scopeMatchOptions, nobrace: false });
  if (expansions.length > maxExpansions) {
    return fail(`expands to ${expansions.length} patterns (at most ${maxExpansions}); use a wildcard instead`);
  }

  const expandedLength = expansions.reduce((total, expansion) => total + expansion.length, 0);
  if (expandedLength > maxExpandedLength) {
    return fail(
      `expands to globs of ${expandedLength} characters in all (at most ${maxExpandedLength}); use fewer braces or a shorter glob`,
    );
  }

  const globs: string[] = [];
  for (const expansion of expansions) {
    const segments = expansion.split("/").filter((segment) => segment !== "" && segment !== ".");
    if (segments.includes("..")) {
      return fail("contains `..`: patterns are relative to the repository root and cannot leave it");
    }
    for (const glob of globsFor(segments, rooted, expansion.endsWith("/"))) {
      if (!globs.includes(glob)) globs.push(glob);
    }
  }
  return { ok: true, pattern: { source, negated, globs } };
}

const RANGE = /^(-?\d+|[A-Za-z])\.\.(-?\d+|[A-Za-z])(?:\.\.(-?\d+))?$/;

/**
 * An upper bound of how many globs braces expand to, computed without expanding them: the product
 * over every brace group of its alternatives (or the length of its `{a..b}` range). Nested
 * groups are counted as if they were side by side, which can only overestimate.
 */
export function braceExpansionBound(pattern: string): number {
  let bound = 1;
  const open: Array<{ at: number; commas: number; nested: boolean }> = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "{") {
      const parent = open[open.length - 1];
      if (parent) parent.nested = true;
      open.push({ at: i, commas: 0, nested: false });
    } else if (ch === "," && open.length > 0) {
      open[open.length - 1]!.commas++;
    } else if (ch === "}" && open.length > 0) {
      const group = open.pop()!;
      bound *= group.commas > 0 ? group.commas + 1 : group.nested ? 1 : rangeLength(pattern.slice(group.at + 1, i));
      if (bound > 1e12) return Infinity;
    }
  }
  return bound;
}

function rangeLength(body: string): number {
  const range = RANGE.exec(body);
  if (!range) return 1;
  const [from, to] = [range[1]!, range[2]!].map((end) => (/\d/.test(end) ? Number(end) : end.charCodeAt(0)));
  const step = Math.max(1, Math.abs(Number(range[3] ?? 1)));
  return Math.floor(Math.abs(to! - from!) / step) + 1;
}

function globsFor(segments: string[], rooted: boolean, directoryOnly: boolean): string[] {
  // `/`, `./` and `.` name the repository root, which holds everything.
  if (segments.length === 0) return ["**"];
  const anchored = rooted || segments[0] === "**" ? segments : ["**", ...segments];
  const glob = anchored.join("/");
  const last = anchored[anchored.length - 1] ?? "**";
  if (last === "**") return [glob];
  if (directoryOnly) return [`${glob}/**`];
  // A plain name may be a file or a directory; like .gitignore, a directory brings its contents.
  // A wildcard in the last segment keeps minimatch's meaning: `*` never crosses a `/`.
  if (!isMagicSegment(last)) return [glob, `${glob}/**`];
  return [glob];
}

// Scopes repeat the same few segments; the bound keeps a long-running app from growing it forever.
const magicCache = new Map<string, boolean>();
const magicCacheLimit = 4096;

/** True when a single path segment glob contains a wildcard, class or extglob. */
export function isMagicSegment(segment: string): boolean {
  let magic = magicCache.get(segment);
  if (magic === undefined) {
    magic = segmentLiteral(segment, scopeMatchOptions) === undefined;
    if (magicCache.size >= magicCacheLimit) magicCache.clear();
    magicCache.set(segment, magic);
  }
  return magic;
}

function fail(problem: string): ParseOutcome {
  return { ok: false, problem };
}

import type { MinimatchOptions } from "minimatch";
import { compileGlob } from "../scope/compile-glob.js";

/**
 * minimatch options for CODEOWNERS globs: dot files match like any other (gitignore has no
 * hidden files), no braces, extglobs, negation or comments (CODEOWNERS has none of them), and a
 * pinned platform so a run on Windows matches as the app does.
 */
const options: Readonly<MinimatchOptions> = Object.freeze({
  dot: true,
  nobrace: true,
  noext: true,
  nonegate: true,
  nocomment: true,
  nocase: false,
  platform: "linux",
});

/** What GitHub refuses in a CODEOWNERS pattern (the line is skipped), in words that say what to do. */
export function codeownersPatternProblem(pattern: string): string | undefined {
  if (pattern.startsWith("!"))
    return "negation (`!`) does not work in CODEOWNERS; give the files an empty owner list on a later line instead";
  if (/[[\]]/.test(pattern)) return "character ranges (`[ ]`) do not work in CODEOWNERS; list the paths one per line";
  if (pattern.startsWith("\\#")) return "escaping `#` with `\\` does not work in CODEOWNERS";
  if (pattern.includes("\\")) return "backslashes do not work in CODEOWNERS patterns; paths use `/`";
  if (/^\/+$/.test(pattern)) return "a pattern of only `/` matches nothing; use `*` for every file";
  return undefined;
}

/**
 * The minimatch globs that give a CODEOWNERS pattern GitHub's gitignore-like meaning:
 * - a leading `/`, or a `/` anywhere but at the end, anchors it at the repository root;
 *   otherwise it matches at any depth (`*.js`, `logs`, `apps/`);
 * - a trailing `/` matches a directory only (everything under it), never a file of that name;
 * - a pattern naming a directory owns everything under it (`docs` → `docs/**`), except when its
 *   last segment has a `*`: GitHub documents that `docs/*` owns `docs/getting-started.md` but
 *   not `docs/build-app/troubleshooting.md` (plain gitignore would own both);
 * - `*` and `?` stay within one path segment, `**` spans segments.
 */
export function codeownersGlobs(pattern: string): string[] {
  const directoryOnly = pattern.endsWith("/");
  const trimmed = pattern.replace(/\/+$/, "");
  const anchored = trimmed.startsWith("/") || trimmed.includes("/");
  const body = trimmed.replace(/^\/+/, "");
  const base = anchored || body.startsWith("**/") ? body : `**/${body}`;
  const under = base.endsWith("/**") ? base : `${base}/**`;
  if (directoryOnly) return [under];
  const last = base.slice(base.lastIndexOf("/") + 1);
  return last.includes("*") ? [base] : [...new Set([base, under])];
}

/** A compiled pattern: true when `path` (relative to the root, `/`-separated) is owned by it. */
export function compileCodeownersPattern(pattern: string): (path: string) => boolean {
  // compileGlob rather than minimatch: paths come from the change, and its cost stays bounded
  const matchers = codeownersGlobs(pattern).map((glob) => compileGlob(glob, options));
  return (path) => {
    const relative = path.replace(/^\/+/, "");
    return matchers.some((matches) => matches(relative));
  };
}

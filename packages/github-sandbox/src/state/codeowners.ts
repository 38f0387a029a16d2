import ignore from "ignore";

/** Where GitHub looks for CODEOWNERS on the base branch, in order; the first file found is used. */
export const codeownersPaths = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"] as const;

/** One usable line of a CODEOWNERS file. */
export interface CodeownersLine {
  pattern: string;
  /** as written: `@login`, `@org/team` or an email address; empty means "no owner" */
  owners: string[];
  matches(path: string): boolean;
}

const ownerToken = /^(@[A-Za-z0-9][A-Za-z0-9-]*(\[bot\])?(\/[A-Za-z0-9_.-]+)?|[^@\s]+@[^@\s]+\.[^@\s]+)$/;

/**
 * gitignore's meaning (the `ignore` package), as GitHub documents CODEOWNERS: a pattern without a
 * `/` but at its end matches at any depth, a leading or inner `/` anchors it at the root, a
 * directory owns what is under it. One exception GitHub documents: when the last segment has a
 * `*`, the pattern owns matching files only, not what sits in matching directories (`docs/*`
 * owns `docs/a.md`, not `docs/build/b.md`).
 */
function compile(pattern: string): (path: string) => boolean {
  const matcher = ignore({ ignorecase: false }).add(pattern);
  const trimmed = pattern.replace(/\/+$/, "");
  const last = trimmed.slice(trimmed.lastIndexOf("/") + 1);
  if (pattern.endsWith("/") || !last.includes("*")) return (path) => matcher.ignores(path);
  const lastMatcher = ignore({ ignorecase: false }).add(last);
  const body = trimmed.replace(/^\/+/, "");
  const anchored = trimmed.includes("/");
  const segments = body.split("/").length;
  return (path) => {
    const parts = path.split("/");
    if (!matcher.ignores(path) || !lastMatcher.ignores(parts.at(-1) ?? "")) return false;
    return !anchored || body.includes("**") || parts.length === segments;
  };
}

/**
 * The lines GitHub uses: `pattern owner…`, `#` comments, blank lines skipped. Lines GitHub
 * reports as errors on the file and ignores (negation, `[ ]` ranges, an owner that is neither
 * `@user`, `@org/team` nor an email address) are left out.
 */
export function parseCodeowners(text: string): CodeownersLine[] {
  const lines: CodeownersLine[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const words = raw
      .trim()
      .split(/\s+/)
      .filter((word) => word !== "");
    const comment = words.findIndex((word) => word.startsWith("#"));
    const [pattern, ...owners] = comment === -1 ? words : words.slice(0, comment);
    if (pattern === undefined || pattern.startsWith("!") || /[[\]\\]/.test(pattern)) continue;
    if (!owners.every((owner) => ownerToken.test(owner))) continue;
    lines.push({ pattern, owners, matches: compile(pattern) });
  }
  return lines;
}

/** The owners of `path`: those of the last matching line (none when no line matches). */
export function codeOwnersOf(lines: readonly CodeownersLine[], path: string): string[] {
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    const line = lines[index];
    if (line?.matches(path)) return line.owners;
  }
  return [];
}

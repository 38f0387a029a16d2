import { taskIdFor } from "./task-spec.js";

/** Latin letters that Unicode does not decompose into ASCII. */
const foldedLetters: Record<string, string> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  ł: "l",
  đ: "d",
  ð: "d",
  þ: "th",
  ı: "i",
};

/** Longest slug; keeps branch names readable in the GitHub UI. */
export const maxSlugLength = 40;

/**
 * The title as a branch-safe slug: ASCII lower case (accents folded), every other run of
 * characters one `-`, no `-` at either end, at most 40 characters (cut at a word boundary when
 * one is near), and `task` when nothing is left (an all-emoji or all-CJK title).
 */
export function taskSlug(title: string): string {
  const ascii = title
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (letter) => foldedLetters[letter] ?? letter);
  let slug = ascii.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  if (slug.length > maxSlugLength) {
    const head = slug.slice(0, maxSlugLength);
    const wordEnd = slug[maxSlugLength] === "-" ? maxSlugLength : head.lastIndexOf("-");
    slug = (wordEnd >= maxSlugLength / 2 ? head.slice(0, wordEnd) : head).replace(/-+$/, "");
  }
  return slug === "" ? "task" : slug;
}

/**
 * `autopilot/` + 12 + "Add paginated widgets" → `autopilot/T-12-add-paginated-widgets`.
 * The prefix is used verbatim, as `branch_prefix` in `.github/autopilot.yml` documents
 * (`<branch_prefix>T-<n>-<slug>`), so it carries its own separator.
 */
export function taskBranchName(prefix: string, issue: number, title: string): string {
  if (!Number.isSafeInteger(issue) || issue < 1) {
    throw new RangeError(`taskBranchName: the issue number must be a positive integer, got ${issue}`);
  }
  return `${prefix}${taskIdFor(issue)}-${taskSlug(title)}`;
}

/** `T-12` from `autopilot/T-12-add-widgets` (with `prefix` the configured `branch_prefix`), or undefined. */
export function taskIdFromBranch(prefix: string, branch: string): string | undefined {
  if (!branch.startsWith(prefix)) return undefined;
  const match = /^T-([1-9]\d*)(?:-|$)/.exec(branch.slice(prefix.length));
  return match ? `T-${match[1]}` : undefined;
}

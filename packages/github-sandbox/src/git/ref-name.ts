import { runGit } from "./run-git.js";

/** `heads/main`, `refs/heads/main` → `refs/heads/main`; the refs API takes both spellings. */
export const fullRefName = (ref: string): string => `refs/${ref.replace(/^refs\//, "")}`;

/** `refs/heads/main` → `heads/main`, the spelling GitHub's ref paths use. */
export const shortRefName = (ref: string): string => ref.replace(/^refs\//, "");

// check-ref-format is git's own definition of a valid name; its answer for a name never changes,
// so each name costs one process at most while it stays in this bounded cache.
const validity = new Map<string, boolean>();
const cacheLimit = 10_000;

/** Whether git accepts the full ref name (`refs/...`) for a ref. */
export async function isValidRefName(fullName: string): Promise<boolean> {
  if (typeof fullName !== "string" || !fullName.startsWith("refs/") || /[\0\n\r]/.test(fullName)) return false;
  const known = validity.get(fullName);
  if (known !== undefined) return known;
  const { code } = await runGit(null, ["check-ref-format", fullName]);
  if (validity.size >= cacheLimit) validity.clear();
  validity.set(fullName, code === 0);
  return code === 0;
}

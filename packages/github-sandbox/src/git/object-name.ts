/** A full SHA-1 object id as GitHub prints it: 40 lowercase hex digits, nothing else. */
export const isSha = (value: unknown): boolean => typeof value === "string" && /^[0-9a-f]{40}$/.test(value);

/** The old value `git update-ref` reads as "must not exist yet". */
export const zeroSha = "0".repeat(40);

/**
 * A tree path GitHub would accept and git can store: relative, no empty, `.` or `..` segment, no
 * `.git` segment (git refuses to check those out), no NUL. Everything else is checked by git.
 */
export function isValidTreePath(path: unknown): path is string {
  if (typeof path !== "string" || path.length === 0 || path.includes("\0")) return false;
  return path
    .split("/")
    .every((segment) => segment !== "" && segment !== "." && segment !== ".." && segment.toLowerCase() !== ".git");
}

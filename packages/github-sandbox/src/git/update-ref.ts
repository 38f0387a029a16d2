import type { GitRepo } from "./read-objects.js";
import { setTimeout as sleep } from "node:timers/promises";
import { getRef } from "./get-ref.js";
import { GitStoreError } from "./git-store-error.js";
import { isAncestor } from "./merge-base.js";
import { isSha, zeroSha } from "./object-name.js";
import { statObjects } from "./read-objects.js";
import { fullRefName, isValidRefName } from "./ref-name.js";
import { gitFailure, runGit } from "./run-git.js";

export interface UpdateRefOptions {
  /** move the ref even if the new commit does not descend from the current one */
  force?: boolean;
  /**
   * Move only if the ref is still here: for read-modify-write callers (a merge computed from the
   * base tip it read). A ref found elsewhere is a 409, which such callers answer as GitHub does
   * ("Base branch was modified").
   */
  expectedOld?: string;
}

/** How often a compare-and-swap that lost only a lock (the value did not change) is tried again. */
const lockRetries = 5;

/** `git update-ref` with an old value: an atomic compare-and-swap, `zeroSha` meaning "must not exist". */
async function swapRef(
  repo: GitRepo,
  full: string,
  next: string | null,
  old: string,
): Promise<{ ok: boolean; stderr: string }> {
  const args = next === null ? ["update-ref", "-d", full, old] : ["update-ref", full, next, old];
  const result = await runGit(repo.dir, args);
  if (result.code === 0) return { ok: true, stderr: "" };
  if (result.code === 128) return { ok: false, stderr: result.stderr };
  throw gitFailure(args, result);
}

async function checkedName(ref: string): Promise<string> {
  const full = typeof ref === "string" ? fullRefName(ref) : "";
  if (!(await isValidRefName(full))) throw new GitStoreError(422, `Reference name is invalid: ${String(ref)}`);
  return full;
}

/** A branch must point at a commit; a tag may also point at an annotated tag object. */
async function checkTarget(repo: GitRepo, full: string, sha: string): Promise<void> {
  const [header] = isSha(sha) ? await statObjects(repo, [sha]) : [undefined];
  const allowed = full.startsWith("refs/tags/") ? ["commit", "tag"] : ["commit"];
  if (header === undefined || !allowed.includes(header.type)) throw new GitStoreError(422, "Object does not exist");
}

/** `POST /git/refs`: fails with 422 if the ref exists, so two creators cannot both succeed. */
export async function createRef(repo: GitRepo, ref: string, sha: string): Promise<void> {
  const full = await checkedName(ref);
  await checkTarget(repo, full, sha);
  for (let attempt = 0; ; attempt += 1) {
    const swap = await swapRef(repo, full, sha, zeroSha);
    if (swap.ok) return;
    if (/exists; cannot create/.test(swap.stderr)) {
      throw new GitStoreError(422, `Reference cannot be created: a ref on the path of ${full} exists`);
    }
    if ((await getRef(repo.dir, full)) !== undefined) throw new GitStoreError(422, "Reference already exists");
    if (attempt >= lockRetries) throw new Error(`could not create ${full}: ${swap.stderr.trim()}`);
    await sleep(5 * (attempt + 1));
  }
}

/**
 * `PATCH /git/refs/{ref}`. Without `force` the new commit must descend from the current one
 * (422 "Update is not a fast forward"). The write is a compare-and-swap against the value the
 * check was made on, so of concurrent updates from the same old value exactly one wins and the
 * others get the 422 GitHub gives a lost race.
 */
export async function updateRef(
  repo: GitRepo,
  ref: string,
  sha: string,
  options: UpdateRefOptions = {},
): Promise<void> {
  const full = await checkedName(ref);
  const [current] = await Promise.all([getRef(repo.dir, full), checkTarget(repo, full, sha)]);
  if (current === undefined) throw new GitStoreError(422, "Reference does not exist");
  const { expectedOld } = options;
  const changed = (found: string | undefined): GitStoreError =>
    expectedOld !== undefined
      ? new GitStoreError(409, `Reference ${full} is at ${found ?? "nothing"}, not at the expected ${expectedOld}`)
      : new GitStoreError(422, "Update is not a fast forward");
  if (expectedOld !== undefined && current !== expectedOld) throw changed(current);
  if (options.force !== true && current !== sha && !(await isAncestor(repo.dir, current, sha))) {
    throw new GitStoreError(422, "Update is not a fast forward");
  }
  for (let attempt = 0; ; attempt += 1) {
    const swap = await swapRef(repo, full, sha, current);
    if (swap.ok) return;
    const now = await getRef(repo.dir, full);
    if (now === undefined) throw new GitStoreError(422, "Reference does not exist");
    if (now !== current) throw changed(now);
    // the value is unchanged, so only the lock was taken (by a writer that then failed)
    if (attempt >= lockRetries) throw new Error(`could not update ${full}: ${swap.stderr.trim()}`);
    await sleep(5 * (attempt + 1));
  }
}

/** `DELETE /git/refs/{ref}`: deletes whatever the ref points at; 422 if there is no such ref. */
export async function deleteRef(repo: GitRepo, ref: string): Promise<void> {
  const full = typeof ref === "string" ? fullRefName(ref) : "";
  if (!(await isValidRefName(full))) throw new GitStoreError(422, "Reference does not exist");
  for (let attempt = 0; ; attempt += 1) {
    const current = await getRef(repo.dir, full);
    if (current === undefined) throw new GitStoreError(422, "Reference does not exist");
    // the old value makes the delete fail rather than remove a ref someone just moved; then re-read
    const swap = await swapRef(repo, full, null, current);
    if (swap.ok) return;
    if (attempt >= lockRetries) throw new Error(`could not delete ${full}: ${swap.stderr.trim()}`);
    await sleep(5 * (attempt + 1));
  }
}

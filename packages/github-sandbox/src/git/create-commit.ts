import type { GitRepo } from "./read-objects.js";
import { formatIdent, serializeCommit, toCommitInfo } from "./commit-info.js";
import type { CommitInfo, Person, RawCommit } from "./commit-info.js";
import { GitStoreError } from "./git-store-error.js";
import { isSha } from "./object-name.js";
import { statObjects } from "./read-objects.js";
import { writeObject } from "./write-objects.js";

export interface CreateCommitInput {
  message: string;
  tree: string;
  parents: string[];
  author?: Person;
  /** defaults to the author, as on GitHub */
  committer?: Person;
}

/**
 * `POST /git/commits`: the message is stored exactly as sent (git's porcelain would strip it).
 * `identity` stands in for the authenticated user when no author is given.
 */
export async function createCommit(repo: GitRepo, input: CreateCommitInput, identity: Person): Promise<CommitInfo> {
  if (typeof input.message !== "string" || input.message.includes("\0")) {
    throw new GitStoreError(422, 'Invalid request.\n\n"message" must be a string without NUL characters.');
  }
  const parents = Array.isArray(input.parents) ? input.parents : [];
  if (!isSha(input.tree)) throw new GitStoreError(422, "Tree SHA does not exist");
  if (!parents.every(isSha)) throw new GitStoreError(422, "Parent SHA does not exist or is not a commit object");
  const [tree, ...found] = await statObjects(repo, [input.tree, ...parents]);
  if (tree?.type !== "tree") throw new GitStoreError(422, "Tree SHA does not exist");
  if (!found.every((header) => header?.type === "commit")) {
    throw new GitStoreError(422, "Parent SHA does not exist or is not a commit object");
  }
  const now = new Date();
  const author = input.author ?? identity;
  const raw: RawCommit = {
    tree: input.tree,
    parents,
    author: formatIdent(author, "author", now),
    committer: formatIdent(input.committer ?? author, "committer", now),
    extraHeaders: [],
    message: Buffer.from(input.message, "utf8"),
  };
  const sha = await writeObject(repo.dir, "commit", serializeCommit(raw));
  return toCommitInfo(sha, raw);
}

import { createHash } from "node:crypto";
import { isNotFound } from "../../github/index.js";
import type { RepoContext } from "../repo-context.js";

/** Git's blob SHA of a text, as GitHub names the file's content: what the dashboard remembers. */
export const blobSha = (text: string): string =>
  createHash("sha1").update(`blob ${Buffer.byteLength(text)}\0`).update(text).digest("hex");

const emptyBlob = blobSha("");

/** Blobs never change, so the ones read are kept (a few: each refresh needs the previous queue). */
const blobs = new Map<string, string>();
const keptBlobs = 32;

/** A queue file's text by its blob SHA; undefined when GitHub no longer has it. */
export async function readQueueBlob(ctx: RepoContext, sha: string): Promise<string | undefined> {
  if (sha === emptyBlob) return "";
  const kept = blobs.get(sha);
  if (kept !== undefined) return kept;
  try {
    const text = await ctx.github.readBlob(sha);
    blobs.set(sha, text);
    if (blobs.size > keptBlobs) blobs.delete(blobs.keys().next().value as string);
    return text;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

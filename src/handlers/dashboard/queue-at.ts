import { createHash } from "node:crypto";
import { isNotFound } from "../../github/index.js";
import type { RepoContext } from "../repo-context.js";

/** Git's blob SHA of a text, as GitHub names the file's content: what the dashboard remembers. */
export const blobSha = (text: string): string =>
  createHash("sha1")
    .update(`blob ${Buffer.byteLength(text)}\0`)
    .update(text)
    .digest("hex");

const emptyBlob = blobSha("");

/**
 * A queue file's text by its blob SHA; undefined when GitHub no longer has it. Blobs never change,
 * so the app instance keeps the ones read (`AppServices.queueBlobs`: each refresh needs the previous queue).
 */
export async function readQueueBlob(ctx: RepoContext, sha: string): Promise<string | undefined> {
  if (sha === emptyBlob) return "";
  const blobs = ctx.services.queueBlobs;
  const kept = blobs.get(sha);
  if (kept !== undefined) return kept;
  try {
    const text = await ctx.github.readBlob(sha);
    blobs.set(sha, text);
    return text;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

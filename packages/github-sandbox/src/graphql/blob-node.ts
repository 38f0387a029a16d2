/**
 * How far GitHub's `Blob.text` goes: the first 512,000 bytes of a larger blob, with
 * `isTruncated: true` (not in GitHub's docs; measured by clients that lost the rest, e.g.
 * sveltia/sveltia-cms#950). A client must read such a file through REST (raw contents or the blob).
 */
export const blobTextBytes = 512_000;

/** git's own test for binary content: a NUL byte in the first 8,000 bytes. */
const isBinary = (content: Buffer): boolean => content.subarray(0, 8000).includes(0);

/**
 * A `Blob` as GitHub's GraphQL gives it. `byteSize` is always the whole blob's; `text` is null for
 * a binary blob and cut at `blobTextBytes` otherwise. A cut inside a multi-byte UTF-8 character
 * leaves its first bytes, which decode (as every invalid sequence the sandbox decodes) to one
 * U+FFFD: GitHub's exact rendering of that case is not documented, this is the best reading (a
 * Ruby string cut by bytes and scrubbed). `isTruncated` says whether the contents were cut, by
 * size alone, so a large binary blob is truncated too: also the best reading of "whether the
 * contents is truncated".
 */
export function blobNode(id: string, oid: string, content: Buffer): Record<string, unknown> {
  const binary = isBinary(content);
  const truncated = content.length > blobTextBytes;
  return {
    __typename: "Blob",
    id,
    oid,
    abbreviatedOid: oid.slice(0, 7),
    byteSize: content.length,
    isBinary: binary,
    isTruncated: truncated,
    text: binary ? null : content.subarray(0, blobTextBytes).toString("utf8"),
  };
}

import { describe, expect, it } from "vitest";
import { blobTextBytes } from "../../src/graphql/blob-node.js";
import { commitTo } from "../rest/pulls/pull-helpers.js";
import { resetBranches } from "../rest/repos/repo-helpers.js";
import { useRestFixture } from "../rest/rest-fixture.js";

const fixture = useRestFixture({ afterEach: resetBranches });

interface BlobAnswer {
  oid: string;
  byteSize: number;
  isBinary: boolean | null;
  isTruncated: boolean;
  text: string | null;
}

const blobFields = "... on Blob { oid byteSize isBinary isTruncated text }";

/** `object(expression:)` and `object(oid:)` for a file, as a client reads a file through GraphQL. */
async function readBlob(expression: string): Promise<{ byPath: BlobAnswer; byOid: BlobAnswer }> {
  const app = fixture.app();
  const { repository } = await app.graphql<{ repository: { object: BlobAnswer } }>(
    `query ($e: String!) { repository(owner: "acme", name: "widgets") { object(expression: $e) { ${blobFields} } } }`,
    { e: expression },
  );
  const byOid = await app.graphql<{ repository: { object: BlobAnswer } }>(
    `query ($oid: GitObjectID!) { repository(owner: "acme", name: "widgets") { object(oid: $oid) { ${blobFields} } } }`,
    { oid: repository.object.oid },
  );
  return { byPath: repository.object, byOid: byOid.repository.object };
}

/** JSON lines of about 100 bytes each, `count` of them: the shape of a long queue file. */
const jsonLines = (count: number): string =>
  Array.from(
    { length: count },
    (_, index) => `${JSON.stringify({ id: `T-${index + 1}`, note: "x".repeat(70) })}\n`,
  ).join("");

describe("GraphQL Blob.text of a large file", () => {
  it("gives the first 512,000 bytes with isTruncated, the whole size in byteSize; REST's raw read has every byte", async () => {
    const queue = jsonLines(6_500);
    expect(Buffer.byteLength(queue)).toBeGreaterThan(blobTextBytes + 100_000);
    await commitTo(fixture, "state", { "ops/queue.jsonl": queue });

    const { byPath, byOid } = await readBlob("state:ops/queue.jsonl");
    expect(blobTextBytes).toBe(512_000);
    expect(byPath).toMatchObject({ byteSize: Buffer.byteLength(queue), isBinary: false, isTruncated: true });
    expect(byPath.text).toBe(queue.slice(0, blobTextBytes));
    // the cut falls inside a line: a client that writes this text back loses the tail
    expect(byPath.text?.endsWith("\n")).toBe(false);
    expect(byOid).toEqual(byPath);

    const raw = await fixture.app().rest.repos.getContent({
      owner: "acme",
      repo: "widgets",
      path: "ops/queue.jsonl",
      ref: "state",
      mediaType: { format: "raw" },
    });
    expect(raw.data).toBe(queue);
  });

  it("gives a file of exactly 512,000 bytes whole", async () => {
    const exact = "y".repeat(blobTextBytes - 1) + "\n";
    await commitTo(fixture, "state", { "exact.txt": exact });
    const { byPath } = await readBlob("state:exact.txt");
    expect(byPath).toMatchObject({ byteSize: blobTextBytes, isTruncated: false, text: exact });
  });

  it("shows a character cut at the limit as one U+FFFD after the whole characters before it", async () => {
    // "é" is two bytes (C3 A9): the limit falls between them
    const accented = `${"a".repeat(blobTextBytes - 1)}é and more\n`;
    await commitTo(fixture, "state", { "accented.txt": accented });
    const { byPath } = await readBlob("state:accented.txt");
    expect(byPath.isTruncated).toBe(true);
    expect(byPath.text).toBe(`${"a".repeat(blobTextBytes - 1)}\uFFFD`);
  });

  it("gives a large binary file no text and says it is truncated", async () => {
    const binary = Buffer.alloc(blobTextBytes + 1);
    const blob = await fixture.repo.git.createBlob(binary);
    const { repository } = await fixture
      .app()
      .graphql<{ repository: { object: BlobAnswer } }>(
        `query ($oid: GitObjectID!) { repository(owner: "acme", name: "widgets") { object(oid: $oid) { ${blobFields} } } }`,
        { oid: blob.sha },
      );
    expect(repository.object).toMatchObject({
      byteSize: blobTextBytes + 1,
      isBinary: true,
      isTruncated: true,
      text: null,
    });
  });
});

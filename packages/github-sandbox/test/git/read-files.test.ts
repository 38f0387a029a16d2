import { describe, expect, it } from "vitest";
import { commitFiles, tempStore } from "./git-store-fixture.js";

describe("GitStore.readFile and listFiles", () => {
  it("reads files at a branch, a tag, a full ref or a commit sha", async () => {
    const store = await tempStore();
    const one = await commitFiles(store, undefined, { "README.md": "v1\n", "src/deep/x.ts": "x\n" });
    const two = await commitFiles(store, one, { "README.md": "v2\n" });
    await store.createRef("heads/main", two);
    await store.createRef("tags/v1", one);
    expect((await store.readFile("main", "README.md"))?.content.toString("utf8")).toBe("v2\n");
    expect((await store.readFile("heads/main", "README.md"))?.content.toString("utf8")).toBe("v2\n");
    expect((await store.readFile("refs/tags/v1", "README.md"))?.content.toString("utf8")).toBe("v1\n");
    expect((await store.readFile("v1", "README.md"))?.content.toString("utf8")).toBe("v1\n");
    const deep = await store.readFile(one, "src/deep/x.ts");
    expect(deep).toEqual({ sha: (await store.createBlob("x\n")).sha, content: Buffer.from("x\n"), mode: "100644" });
  });

  it("reads nothing for a directory, a missing path, an unknown ref or an escaping path", async () => {
    const store = await tempStore();
    const one = await commitFiles(store, undefined, { "src/a.ts": "a\n", "*.md": "star\n" });
    await store.createRef("heads/main", one);
    expect(await store.readFile("main", "src")).toBeUndefined();
    expect(await store.readFile("main", "nope.ts")).toBeUndefined();
    expect(await store.readFile("nope", "src/a.ts")).toBeUndefined();
    expect(await store.readFile("main", "../src/a.ts")).toBeUndefined();
    expect(await store.readFile("main", "/src/a.ts")).toBeUndefined();
    expect(await store.readFile("main~0", "src/a.ts")).toBeUndefined();
    // a path is a path, not a glob
    expect((await store.readFile("main", "*.md"))?.content.toString("utf8")).toBe("star\n");
    expect(await store.readFile("main", "*.ts")).toBeUndefined();
  });

  it("lists every file of a commit, and 404 for an unknown ref", async () => {
    const store = await tempStore();
    const one = await commitFiles(store, undefined, { "b.txt": "b", "a/z.txt": "z", "a/b/c.txt": "c" });
    await store.createRef("heads/main", one);
    expect(await store.listFiles("main")).toEqual(["a/b/c.txt", "a/z.txt", "b.txt"]);
    await expect(store.listFiles("nope")).rejects.toMatchObject({ status: 404 });
  });

  it("answers ancestry and merge-base questions", async () => {
    const store = await tempStore();
    const root = await commitFiles(store, undefined, { "a.txt": "a" });
    const left = await commitFiles(store, root, { "l.txt": "l" });
    const right = await commitFiles(store, root, { "r.txt": "r" });
    expect(await store.isAncestor(root, left)).toBe(true);
    expect(await store.isAncestor(left, root)).toBe(false);
    expect(await store.isAncestor(left, right)).toBe(false);
    expect(await store.isAncestor("7".repeat(40), left)).toBe(false);
    expect(await store.mergeBase(left, right)).toBe(root);
    const unrelated = await commitFiles(store, undefined, { "u.txt": "u" });
    expect(await store.mergeBase(left, unrelated)).toBeUndefined();
  });
});

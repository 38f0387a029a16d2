import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { alice, bob, git, tempStore } from "./git-store-fixture.js";

const blobSha = (content: Buffer): string =>
  createHash("sha1").update(`blob ${content.length}\0`).update(content).digest("hex");

describe("GitStore blobs", () => {
  it("stores utf-8 and base64 content under git's own sha", async () => {
    const store = await tempStore();
    const text = await store.createBlob("héllo\n");
    expect(text).toEqual({ sha: blobSha(Buffer.from("héllo\n")), size: 7 });
    expect(await git(store, "cat-file", "blob", text.sha)).toBe("héllo\n");

    const bytes = Buffer.from([0, 1, 2, 255]);
    const binary = await store.createBlob(bytes.toString("base64"), "base64");
    expect(binary).toEqual({ sha: blobSha(bytes), size: 4 });
    expect((await store.getBlob(binary.sha))?.content.equals(bytes)).toBe(true);
  });

  it("refuses content that is not base64, and finds no blob for an unknown sha, a name or a tree", async () => {
    const store = await tempStore();
    await expect(store.createBlob("not base64!", "base64")).rejects.toMatchObject({ status: 422 });
    const tree = await store.createTree([{ path: "a", mode: "100644", type: "blob", content: "a" }]);
    expect(await store.getBlob("0".repeat(40))).toBeUndefined();
    expect(await store.getBlob("HEAD")).toBeUndefined();
    expect(await store.getBlob(tree.sha)).toBeUndefined();
  });
});

describe("GitStore trees", () => {
  it("builds nested trees from paths and lists them like GitHub", async () => {
    const store = await tempStore();
    const readme = await store.createBlob("# readme\n");
    const tree = await store.createTree([
      { path: "README.md", mode: "100644", type: "blob", sha: readme.sha },
      { path: "src/a/b/deep.ts", mode: "100644", type: "blob", content: "export const deep = 1;\n" },
      { path: "bin/run", mode: "100755", type: "blob", content: "#!/bin/sh\n" },
      { path: "link", mode: "120000", type: "blob", content: "README.md" },
    ]);
    expect(tree.tree.map((entry) => [entry.path, entry.mode, entry.type])).toEqual([
      ["README.md", "100644", "blob"],
      ["bin", "040000", "tree"],
      ["link", "120000", "blob"],
      ["src", "040000", "tree"],
    ]);
    expect(tree.tree[0]).toEqual({ path: "README.md", mode: "100644", type: "blob", sha: readme.sha, size: 9 });
    expect(tree.tree[1]).not.toHaveProperty("size");

    const recursive = await store.getTree(tree.sha, true);
    expect(recursive?.truncated).toBe(false);
    expect(recursive?.tree.map((entry) => entry.path)).toEqual([
      "README.md",
      "bin",
      "bin/run",
      "link",
      "src",
      "src/a",
      "src/a/b",
      "src/a/b/deep.ts",
    ]);
    expect((await store.getTree(tree.sha))?.tree).toHaveLength(4);
  });

  it("applies entries on top of base_tree: replaces, adds and deletes files and whole directories", async () => {
    const store = await tempStore();
    const base = await store.createTree([
      { path: "keep.txt", mode: "100644", type: "blob", content: "keep" },
      { path: "gone.txt", mode: "100644", type: "blob", content: "gone" },
      { path: "dir/one.txt", mode: "100644", type: "blob", content: "1" },
      { path: "dir/sub/two.txt", mode: "100644", type: "blob", content: "2" },
      { path: "old/x.txt", mode: "100644", type: "blob", content: "x" },
      { path: "file-then-dir", mode: "100644", type: "blob", content: "f" },
    ]);
    const next = await store.createTree(
      [
        { path: "gone.txt", mode: "100644", type: "blob", sha: null },
        { path: "old", mode: "040000", type: "tree", sha: null },
        { path: "dir/sub/two.txt", mode: "100644", type: "blob", content: "two" },
        { path: "dir/new.txt", mode: "100644", type: "blob", content: "new" },
        { path: "file-then-dir/inner.txt", mode: "100644", type: "blob", content: "inner" },
        { path: "missing.txt", mode: "100644", type: "blob", sha: null },
      ],
      base.sha,
    );
    const listed = await store.getTree(next.sha, true);
    const files = listed?.tree.filter((entry) => entry.type === "blob").map((entry) => entry.path);
    expect(files).toEqual(["dir/new.txt", "dir/one.txt", "dir/sub/two.txt", "file-then-dir/inner.txt", "keep.txt"]);
    expect(await git(store, "cat-file", "blob", `${next.sha}:dir/sub/two.txt`)).toBe("two");
    // the base tree is untouched
    expect((await store.getTree(base.sha, true))?.tree.some((entry) => entry.path === "old/x.txt")).toBe(true);
  });

  it("places a whole tree by sha at a nested path, replacing what was there", async () => {
    const store = await tempStore();
    const lib = await store.createTree([{ path: "index.ts", mode: "100644", type: "blob", content: "lib" }]);
    const base = await store.createTree([
      { path: "vendor/lib/stale.ts", mode: "100644", type: "blob", content: "old" },
    ]);
    const next = await store.createTree([{ path: "vendor/lib", mode: "040000", type: "tree", sha: lib.sha }], base.sha);
    const listed = await store.getTree(next.sha, true);
    expect(listed?.tree.find((entry) => entry.path === "vendor/lib")?.sha).toBe(lib.sha);
    expect(listed?.tree.map((entry) => entry.path)).toEqual(["vendor", "vendor/lib", "vendor/lib/index.ts"]);
  });

  it("answers 422 for unknown objects, bad base trees, bad modes and paths that escape the tree", async () => {
    const store = await tempStore();
    const blob = await store.createBlob("x");
    const bad = [
      { entries: [{ path: "a", mode: "100644", type: "blob", sha: "1".repeat(40) }], message: /is not a valid blob/ },
      { entries: [{ path: "a", mode: "040000", type: "tree", sha: blob.sha }], message: /is not a valid tree/ },
      { entries: [{ path: "a", mode: "040000", type: "blob", sha: blob.sha }], message: /Invalid tree info/ },
      {
        entries: [{ path: "a", mode: "100644", type: "blob" }],
        message: /Must supply either tree.sha or tree.content/,
      },
      { entries: [{ path: "a", mode: "100644", type: "blob", sha: "nope" }], message: /is not a valid blob/ },
      ...["../escape", "/abs", "a//b", "a/./b", "a/../b", ".git/config", "dir/", ""].map((path) => ({
        entries: [{ path, mode: "100644", type: "blob", content: "x" }],
        message: /malformed path component/,
      })),
    ] as const;
    for (const { entries, message } of bad) {
      await expect(store.createTree([...entries] as never)).rejects.toMatchObject({
        status: 422,
        message: expect.stringMatching(message),
      });
    }
    await expect(store.createTree([], "2".repeat(40))).rejects.toMatchObject({
      status: 422,
      message: "base_tree is not a valid tree oid",
    });
    await expect(store.createTree([], blob.sha)).rejects.toMatchObject({
      status: 422,
      message: "base_tree is not a valid tree oid",
    });
    await expect(store.createTree([], "main")).rejects.toMatchObject({ status: 422 });
  });

  it("keeps submodule entries without requiring the commit to exist here", async () => {
    const store = await tempStore();
    const tree = await store.createTree([{ path: "ext/mod", mode: "160000", type: "commit", sha: "3".repeat(40) }]);
    const listed = await store.getTree(tree.sha, true);
    expect(listed?.tree.at(-1)).toEqual({ path: "ext/mod", mode: "160000", type: "commit", sha: "3".repeat(40) });
  });
});

describe("GitStore commits", () => {
  it("writes the message verbatim with the given author, committer and dates", async () => {
    const store = await tempStore();
    const tree = await store.createTree([{ path: "a.txt", mode: "100644", type: "blob", content: "a" }]);
    const message = "Add a\n\n  indented body kept\n\nTask: T-1\n";
    const first = await store.createCommit({ message, tree: tree.sha, parents: [], author: alice, committer: bob });
    expect(first.author).toEqual({ name: "Alice Example", email: "alice@example.com", date: "2024-03-01T10:00:00Z" });
    // an offset is kept in the object and the date is read back in UTC, as GitHub prints it
    expect(first.committer).toEqual({ name: "Bob Example", email: "bob@example.com", date: "2024-03-02T09:30:00Z" });
    expect(await git(store, "log", "-1", "--format=%ai|%ci|%B", first.sha)).toBe(
      `2024-03-01 10:00:00 +0000|2024-03-02 11:30:00 +0200|${message}\n`,
    );
    expect(await store.getCommit(first.sha)).toEqual(first);

    const second = await store.createCommit({ message: "second", tree: tree.sha, parents: [first.sha], author: alice });
    expect(second.parents).toEqual([first.sha]);
    expect(second.committer).toEqual(second.author);
  });

  it("defaults the author to the store's identity at the current time", async () => {
    const store = await tempStore();
    const tree = await store.createTree([]);
    const before = Date.now() - 1000;
    const commit = await store.createCommit({ message: "m", tree: tree.sha, parents: [] });
    expect(commit.author.name).toBe("Sandbox");
    expect(Date.parse(commit.author.date)).toBeGreaterThanOrEqual(before);
  });

  it("refuses unknown trees and parents, and idents that could forge a header", async () => {
    const store = await tempStore();
    const tree = await store.createTree([{ path: "a", mode: "100644", type: "blob", content: "a" }]);
    const blob = await store.createBlob("a");
    await expect(store.createCommit({ message: "m", tree: "4".repeat(40), parents: [] })).rejects.toMatchObject({
      status: 422,
      message: "Tree SHA does not exist",
    });
    await expect(store.createCommit({ message: "m", tree: tree.sha, parents: [blob.sha] })).rejects.toMatchObject({
      status: 422,
      message: "Parent SHA does not exist or is not a commit object",
    });
    const forged = { name: "Eve\ncommitter Root", email: "eve@example.com" };
    await expect(
      store.createCommit({ message: "m", tree: tree.sha, parents: [], author: forged }),
    ).rejects.toMatchObject({ status: 422 });
    const badDate = { ...alice, date: "yesterday" };
    await expect(
      store.createCommit({ message: "m", tree: tree.sha, parents: [], author: badDate }),
    ).rejects.toMatchObject({ status: 422 });
    expect(await store.getCommit(tree.sha)).toBeUndefined();
  });
});

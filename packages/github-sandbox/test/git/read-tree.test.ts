import { describe, expect, it } from "vitest";
import { findTreeEntry, listTree, parseTreeObject } from "../../src/git/read-tree.js";
import { parseLsTree } from "../../src/git/tree-entry.js";
import type { GitStore } from "../../src/git/index.js";
import { git, tempStore } from "./git-store-fixture.js";

/** A tree with every kind of entry git stores, names that need care, and nesting. */
async function awkwardTree(store: GitStore): Promise<string> {
  const submodule = "1234567890abcdef1234567890abcdef12345678";
  const executable = await store.createBlob("#!/bin/sh\necho hi\n");
  const binary = await store.createBlob(Buffer.from([0, 1, 2, 255, 10, 0]));
  const { sha } = await store.createTree([
    { path: "README.md", mode: "100644", type: "blob", content: "hello\n" },
    { path: "bin/run.sh", mode: "100755", type: "blob", sha: executable.sha },
    { path: "bin/link", mode: "120000", type: "blob", content: "run.sh" },
    { path: "vendor/lib", mode: "160000", type: "commit", sha: submodule },
    { path: "dönër ✓/with space\tand tab.txt", mode: "100644", type: "blob", content: "ü\n" },
    { path: "a/b/c/d/deep.bin", mode: "100644", type: "blob", sha: binary.sha },
    { path: "a/b/sibling", mode: "100644", type: "blob", content: "" },
    { path: "a-b", mode: "100644", type: "blob", content: "sorts between a and a/\n" },
  ]);
  return sha;
}

describe("reading trees through the persistent cat-file", () => {
  it("lists a tree exactly as git ls-tree does, flat and recursive", async () => {
    const store = await tempStore();
    const tree = await awkwardTree(store);
    const flat = parseLsTree(Buffer.from(await git(store, "ls-tree", "-z", "--long", "--full-tree", tree)));
    const deep = parseLsTree(Buffer.from(await git(store, "ls-tree", "-z", "--long", "--full-tree", "-r", "-t", tree)));
    expect((await listTree(store, tree, { sizes: true }))?.tree).toEqual(flat);
    expect((await listTree(store, tree, { sizes: true, recursive: true }))?.tree).toEqual(deep);
    expect((await store.getTree(tree, true))?.tree).toEqual(deep);
    expect(deep.map((entry) => entry.path)).toContain("dönër ✓/with space\tand tab.txt");
  });

  it("finds an entry by path, and nothing under a file, a missing name or a non-tree", async () => {
    const store = await tempStore();
    const tree = await awkwardTree(store);
    expect(await findTreeEntry(store, tree, "a/b/c/d/deep.bin")).toMatchObject({ mode: "100644", type: "blob" });
    expect(await findTreeEntry(store, tree, "bin/run.sh")).toMatchObject({ mode: "100755", name: "run.sh" });
    expect(await findTreeEntry(store, tree, "a/b")).toMatchObject({ mode: "040000", type: "tree" });
    expect(await findTreeEntry(store, tree, "README.md/x")).toBeUndefined();
    expect(await findTreeEntry(store, tree, "a/missing")).toBeUndefined();
    expect(await findTreeEntry(store, "0".repeat(40), "README.md")).toBeUndefined();
  });

  it("refuses a malformed tree object with a clear error", () => {
    expect(() => parseTreeObject(Buffer.from("100644 name-without-sha\0abc"))).toThrow(/malformed tree object/);
    expect(() => parseTreeObject(Buffer.from(`9x9 n\0${"a".repeat(20)}`))).toThrow(/mode "9x9"/);
  });
});

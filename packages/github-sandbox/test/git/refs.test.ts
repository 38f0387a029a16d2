import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GitStore } from "../../src/git/index.js";
import { closeAfterTest, commitFiles, git, tempStore } from "./git-store-fixture.js";

describe("GitStore refs", () => {
  it("creates, reads and lists refs in GitHub's spellings", async () => {
    const store = await tempStore();
    const root = await commitFiles(store, undefined, { "a.txt": "a" });
    await store.createRef("refs/heads/main", root);
    await store.createRef("heads/feature-1", root);
    await store.createRef("heads/feature/x", root);
    await store.createRef("tags/v1", root);
    expect(await store.getRef("heads/main")).toBe(root);
    expect(await store.getRef("refs/heads/main")).toBe(root);
    expect(await store.getRef("heads/nope")).toBeUndefined();
    // a prefix of a real ref is not that ref
    expect(await store.getRef("heads/feature")).toBeUndefined();
    expect((await store.listRefs("heads/feat")).map((info) => info.ref)).toEqual([
      "refs/heads/feature-1",
      "refs/heads/feature/x",
    ]);
    expect(await store.listRefs()).toHaveLength(4);
    expect((await store.listRefs("tags/"))[0]).toEqual({ ref: "refs/tags/v1", sha: root, type: "commit" });
    expect(await store.getDefaultBranch()).toBe("main");
  });

  it("answers 422 for an existing ref, a missing object and an invalid name", async () => {
    const store = await tempStore();
    const root = await commitFiles(store, undefined, { "a.txt": "a" });
    const blob = await store.createBlob("x");
    await store.createRef("heads/main", root);
    await expect(store.createRef("heads/main", root)).rejects.toMatchObject({
      status: 422,
      message: "Reference already exists",
    });
    await expect(store.createRef("heads/other", "5".repeat(40))).rejects.toMatchObject({
      status: 422,
      message: "Object does not exist",
    });
    await expect(store.createRef("heads/other", blob.sha)).rejects.toMatchObject({
      status: 422,
      message: "Object does not exist",
    });
    for (const name of [
      "heads/a..b",
      "heads/with space",
      "heads/x.lock",
      "heads/-x/../y",
      "heads/a~1",
      "heads/x:y",
      "heads/",
    ]) {
      await expect(store.createRef(name, root)).rejects.toMatchObject({ status: 422 });
    }
    expect(await store.listRefs()).toHaveLength(1);
  });

  it("moves a branch forward, refuses a non fast forward unless forced, and deletes", async () => {
    const store = await tempStore();
    const one = await commitFiles(store, undefined, { "a.txt": "1" });
    const two = await commitFiles(store, one, { "a.txt": "2" });
    const side = await commitFiles(store, one, { "b.txt": "b" });
    await store.createRef("heads/main", one);
    await store.updateRef("heads/main", two);
    await expect(store.updateRef("heads/main", side)).rejects.toMatchObject({
      status: 422,
      message: "Update is not a fast forward",
    });
    await expect(store.updateRef("heads/main", one)).rejects.toMatchObject({
      status: 422,
      message: "Update is not a fast forward",
    });
    expect(await store.getRef("heads/main")).toBe(two);
    await store.updateRef("heads/main", side, { force: true });
    expect(await store.getRef("heads/main")).toBe(side);
    await expect(store.updateRef("heads/missing", one)).rejects.toMatchObject({
      status: 422,
      message: "Reference does not exist",
    });

    await store.deleteRef("heads/main");
    expect(await store.getRef("heads/main")).toBeUndefined();
    await expect(store.deleteRef("heads/main")).rejects.toMatchObject({
      status: 422,
      message: "Reference does not exist",
    });
  });

  it("refuses with 409 when the ref is no longer at the expected old value", async () => {
    const store = await tempStore();
    const one = await commitFiles(store, undefined, { "a.txt": "1" });
    const two = await commitFiles(store, one, { "a.txt": "2" });
    const three = await commitFiles(store, two, { "a.txt": "3" });
    await store.createRef("heads/main", two);
    await expect(store.updateRef("heads/main", three, { expectedOld: one })).rejects.toMatchObject({ status: 409 });
    await store.updateRef("heads/main", three, { expectedOld: two });
    expect(await store.getRef("heads/main")).toBe(three);
  });

  it("lets exactly one of 10 concurrent updates from the same old sha win", async () => {
    const store = await tempStore();
    const base = await commitFiles(store, undefined, { "a.txt": "base" });
    await store.createRef("heads/main", base);
    const candidates = await Promise.all(
      Array.from({ length: 10 }, (_, index) => commitFiles(store, base, { "a.txt": `writer ${index}` })),
    );
    const results = await Promise.allSettled(candidates.map((sha) => store.updateRef("heads/main", sha)));
    const winners = results.flatMap((result, index) => (result.status === "fulfilled" ? [candidates[index]] : []));
    expect(winners).toHaveLength(1);
    expect(await store.getRef("heads/main")).toBe(winners[0]);
    for (const result of results) {
      if (result.status === "rejected")
        expect(result.reason).toMatchObject({ status: 422, message: "Update is not a fast forward" });
    }
  });

  it("lets exactly one of 10 concurrent forced updates with an expected old value win", async () => {
    const store = await tempStore();
    const base = await commitFiles(store, undefined, { "a.txt": "base" });
    await store.createRef("heads/main", base);
    const candidates = await Promise.all(
      Array.from({ length: 10 }, (_, index) => commitFiles(store, undefined, { "b.txt": `unrelated ${index}` })),
    );
    const results = await Promise.allSettled(
      candidates.map((sha) => store.updateRef("heads/main", sha, { force: true, expectedOld: base })),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(
      results
        .filter((result) => result.status === "rejected")
        .map((result) => (result as PromiseRejectedResult).reason.status),
    ).toEqual(Array(9).fill(409));
  });

  it("lets exactly one of 10 concurrent creators of the same ref win", async () => {
    const store = await tempStore();
    const root = await commitFiles(store, undefined, { "a.txt": "a" });
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => store.createRef("heads/race", root)));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await git(store, "for-each-ref", "--format=%(refname)")).toBe("refs/heads/race\n");
  });

  it("reopens a repository with its refs and default branch, and refuses a directory that is none", async () => {
    const store = await tempStore("trunk");
    expect(await store.getDefaultBranch()).toBe("trunk");
    const root = await commitFiles(store, undefined, { "a.txt": "a" });
    await store.createRef("heads/trunk", root);
    await store.setDefaultBranch("release");
    const reopened = closeAfterTest(await GitStore.open(store.dir));
    expect(await reopened.getRef("heads/trunk")).toBe(root);
    expect(await reopened.getDefaultBranch()).toBe("release");
    expect(await git(store, "config", "gc.auto")).toBe("0\n");
    await expect(store.setDefaultBranch("bad..name")).rejects.toMatchObject({ status: 422 });

    const plain = await mkdtemp(join(tmpdir(), "autopilot-git-store-plain-"));
    try {
      await expect(GitStore.open(plain)).rejects.toThrow(/not a bare git repository/);
    } finally {
      await rm(plain, { recursive: true, force: true });
    }
  });
});

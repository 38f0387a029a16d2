import { describe, expect, it } from "vitest";
import { alice, bob, commitFiles, git, tempStore } from "./git-store-fixture.js";

const committer = { name: "GitHub", email: "noreply@github.com", date: "2024-04-01T00:00:00Z" };

/** Ten lines, so edits at the top and at the bottom merge cleanly. */
const ten = Array.from({ length: 10 }, (_, index) => `line ${index + 1}`).join("\n") + "\n";

describe("GitStore.merge", () => {
  it("merges three ways: keeps what landed on base after the branch point and what head changed", async () => {
    const store = await tempStore();
    const root = await commitFiles(store, undefined, { "shared.txt": ten, "base-only.txt": "v1\n" });
    const head = await commitFiles(
      store,
      root,
      { "shared.txt": ten.replace("line 9", "line nine (head)"), "head.txt": "h\n" },
      "head work",
      bob,
    );
    const base = await commitFiles(
      store,
      root,
      { "shared.txt": ten.replace("line 2", "line two (base)"), "base-only.txt": "v2\n" },
      "base work",
    );

    const result = await store.merge({
      base,
      head,
      method: "merge",
      message: "Merge pull request #1",
      author: alice,
      committer,
    });
    if (!result.ok) throw new Error(`conflicts: ${result.conflicts.join(", ")}`);
    const merged = await store.getCommit(result.sha);
    expect(merged?.parents).toEqual([base, head]);
    expect(merged?.message).toBe("Merge pull request #1");
    expect(merged?.committer).toEqual(committer);
    const shared = (await store.readFile(result.sha, "shared.txt"))?.content.toString("utf8");
    expect(shared).toContain("line two (base)");
    expect(shared).toContain("line nine (head)");
    expect((await store.readFile(result.sha, "base-only.txt"))?.content.toString("utf8")).toBe("v2\n");
    expect((await store.listFiles(result.sha)).sort()).toEqual(["base-only.txt", "head.txt", "shared.txt"]);
    // objects only: no ref was created or moved
    expect(await store.listRefs()).toEqual([]);
  });

  it("records a merge commit even when head could be fast-forwarded", async () => {
    const store = await tempStore();
    const base = await commitFiles(store, undefined, { "a.txt": "a\n" });
    const head = await commitFiles(store, base, { "b.txt": "b\n" });
    const result = await store.merge({ base, head, method: "merge", message: "Merge" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const merged = await store.getCommit(result.sha);
    expect(merged?.parents).toEqual([base, head]);
    expect(merged?.tree).toBe((await store.getCommit(head))?.tree);
  });

  it("squashes into one commit on base with the merged tree", async () => {
    const store = await tempStore();
    const root = await commitFiles(store, undefined, { "shared.txt": ten });
    const h1 = await commitFiles(store, root, { "one.txt": "1\n" });
    const h2 = await commitFiles(store, h1, { "shared.txt": ten.replace("line 10", "line ten") });
    const base = await commitFiles(store, root, { "shared.txt": ten.replace("line 1\n", "line one\n") });
    const result = await store.merge({
      base,
      head: h2,
      method: "squash",
      message: "Feature (#2)\n\n* one\n* ten",
      author: bob,
    });
    if (!result.ok) throw new Error("conflict");
    const squashed = await store.getCommit(result.sha);
    expect(squashed?.parents).toEqual([base]);
    expect(squashed?.author.name).toBe("Bob Example");
    expect(squashed?.message).toBe("Feature (#2)\n\n* one\n* ten");
    const shared = (await store.readFile(result.sha, "shared.txt"))?.content.toString("utf8");
    expect(shared?.startsWith("line one\n")).toBe(true);
    expect(shared?.endsWith("line ten\n")).toBe(true);
    expect(await store.readFile(result.sha, "one.txt")).toMatchObject({ mode: "100644" });
  });

  it("returns the conflicting paths for every method and writes no ref", async () => {
    const store = await tempStore();
    const root = await commitFiles(store, undefined, { "a.txt": "a\n", "b.txt": "b\n", "c.txt": "c\n" });
    await store.createRef("heads/main", root);
    const head = await commitFiles(store, root, { "a.txt": "head\n", "b.txt": "head\n", "c.txt": "same\n" });
    const base = await commitFiles(store, root, { "a.txt": "base\n", "b.txt": null, "c.txt": "same\n" });
    for (const method of ["merge", "squash", "rebase"] as const) {
      const result = await store.merge({ base, head, method, message: "m" });
      expect(result).toEqual({ ok: false, conflicts: ["a.txt", "b.txt"] });
    }
    expect(await store.listRefs()).toEqual([{ ref: "refs/heads/main", sha: root, type: "commit" }]);
  });

  it("rebases each commit onto base in order, keeping authors, dates and messages", async () => {
    const store = await tempStore();
    const root = await commitFiles(store, undefined, { "shared.txt": ten, "notes.txt": "n\n" });
    const h1 = await commitFiles(store, root, { "shared.txt": ten.replace("line 9", "nine") }, "first: nine", alice);
    const h2 = await commitFiles(store, h1, { "feature.txt": "f\n" }, "second: feature\n\nbody\n", bob);
    const h3 = await commitFiles(
      store,
      h2,
      { "shared.txt": ten.replace("line 9", "nine").replace("line 10", "ten") },
      "third: ten",
      alice,
    );
    const base = await commitFiles(
      store,
      root,
      { "shared.txt": ten.replace("line 1\n", "one\n"), "notes.txt": null },
      "base moves",
    );

    const result = await store.merge({ base, head: h3, method: "rebase", message: "ignored", committer });
    if (!result.ok) throw new Error(`conflicts: ${result.conflicts.join(", ")}`);
    expect(result.commits).toHaveLength(3);
    expect(result.sha).toBe(result.commits?.[2]);

    const replayed = await Promise.all((result.commits ?? []).map((sha) => store.getCommit(sha)));
    const originals = await Promise.all([h1, h2, h3].map((sha) => store.getCommit(sha)));
    expect(replayed.map((commit) => commit?.message)).toEqual([
      "first: nine",
      "second: feature\n\nbody\n",
      "third: ten",
    ]);
    expect(replayed.map((commit) => commit?.author)).toEqual(originals.map((commit) => commit?.author));
    expect(replayed.every((commit) => commit?.committer.name === "GitHub")).toBe(true);
    expect(replayed.map((commit) => commit?.parents)).toEqual([[base], [result.commits?.[0]], [result.commits?.[1]]]);
    // bob's date kept with its offset, byte for byte
    expect(await git(store, "log", "-1", "--format=%ad", "--date=raw", result.commits?.[1] ?? "")).toBe(
      await git(store, "log", "-1", "--format=%ad", "--date=raw", h2),
    );

    // each replayed commit has base's changes plus the head commits up to it
    const first = (await store.readFile(result.commits?.[0] ?? "", "shared.txt"))?.content.toString("utf8");
    expect(first).toBe(ten.replace("line 1\n", "one\n").replace("line 9", "nine"));
    expect(await store.readFile(result.commits?.[0] ?? "", "feature.txt")).toBeUndefined();
    expect(await store.listFiles(result.sha)).toEqual(["feature.txt", "shared.txt"]);
    expect((await store.readFile(result.sha, "shared.txt"))?.content.toString("utf8")).toBe(
      ten.replace("line 1\n", "one\n").replace("line 9", "nine").replace("line 10", "ten"),
    );
    // git agrees the result is a linear history on top of base
    expect(await git(store, "rev-list", "--count", `${base}..${result.sha}`)).toBe("3\n");
    expect(await git(store, "rev-list", "--merges", "--count", result.sha)).toBe("0\n");
  });

  it("replays each commit against its own parent, so a later revert stays reverted", async () => {
    const store = await tempStore();
    const root = await commitFiles(store, undefined, { "shared.txt": ten });
    const change = await commitFiles(store, root, { "shared.txt": ten.replace("line 9", "nine") }, "change");
    const revert = await commitFiles(store, change, { "shared.txt": ten }, "revert");
    const base = await commitFiles(store, root, { "other.txt": "o\n" }, "base moves");
    const result = await store.merge({ base, head: revert, method: "rebase", message: "", committer });
    if (!result.ok) throw new Error("conflict");
    // a merge on the branch point would see "nine" on one side only and keep it
    expect((await store.readFile(result.sha, "shared.txt"))?.content.toString("utf8")).toBe(ten);
    expect((await store.readFile(result.commits?.[0] ?? "", "shared.txt"))?.content.toString("utf8")).toContain("nine");
    expect(await store.listFiles(result.sha)).toEqual(["other.txt", "shared.txt"]);
  });

  it("rebases onto an unchanged base by reusing the commits' trees", async () => {
    const store = await tempStore();
    const base = await commitFiles(store, undefined, { "a.txt": "a\n" });
    const h1 = await commitFiles(store, base, { "b.txt": "b\n" }, "b");
    const h2 = await commitFiles(store, h1, { "c.txt": "c\n" }, "c");
    const result = await store.merge({ base, head: h2, method: "rebase", message: "", committer });
    if (!result.ok) throw new Error("conflict");
    const trees = await Promise.all((result.commits ?? []).map(async (sha) => (await store.getCommit(sha))?.tree));
    expect(trees).toEqual([(await store.getCommit(h1))?.tree, (await store.getCommit(h2))?.tree]);
  });

  it("refuses unknown commits", async () => {
    const store = await tempStore();
    const base = await commitFiles(store, undefined, { "a.txt": "a\n" });
    await expect(store.merge({ base, head: "6".repeat(40), method: "merge", message: "m" })).rejects.toMatchObject({
      status: 422,
    });
    await expect(store.merge({ base, head: "main", method: "merge", message: "m" })).rejects.toMatchObject({
      status: 422,
    });
  });
});

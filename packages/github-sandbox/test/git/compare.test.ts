import { describe, expect, it } from "vitest";
import type { GitStore } from "../../src/git/index.js";
import { bob, commitFiles, git, gitHunks, tempStore } from "./git-store-fixture.js";

const lines = (count: number, label = "line"): string =>
  Array.from({ length: count }, (_, index) => `${label} ${index + 1}`).join("\n") + "\n";

/** main: root → m1; feature: root → f1 → f2 (f1 by bob). */
async function divergedRepo(store: GitStore): Promise<{ root: string; m1: string; f1: string; f2: string }> {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3]);
  const root = await commitFiles(store, undefined, {
    "src/app.ts": lines(40),
    "docs/old-name.md": lines(30, "doc"),
    "remove-me.txt": "one\ntwo\nthree\n",
    "logo.png": png,
    "README.md": "# widgets\n",
  });
  const m1 = await commitFiles(store, root, { "README.md": "# widgets\n\non main\n" }, "main moves on");
  const f1 = await commitFiles(
    store,
    root,
    {
      "src/app.ts": lines(40).replace("line 3\n", "line three\n").replace("line 30\n", "line 30\nadded after 30\n"),
      "docs/old-name.md": null,
      "docs/new-name.md": lines(30, "doc").replace("doc 15\n", "doc fifteen\n"),
      "remove-me.txt": null,
    },
    "feature: rename docs, edit app",
    bob,
  );
  const f2 = await commitFiles(
    store,
    f1,
    { "logo.png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 9, 9]), "src/new.ts": "export {};\n" },
    "feature: new logo",
  );
  await store.createRef("heads/main", m1);
  await store.createRef("heads/feature", f2);
  return { root, m1, f1, f2 };
}

describe("GitStore.compare", () => {
  it("reports identical, ahead, behind and diverged with counts and the merge base", async () => {
    const store = await tempStore();
    const { root, m1, f1, f2 } = await divergedRepo(store);

    const identical = await store.compare("main", m1);
    expect(identical).toMatchObject({
      status: "identical",
      ahead_by: 0,
      behind_by: 0,
      merge_base_commit: m1,
      commits: [],
      files: [],
    });

    const ahead = await store.compare(root, "feature");
    expect(ahead).toMatchObject({ status: "ahead", ahead_by: 2, behind_by: 0, merge_base_commit: root });
    expect(ahead.commits.map((commit) => commit.sha)).toEqual([f1, f2]);
    expect(ahead.commits[0]?.author.name).toBe("Bob Example");
    expect(ahead.commits[0]?.message).toBe("feature: rename docs, edit app");

    const behind = await store.compare("heads/feature", root);
    expect(behind).toMatchObject({
      status: "behind",
      ahead_by: 0,
      behind_by: 2,
      merge_base_commit: root,
      commits: [],
      files: [],
    });

    const diverged = await store.compare("main", "feature");
    expect(diverged).toMatchObject({ status: "diverged", ahead_by: 2, behind_by: 1, merge_base_commit: root });
    expect(diverged.base_commit).toBe(m1);
    expect(diverged.head_commit).toBe(f2);
    // three dots: what the feature changed since it branched, not main's README change
    expect(diverged.files.map((file) => file.filename)).not.toContain("README.md");
  });

  it("lists files with renames, removals, binaries and patches equal to git diff's hunks", async () => {
    const store = await tempStore();
    const { root, f2 } = await divergedRepo(store);
    const { files } = await store.compare("main", "feature");
    const byName = new Map(files.map((file) => [file.filename, file]));
    expect(files.map((file) => [file.filename, file.status])).toEqual([
      ["docs/new-name.md", "renamed"],
      ["logo.png", "modified"],
      ["remove-me.txt", "removed"],
      ["src/app.ts", "modified"],
      ["src/new.ts", "added"],
    ]);

    const renamed = byName.get("docs/new-name.md");
    expect(renamed).toMatchObject({ previous_filename: "docs/old-name.md", additions: 1, deletions: 1, changes: 2 });
    expect(renamed?.patch).toBe(await gitHunks(store, root, f2, "docs/old-name.md", "docs/new-name.md"));

    const app = byName.get("src/app.ts");
    expect(app).toMatchObject({ additions: 2, deletions: 1, changes: 3 });
    expect(app?.patch).toBe(await gitHunks(store, root, f2, "src/app.ts"));
    expect(app?.patch?.startsWith("@@ -1,6 +1,6 @@")).toBe(true);
    expect(app?.patch?.split("\n").filter((line) => line.startsWith("@@"))).toHaveLength(2);
    expect(app?.sha).toBe((await git(store, "rev-parse", `${f2}:src/app.ts`)).trim());

    const removed = byName.get("remove-me.txt");
    expect(removed).toMatchObject({ additions: 0, deletions: 3, patch: "@@ -1,3 +0,0 @@\n-one\n-two\n-three" });
    expect(removed?.sha).toBe((await git(store, "rev-parse", `${root}:remove-me.txt`)).trim());

    const logo = byName.get("logo.png");
    expect(logo).toMatchObject({ binary: true, additions: 0, deletions: 0, changes: 0 });
    expect(logo).not.toHaveProperty("patch");

    expect(byName.get("src/new.ts")).toMatchObject({ additions: 1, deletions: 0, patch: "@@ -0,0 +1 @@\n+export {};" });
  });

  it("keeps 'No newline at end of file' markers and reports a mode change as changed", async () => {
    const store = await tempStore();
    const root = await commitFiles(store, undefined, { "a.txt": "no newline", "run.sh": "echo hi\n" });
    const tree = await store.createTree(
      [
        { path: "a.txt", mode: "100644", type: "blob", content: "no newline\nnow two" },
        { path: "run.sh", mode: "100755", type: "blob", content: "echo hi\n" },
      ],
      (await store.getCommit(root))?.tree,
    );
    const head = await store.createCommit({ message: "m", tree: tree.sha, parents: [root] });
    const { files } = await store.compare(root, head.sha);
    expect(files[0]?.patch).toBe(await gitHunks(store, root, head.sha, "a.txt"));
    expect(files[0]?.patch).toContain("\\ No newline at end of file");
    expect(files[1]).toMatchObject({ filename: "run.sh", status: "changed", additions: 0, deletions: 0 });
    expect(files[1]).not.toHaveProperty("patch");
  });

  it("keeps later files aligned after a symlink turned into a file (two patch sections in git)", async () => {
    const store = await tempStore();
    const root = await commitFiles(store, undefined, { "b.txt": "b\n", "z.txt": "z\n" });
    const withLink = await store.createTree(
      [{ path: "a-link", mode: "120000", type: "blob", content: "b.txt" }],
      (await store.getCommit(root))?.tree,
    );
    const base = await store.createCommit({ message: "link", tree: withLink.sha, parents: [root] });
    const head = await commitFiles(store, base.sha, { "a-link": "now a file\n", "z.txt": "zz\n" });
    const { files } = await store.compare(base.sha, head);
    expect(files.map((file) => [file.filename, file.status, file.additions, file.deletions])).toEqual([
      ["a-link", "changed", 1, 1],
      ["z.txt", "modified", 1, 1],
    ]);
    expect(files[0]?.patch).toBe("@@ -1 +0,0 @@\n-b.txt\n\\ No newline at end of file\n@@ -0,0 +1 @@\n+now a file");
    expect(files[1]?.patch).toBe(await gitHunks(store, base.sha, head, "z.txt"));
  });

  it("answers 404 for an unknown side and for histories without a common ancestor", async () => {
    const store = await tempStore();
    const one = await commitFiles(store, undefined, { "a.txt": "a" });
    const other = await commitFiles(store, undefined, { "b.txt": "b" });
    await expect(store.compare("main", one)).rejects.toMatchObject({ status: 404 });
    await expect(store.compare(one, "main~1")).rejects.toMatchObject({ status: 404 });
    await expect(store.compare(one, other)).rejects.toMatchObject({
      status: 404,
      message: expect.stringContaining("No common ancestor"),
    });
  });
});

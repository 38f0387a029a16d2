import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { Sandbox } from "../../src/index.js";
import { gitProcessesStarted } from "../../src/git/run-git.js";
import { commitFiles, git, tempStore } from "./git-store-fixture.js";

/** Whether a process with this pid exists (signal 0 checks without signalling). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
    throw error;
  }
}

describe("the store's persistent git cat-file", () => {
  it("answers a missing object with undefined and goes on answering the reads after it", async () => {
    const store = await tempStore();
    const { sha } = await store.createBlob("present\n");
    const missing = "0123456789abcdef0123456789abcdef01234567";
    const [absent, present, headerOfAbsent, headerOfPresent] = await Promise.all([
      store.objects.read([missing]),
      store.objects.read([sha]),
      store.objects.stat([`${missing}^{commit}`]),
      store.objects.stat([sha]),
    ]);
    expect(absent).toEqual([undefined]);
    expect(present[0]?.content.toString("utf8")).toBe("present\n");
    expect(headerOfAbsent).toEqual([undefined]);
    expect(headerOfPresent).toEqual([{ sha, type: "blob", size: 8 }]);
    expect(await store.getBlob(missing)).toBeUndefined();
  });

  it("returns binary content byte for byte: NUL bytes, newlines, multi-byte UTF-8, megabytes", async () => {
    const store = await tempStore();
    const text = Buffer.from("héllo wörld ✓ 🚀\n\0\n", "utf8");
    const big = Buffer.concat([randomBytes(3 * 1024 * 1024), Buffer.from("\n\0\n"), text]);
    const [small, large] = await Promise.all([store.createBlob(text), store.createBlob(big)]);
    const [smallObject, largeObject, after] = await store.objects.read([small.sha, large.sha, small.sha]);
    expect(smallObject?.size).toBe(text.length);
    expect(smallObject?.content.equals(text)).toBe(true);
    expect(largeObject?.size).toBe(big.length);
    expect(largeObject?.content.equals(big)).toBe(true);
    expect(after?.content.equals(text)).toBe(true);
    expect((await store.getBlob(large.sha))?.content.equals(big)).toBe(true);
  });

  it("answers many concurrent reads each with its own object, in the order asked", async () => {
    const store = await tempStore();
    const contents = Array.from({ length: 100 }, (_, index) => `file ${index}\n${"x".repeat(index * 37)}`);
    const blobs = await Promise.all(contents.map((content) => store.createBlob(content)));
    const reads = blobs.map(async ({ sha }, index) => {
      const [header] = index % 3 === 0 ? await store.objects.stat([sha]) : [undefined];
      const blob = await store.getBlob(sha);
      return { header, content: blob?.content.toString("utf8") };
    });
    const results = await Promise.all(reads);
    results.forEach((result, index) => {
      expect(result.content).toBe(contents[index]);
      if (index % 3 === 0) expect(result.header?.size).toBe(Buffer.byteLength(contents[index] ?? ""));
    });
    const batch = await store.objects.read(blobs.map(({ sha }) => sha));
    expect(batch.map((object) => object?.content.toString("utf8"))).toEqual(contents);
  });

  it("sees objects written and refs moved after it started", async () => {
    const store = await tempStore();
    const first = await commitFiles(store, undefined, { "a.txt": "one\n" });
    await store.createRef("heads/main", first);
    expect(await store.resolveCommit("main")).toBe(first);
    const second = await commitFiles(store, first, { "a.txt": "two\n" });
    await store.updateRef("heads/main", second);
    expect(await store.resolveCommit("main")).toBe(second);
    expect((await store.readFile("main", "a.txt"))?.content.toString("utf8")).toBe("two\n");
    // objects a fetch brings in arrive as a pack, not as loose objects
    const other = await tempStore();
    await other.fetchFrom(store, ["+refs/heads/*:refs/heads/*"]);
    expect(await other.resolveCommit("main")).toBe(second);
    await git(other, "repack", "-a", "-d", "-q");
    expect((await other.readFile("main", "a.txt"))?.content.toString("utf8")).toBe("two\n");
  });

  it("fails the reads a killed child owed with a clear error, then starts a new child", async () => {
    const store = await tempStore();
    const { sha } = await store.createBlob("survives\n");
    await store.objects.read([sha]);
    const [pid] = store.objects.pids();
    expect(pid).toBeDefined();
    process.kill(pid ?? 0, "SIGKILL");
    await expect(store.objects.read([sha])).rejects.toThrow(/git cat-file --batch for .* exited \(SIGKILL\)/);
    const [again] = await store.objects.read([sha]);
    expect(again?.content.toString("utf8")).toBe("survives\n");
    expect(store.objects.pids()).not.toContain(pid);
  });

  it("kills its children on close and refuses reads afterwards", async () => {
    const store = await tempStore();
    const { sha } = await store.createBlob("closing\n");
    await Promise.all([store.objects.read([sha]), store.objects.stat([sha])]);
    const pids = store.objects.pids();
    expect(pids).toHaveLength(2);
    expect(pids.every(isRunning)).toBe(true);
    await store.close();
    expect(pids.filter(isRunning)).toEqual([]);
    await expect(store.getBlob(sha)).rejects.toThrow(/is closed/);
  });

  it("reads with a fixed number of processes however many objects it reads", async () => {
    const store = await tempStore();
    const blobs = await Promise.all(Array.from({ length: 50 }, (_, index) => store.createBlob(`blob ${index}\n`)));
    await store.getBlob(blobs[0]?.sha ?? "");
    const before = gitProcessesStarted();
    await Promise.all(blobs.map(({ sha }) => store.getBlob(sha)));
    await Promise.all(blobs.map(({ sha }) => store.objects.stat([sha])));
    // the first stat starts the --batch-check child; every read after costs no process
    expect(gitProcessesStarted() - before).toBe(1);
  });
});

describe("a script using a store", () => {
  const storeModule = new URL("../../src/git/index.ts", import.meta.url).href;
  const script = [
    'import { mkdtemp } from "node:fs/promises";',
    'import { tmpdir } from "node:os";',
    'import { join } from "node:path";',
    `import { GitStore } from ${JSON.stringify(storeModule)};`,
    'const store = await GitStore.init(join(await mkdtemp(join(tmpdir(), "autopilot-cat-file-")), "r.git"));',
    'const { sha } = await store.createBlob("x");',
    "const blob = await store.getBlob(sha);",
    'if (process.argv[2] === "close") await store.close();',
    "process.stdout.write(`${blob?.content.toString()} ${store.objects.pids().length}`);",
  ].join("\n");

  // an idle cat-file must not keep Node running, and closing must not leave Node with nothing to wait on
  it.each([
    ["without closing", "open", "x 1"],
    ["after closing", "close", "x 0"],
  ])("exits on its own %s", async (_, mode, printed) => {
    const dir = await mkdtemp(join(tmpdir(), "autopilot-cat-file-script-"));
    try {
      await writeFile(join(dir, "script.mts"), script);
      const run = promisify(execFile)(process.execPath, ["--import", "tsx", join(dir, "script.mts"), mode], {
        timeout: 60_000,
      });
      expect((await run).stdout).toBe(printed);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("Sandbox.stop", () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => sandbox?.stop());

  it("leaves no git cat-file of any repository running", async () => {
    sandbox = await Sandbox.start();
    const repo = sandbox.repo;
    const [first = ""] = await repo.git.listFiles(repo.defaultBranch);
    expect(await repo.git.readFile(repo.defaultBranch, first)).toBeDefined();
    const pids = sandbox.state.repos().flatMap((each) => each.git.objects.pids());
    expect(pids.length).toBeGreaterThan(0);
    await sandbox.stop();
    sandbox = undefined;
    expect(pids.filter(isRunning)).toEqual([]);
  });
});

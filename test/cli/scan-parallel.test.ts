import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHUNK, compileAllowlist, FileReadError, scanFileList } from "../../src/cli/scan-file-list.js";
import { scanFiles } from "../../src/cli/scan-files.js";
import { fakeGithubToken } from "../helpers/fake-credentials.js";
import { runCli } from "./cli-harness.js";

const FILES = 1000;
/** files holding a credential, spread over every thread's share */
const PLANTED = [3, 4, 5, 250, 501, 502, 997];

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "autopilot-scan-parallel-"));
  mkdirSync(join(dir, "src"));
  for (let i = 0; i < FILES; i++) {
    const name = `src/module-${String(i).padStart(4, "0")}.ts`;
    const lines = [`export const id${i} = ${i};`, "export function keyOf(item: { key: string }) { return item.key; }"];
    if (PLANTED.includes(i)) lines.push(`const token = "${fakeGithubToken()}";`);
    writeFileSync(join(dir, name), `${lines.join("\n")}\n`);
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const listed = () =>
  Array.from({ length: FILES }, (_, i) => ({ path: `src/module-${String(i).padStart(4, "0")}.ts`, explicit: false }));

describe("autopilot scan on several threads", () => {
  it("findings come back in file order, whichever thread scanned each file", async () => {
    const single = await scanFiles(dir, listed(), {}, 1);
    const parallel = await scanFiles(dir, listed(), {}, 2, { stopLateWorkers: false });
    expect(single.workers).toBe(0);
    expect(parallel.workers).toBe(1);
    expect(parallel.files).toBe(FILES);
    expect(parallel.bytes).toBe(single.bytes);
    expect(parallel.findings).toEqual(single.findings);
    expect(parallel.findings.map((finding) => finding.file)).toEqual(
      PLANTED.map((i) => `src/module-${String(i).padStart(4, "0")}.ts`),
    );
  });

  it("every thread honours the allowlist's paths, which each compiles for itself", async () => {
    const allowlist = { paths: ["src/module-000*.ts"] };
    const single = await scanFiles(dir, listed(), allowlist, 1);
    const parallel = await scanFiles(dir, listed(), allowlist, 2, { stopLateWorkers: false });
    expect(parallel.workers).toBe(1);
    expect(parallel.findings).toEqual(single.findings);
    expect(parallel.findings.map((finding) => finding.file)).toEqual(
      PLANTED.filter((i) => i >= 10).map((i) => `src/module-${String(i).padStart(4, "0")}.ts`),
    );
  });

  it("does not wait for a worker that starts after this thread has scanned every file", async () => {
    // this thread reads 1,000 small files well before a worker has loaded its modules through tsx
    const single = await scanFiles(dir, listed(), {}, 1);
    const parallel = await scanFiles(dir, listed(), {}, 2);
    expect(parallel.findings).toEqual(single.findings);
    expect(parallel.files).toBe(FILES);
    expect(parallel.workers).toBeLessThanOrEqual(1);
  });

  it("a thread scans only the chunks it claims from the shared counter", async () => {
    const next = new Int32Array(new SharedArrayBuffer(4));
    next[0] = 30 * CHUNK; // other threads have claimed the first 30 chunks
    const scan = scanFileList(dir, listed(), await compileAllowlist({}), next);
    expect(scan.files).toBe(FILES - 30 * CHUNK);
    expect(scan.findings.map((entry) => entry.index)).toEqual(PLANTED.filter((i) => i >= 30 * CHUNK));
    expect(next[0]).toBeGreaterThanOrEqual(FILES);
  });

  it("the CLI reports the same with --jobs 1 and --jobs 2", async () => {
    const one = await runCli(["scan", "--all", "--jobs", "1", "--format", "json", "src"], dir);
    const two = await runCli(["scan", "--all", "--jobs", "2", "--format", "json", "src"], dir);
    expect(one.code).toBe(1);
    expect(two).toEqual(one);
    expect(JSON.parse(two.stdout).findings).toHaveLength(PLANTED.length);
  });

  it("a file a worker cannot read stops the scan with its name", async () => {
    const files = listed();
    files[1] = { path: "src/vanished.ts", explicit: true };
    await expect(scanFiles(dir, files, {}, 2)).rejects.toThrow(
      new FileReadError("cannot read src/vanished.ts: ENOENT"),
    );
  });

  it("no thread follows a symbolic link or reads past 100 MiB", async () => {
    const links = mkdtempSync(join(tmpdir(), "autopilot-scan-links-"));
    try {
      writeFileSync(join(links, "outside.txt"), `token=${fakeGithubToken()}\n`);
      mkdirSync(join(links, "repo"));
      symlinkSync(join(links, "outside.txt"), join(links, "repo/notes.txt"));
      symlinkSync("/dev/zero", join(links, "repo/zero.txt"));
      writeFileSync(join(links, "repo/huge.bin"), "");
      truncateSync(join(links, "repo/huge.bin"), 100 * 1024 * 1024 + 1); // sparse
      // every chunk, whichever thread claims it, holds the links and the large file
      const files = Array.from({ length: FILES }, (_, i) => ({
        path: i % 100 === 50 ? "huge.bin" : i % 2 ? "notes.txt" : "zero.txt",
        explicit: false,
      }));
      const scan = await scanFiles(join(links, "repo"), files, {}, 2, { stopLateWorkers: false });
      expect(scan.workers).toBe(1);
      expect(scan.findings).toEqual([]);
      expect(scan.files).toBe(FILES - 10);
      expect(scan.skipped.map((entry) => entry.file)).toEqual(Array(10).fill("huge.bin"));
    } finally {
      rmSync(links, { recursive: true, force: true });
    }
  });

  it("rejects a --jobs that is not a positive whole number", async () => {
    for (const jobs of ["0", "1000", "two", "1.5"]) {
      const run = await runCli(["scan", "--jobs", jobs, "src"], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`--jobs must be a whole number from 1 to 999, not "${jobs}"`);
    }
  });
});

import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, truncateSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { fakeGithubToken } from "../helpers/fake-credentials.js";
import { commit, gitIn, gitRepo, runCli, tempDir, writeFiles } from "./cli-harness.js";

/** A file outside any repository holding a credential, as `~/.git-credentials` would. */
function outsideSecret(): string {
  const dir = tempDir();
  writeFiles(dir, { "credentials.txt": `token=${fakeGithubToken()}\n` });
  return join(dir, "credentials.txt");
}

describe("autopilot scan", () => {
  it("reports a credential with file, line and column, redacted, and exits 1", async () => {
    const token = fakeGithubToken();
    const dir = tempDir();
    writeFiles(dir, { "src/client.ts": `const a = 1;\nconst token = "${token}";\n`, "README.md": "hello\n" });
    const run = await runCli(["scan", "--format", "json", "."], dir);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.scanned.files).toBe(2);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ file: "src/client.ts", line: 2, column: 16 });
    expect(report.findings[0].rule).toMatch(/github/);
    expect(Object.keys(report.findings[0]).sort()).toEqual(["column", "file", "line", "preview", "rule"]);
    expect(run.stdout).not.toContain(token);
    expect(run.stdout).not.toContain(token.slice(8));
  });

  it("exits 0 on a clean tree and says how much it read", async () => {
    const dir = tempDir();
    writeFiles(dir, { "a.ts": "export const x = 1;\n" });
    const run = await runCli(["scan", dir], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/no secrets found in 1 file/);
  });

  it("skips .gitignore'd files inside a git work tree unless --all", async () => {
    const root = gitRepo({ ".gitignore": "local/\n", "a.ts": "export {};\n" });
    writeFiles(root, { "local/.env": `TOKEN=${fakeGithubToken()}\n` });
    expect((await runCli(["scan", "."], root)).code).toBe(0);
    const all = await runCli(["scan", "--all", "."], root);
    expect(all.code).toBe(1);
    expect(all.stdout).toContain("local/.env:1:");
  });

  it("skips binary files, .git and node_modules", async () => {
    const dir = tempDir();
    writeFiles(dir, {
      "node_modules/pkg/index.js": `module.exports = "${fakeGithubToken()}";\n`,
      "image.png": `\u0000\u0001PNG${fakeGithubToken()}\u0000`,
    });
    const run = await runCli(["scan", "--format", "json", "--all", "."], dir);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).scanned.files).toBe(0);
  });

  it("judges files with control characters as git does: a few are text, many are binary", async () => {
    const dir = tempDir();
    const token = fakeGithubToken();
    const line = `const token = "${token}";\n`;
    writeFiles(dir, {
      // ASCII with a form feed, an escape and one bell: text, scanned
      "few.js": `\f\u001b[0m\u0007${line}${"// padding of ordinary text\n".repeat(20)}`,
      // ASCII, no NUL, but control characters everywhere in its first 8000 bytes: binary, skipped
      "many.dat": `${"\u0001\u0002ab".repeat(3000)}${line}`,
      // the same shapes beyond ASCII
      "few-utf8.js": `// café \u0007\n${line}${"// ✓ ordinary text\n".repeat(20)}`,
      "many-utf8.dat": `é${"\u0001\u0002ab".repeat(3000)}${line}`,
    });
    const run = await runCli(["scan", "--format", "json", "--all", "."], dir);
    const report = JSON.parse(run.stdout);
    expect(report.scanned.files).toBe(2);
    expect(report.findings.map((f: { file: string }) => f.file).sort()).toEqual(["few-utf8.js", "few.js"]);
  });

  it("scans a file larger than the reader's buffer whole", async () => {
    const dir = tempDir();
    const token = fakeGithubToken();
    const filler = "export const value = 1;\n".repeat(150_000); // ~3.6 MB, past the 1 MiB buffer
    writeFiles(dir, { "big.js": `${filler}const token = "${token}";\n${filler}` });
    const run = await runCli(["scan", "--format", "json", "big.js"], dir);
    const report = JSON.parse(run.stdout);
    expect(report.scanned.bytes).toBe(Buffer.byteLength(filler) * 2 + `const token = "${token}";\n`.length);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ file: "big.js", line: 150_001 });
  });

  it("does not follow a committed symbolic link out of the repository or into a device", async () => {
    const root = gitRepo({ "a.ts": "export {};\n" });
    mkdirSync(join(root, "src"));
    symlinkSync(outsideSecret(), join(root, "src/notes.txt"));
    symlinkSync("/dev/zero", join(root, "src/zero.txt"));
    gitIn(root, "add", "-A");
    gitIn(root, "commit", "-q", "-m", "links");
    for (const args of [
      ["scan", "--format", "json", "."],
      ["scan", "--format", "json", "--all", "."],
    ]) {
      const run = await runCli(args, root);
      expect(run.stderr).toBe("");
      const report = JSON.parse(run.stdout);
      expect(report.findings).toEqual([]);
      // each link is read as git stores it: its link text, a few bytes
      expect(report.scanned.files).toBe(3);
      expect(report.scanned.bytes).toBeLessThan(1000);
      expect(run.code).toBe(0);
    }
    const text = await runCli(["scan", "src/notes.txt", "src/zero.txt"], root);
    expect(text.stdout).not.toContain("token=");
    expect(text.stdout).toContain("note: src/zero.txt is a symbolic link: its link text was scanned");
    expect(text.code).toBe(0);
  });

  it("scans a symbolic link's text, which is what a commit adds", async () => {
    const root = gitRepo({ "a.ts": "export {};\n" });
    symlinkSync(fakeGithubToken(), join(root, "dangling"));
    const run = await runCli(["scan", "--format", "json", "."], root);
    expect(JSON.parse(run.stdout).findings.map((f: { file: string }) => f.file)).toEqual(["dangling"]);
    expect(run.code).toBe(1);
  });

  it("does not open a FIFO, and says so when it was named", async () => {
    const dir = tempDir();
    execFileSync("mkfifo", [join(dir, "pipe")]);
    writeFiles(dir, { "a.ts": "export {};\n" });
    const named = await runCli(["scan", "pipe", "a.ts"], dir);
    expect(named.stdout).toContain("skipped pipe: not a regular file (a FIFO)");
    expect(named.stdout).toMatch(/no secrets found in 1 file/);
    expect(named.code).toBe(0);
    const walked = await runCli(["scan", "--format", "json", "--all", "."], dir);
    expect(JSON.parse(walked.stdout)).toMatchObject({ scanned: { files: 1 }, skipped: [] });
  });

  it("reports a file over GitHub's 100 MiB limit as not scanned instead of reading it", async () => {
    const root = gitRepo({ "a.ts": "export {};\n" });
    writeFiles(root, { "huge.bin": "" });
    truncateSync(join(root, "huge.bin"), 100 * 1024 * 1024 + 1); // sparse: no disk written
    const run = await runCli(["scan", "--format", "json", "."], root);
    const report = JSON.parse(run.stdout);
    expect(report.skipped).toEqual([{ file: "huge.bin", reason: expect.stringMatching(/over GitHub's 100 MiB/) }]);
    expect(report.scanned.files).toBe(1);
    expect(run.code).toBe(0);
    const text = await runCli(["scan", "huge.bin"], root);
    expect(text.stdout).toMatch(/^skipped huge\.bin: 104857601 bytes, over GitHub's 100 MiB file limit: not scanned$/m);
  });

  it("reads a diff from a pipe, but no more than 100 MiB of it", async () => {
    const run = await runCli(["scan", "--diff", "/dev/zero"], tempDir());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("cannot read /dev/zero: larger than 100 MiB");
  });

  it("reads the allowlist at --config-ref, so the change scanned cannot allowlist what it adds", async () => {
    const root = gitRepo({ ".github/autopilot.yml": "secrets:\n  allowlist:\n    paths: ['fixtures/**']\n" });
    gitIn(root, "checkout", "-q", "-b", "feature");
    commit(
      root,
      {
        "src/key.ts": `export const t = "${fakeGithubToken()}";\n`,
        ".github/autopilot.yml": "secrets:\n  allowlist:\n    paths: ['**']\n",
      },
      "widen the allowlist",
    );
    // a pre-commit hook on one's own repository reads the working tree
    expect((await runCli(["scan", "."], root)).code).toBe(0);
    const ci = await runCli(["scan", "--config-ref", "main", "."], root);
    expect(ci.stdout).toMatch(/^src\/key\.ts:1:/m);
    expect(ci.code).toBe(1);
    // a ref without the file: the defaults, which allowlist nothing
    const bare = gitRepo({ "a.ts": "export {};\n" });
    commit(
      bare,
      {
        "fixtures/t.txt": `${fakeGithubToken()}\n`,
        ".github/autopilot.yml": "secrets:\n  allowlist:\n    paths: ['**']\n",
      },
      "x",
    );
    expect((await runCli(["scan", "--config-ref", "HEAD~1", "."], bare)).code).toBe(1);
    const bad = await runCli(["scan", "--config-ref", "nope", "."], root);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--config-ref nope is not a commit");
    expect((await runCli(["scan", "--config-ref", "--output=x", "."], root)).code).toBe(2);
  });

  it("scans only the added lines of a diff, with new-file line numbers", async () => {
    const removed = fakeGithubToken();
    const added = fakeGithubToken();
    const diff = [
      "diff --git a/config.js b/config.js",
      "index 1111111..2222222 100644",
      "--- a/config.js",
      "+++ b/config.js",
      "@@ -10,3 +10,3 @@",
      " const a = 1;",
      `-const old = "${removed}";`,
      `+const fresh = "${added}";`,
      " const b = 2;",
      "",
    ].join("\n");
    const run = await runCli(["scan", "--format", "json", "--diff", "-"], tempDir(), diff);
    expect(run.code).toBe(1);
    const { findings } = JSON.parse(run.stdout);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ file: "config.js", line: 11 });
  });

  it("exits 2 with a message naming the path it could not read", async () => {
    const run = await runCli(["scan", "does-not-exist"], tempDir());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("does-not-exist");
    const diff = await runCli(["scan", "--diff", "missing.diff"], tempDir());
    expect(diff.code).toBe(2);
    expect(diff.stderr).toContain("missing.diff");
  });

  it("exits 2 on bad usage", async () => {
    expect((await runCli(["scan", "--format", "xml"], tempDir())).code).toBe(2);
    expect((await runCli(["scan", "--bogus"], tempDir())).code).toBe(2);
    expect((await runCli(["scan", "--diff", "-", "a.ts"], tempDir())).code).toBe(2);
  });

  it("honours the allowlist of the repository's configuration", async () => {
    const root = gitRepo({
      ".github/autopilot.yml": "secrets:\n  allowlist:\n    paths: ['fixtures/**']\n",
      "fixtures/token.txt": `${fakeGithubToken()}\n`,
    });
    expect((await runCli(["scan", "."], root)).code).toBe(0);
  });

  it("finds nothing in this repository itself", async () => {
    const run = await runCli(["scan", "--format", "json", "."], resolve(import.meta.dirname, "../.."));
    expect(JSON.parse(run.stdout).findings).toEqual([]);
    expect(run.code).toBe(0);
  });
});

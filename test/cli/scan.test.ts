import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { fakeGithubToken } from "../helpers/fake-credentials.js";
import { gitRepo, runCli, tempDir, writeFiles } from "./cli-harness.js";

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

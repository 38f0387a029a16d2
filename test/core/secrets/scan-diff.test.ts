import { describe, expect, it } from "vitest";
import { scanDiff, scanPatch } from "../../../src/core/secrets/index.js";
import { ALNUM, RandomTokens } from "../../helpers/random-tokens.js";

const r = new RandomTokens(314);
const token = () => "gh" + "p_" + r.chars(ALNUM, 36);

describe("scanDiff", () => {
  it("reports added lines only, with new-file paths and line numbers", () => {
    const added = token();
    const removed = token();
    const context = token();
    const second = token();
    const diff = [
      "diff --git a/src/config.ts b/src/config.ts",
      "index 1111111..2222222 100644",
      "--- a/src/config.ts",
      "+++ b/src/config.ts",
      "@@ -10,4 +10,5 @@ export const config = {",
      `   contextToken: "${context}",`,
      `-  oldToken: "${removed}",`,
      `+  newToken: "${added}",`,
      "+  other: 1,",
      "   done: true,",
      " };",
      "diff --git a/docs/setup.md b/docs/setup.md",
      "new file mode 100644",
      "--- /dev/null",
      "+++ b/docs/setup.md",
      "@@ -0,0 +1,3 @@",
      "+# Setup",
      "+",
      `+Use \`${second}\` as the token.`,
    ].join("\n");
    const findings = scanDiff(diff);
    expect(findings.map((f) => [f.file, f.line, f.rule])).toEqual([
      ["src/config.ts", 11, "github-token"],
      ["docs/setup.md", 3, "github-token"],
    ]);
  });

  it("follows renames, skips deleted files and treats +++/--- inside a hunk as content", () => {
    const inHunk = token();
    const diff = [
      "diff --git a/old/name.env b/new/name.env",
      "similarity index 90%",
      "rename from old/name.env",
      "rename to new/name.env",
      "--- a/old/name.env",
      "+++ b/new/name.env",
      "@@ -1,2 +1,3 @@",
      " A=1",
      `++++ TOKEN=${inHunk}`,
      "+--- not a header",
      "diff --git a/gone.env b/gone.env",
      "deleted file mode 100644",
      "--- a/gone.env",
      "+++ /dev/null",
      "@@ -1 +0,0 @@",
      `-TOKEN=${token()}`,
    ].join("\n");
    const findings = scanDiff(diff);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ file: "new/name.env", line: 2, rule: "github-token" });
  });

  it("reads git's quoted paths and diffs without a/ b/ prefixes", () => {
    const quoted = [
      'diff --git "a/caf\\303\\251 x.env" "b/caf\\303\\251 x.env"',
      '--- "a/caf\\303\\251 x.env"',
      '+++ "b/caf\\303\\251 x.env"',
      "@@ -0,0 +1 @@",
      `+TOKEN=${token()}`,
    ].join("\n");
    expect(scanDiff(quoted)[0]!.file).toBe("café x.env");
    const bare = ["--- app.env", "+++ app.env", "@@ -0,0 +1 @@", `+TOKEN=${token()}`].join("\n");
    expect(scanDiff(bare)[0]!.file).toBe("app.env");
  });

  it("keeps a private key added as a block together and reports its BEGIN line", () => {
    const body = Array.from({ length: 5 }, () => `+${r.chars(ALNUM, 64)}`);
    const label = "EC " + "PRIVATE KEY";
    const diff = [
      "--- a/k.pem",
      "+++ b/k.pem",
      "@@ -3,0 +4,7 @@",
      `+-----BEGIN ${label}-----`,
      ...body,
      `+-----END ${label}-----`,
    ].join("\n");
    expect(scanDiff(diff)).toMatchObject([{ file: "k.pem", line: 4, column: 1, rule: "private-key" }]);
  });

  it("applies the allowlist to the new path", () => {
    const diff = ["--- a/test/f.env", "+++ b/test/f.env", "@@ -0,0 +1 @@", `+TOKEN=${token()}`].join("\n");
    expect(scanDiff(diff, { allowlist: { paths: ["test/**"] } })).toEqual([]);
  });
});

describe("scanPatch", () => {
  it("scans one file's hunks as GitHub returns them in files[].patch", () => {
    const secret = token();
    const patch = [
      "@@ -1,3 +1,4 @@",
      " line one",
      "-line two",
      "+line 2",
      `+const t = "${secret}";`,
      " line three",
      "@@ -40,2 +41,2 @@",
      " x",
      `-y = "${token()}"`,
      "+y = 2",
    ].join("\n");
    const findings = scanPatch("src/a.ts", patch);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ file: "src/a.ts", line: 3, rule: "github-token" });
    expect(findings[0]!.preview).not.toContain(secret);
  });

  it("returns nothing for a patch without added secrets", () => {
    expect(scanPatch("src/a.ts", "@@ -1 +1 @@\n-old\n+new")).toEqual([]);
  });
});

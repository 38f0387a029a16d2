import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildGeneratedFiles, generateSchemas } from "../../scripts/generate-schemas.js";

describe("generated files", () => {
  const temporary: string[] = [];
  afterEach(() => {
    for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("are up to date in the repository (run `npm run schemas` after changing a schema)", () => {
    const result = generateSchemas({ check: true });
    expect(result.stale).toEqual([]);
    expect(result.written).toEqual([]);
    expect(result.files.map((file) => file.path)).toEqual([
      "docs/autopilot.schema.json",
      "docs/configuration.md",
      "ops/schemas/task-file.schema.json",
      "ops/schemas/model-decision.schema.json",
      "ops/schemas/queue-line.schema.json",
      "ops/schemas/por.schema.json",
      "src/config/default-config-json.ts",
    ]);
  });

  it("detects a stale or missing file in check mode without writing, and fixes it in write mode", () => {
    const outDir = mkdtempSync(join(tmpdir(), "autopilot-schemas-"));
    temporary.push(outDir);
    const before = generateSchemas({ outDir, check: true });
    expect(before.stale).toHaveLength(before.files.length);
    expect(before.written).toEqual([]);

    const written = generateSchemas({ outDir });
    expect(written.written).toEqual(written.files.map((file) => file.path));
    expect(generateSchemas({ outDir, check: true }).stale).toEqual([]);

    writeFileSync(join(outDir, "docs/configuration.md"), "edited by hand\n");
    expect(generateSchemas({ outDir, check: true }).stale).toEqual(["docs/configuration.md"]);
  });

  it("is deterministic and ends every file with a newline", () => {
    const first = buildGeneratedFiles();
    const second = buildGeneratedFiles();
    expect(second).toEqual(first);
    for (const file of first) expect(file.content.endsWith("\n"), file.path).toBe(true);
    for (const file of first.filter((f) => f.path.endsWith(".json"))) {
      expect(() => JSON.parse(file.content), file.path).not.toThrow();
    }
  });

  it("documents every configuration section, the merge policy and a real error listing", () => {
    const docs = readFileSync(new URL("../../docs/configuration.md", import.meta.url), "utf8");
    for (const heading of [
      "## General",
      "## `labels`",
      "## `defaults`",
      "## `dispatch`",
      "## `secrets`",
      "## `concordance`",
      "## `review`",
      "## `merge`",
      "### Default merge policy",
      "## Example",
      "## Validation errors",
    ]) {
      expect(docs).toContain(heading);
    }
    expect(docs).toContain("| `merge.method` | `merge` \\| `squash` \\| `rebase` | — | How Autopilot merges a task PR");
    expect(docs).toContain(
      "- `merge.method` (line 3, col 11): must be one of `merge`, `squash`, `rebase`, got the text `fast-forward`",
    );
  });
});

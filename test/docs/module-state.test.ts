import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");

/**
 * Process-wide memos of pure functions and static data: same input, same answer, whichever app
 * instance asks, so sharing them is never observable. Anything else an app instance learns
 * belongs to its services (`src/handlers/app-services.ts`).
 */
const pureMemos = new Set([
  "src/llm/tokenizer.ts: loaded", // the rank tables gpt-tokenizer ships, loaded on first use
  "src/llm/tokenizer.ts: modelEncodings", // the package's model → encoding table
  "src/core/secrets/classify-secret-name.ts: classified", // a pure function's verdicts, bounded
  "src/core/scope/normalize-pattern.ts: magicCache", // a pure function's verdicts, bounded
  "src/core/secrets/for-each-candidate-line.ts: scratch", // a buffer reused by a synchronous scanner
  "src/core/secrets/for-each-candidate-line.ts: utf8TableMemo", // static data, built on first use
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** `let x` or an empty `new Map()`/`Set`/`WeakMap`/`WeakSet` at the top of a module: state that outlives a call. */
const moduleState =
  /^(?:export )?(?:let (\w+)|const (\w+)(?:\s*:[^=]+)? = new (?:Map|Set|WeakMap|WeakSet)(?:<.*>)?\(\);)/gm;

describe("module state", () => {
  it("src/ keeps no mutable state in a module, but for pure memos: an app instance's state lives in its services", () => {
    const found = sourceFiles(join(root, "src")).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(moduleState)].map(
        (match) => `${relative(root, file)}: ${match[1] ?? match[2]}`,
      ),
    );
    expect(found.filter((entry) => !pureMemos.has(entry))).toEqual([]);
    expect(found.sort()).toEqual([...pureMemos].sort());
  });
});

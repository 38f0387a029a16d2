import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processIo } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";
import { ONE_SCAN_V8_FLAGS, scanFiles } from "../../src/cli/scan-files.js";

const FILES = 80;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "autopilot-scan-tuning-"));
  for (let i = 0; i < FILES; i++) writeFileSync(join(dir, `m${i}.ts`), `export const key${i} = keys[${i}];\n`);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const listed = (count: number) => Array.from({ length: count }, (_, i) => ({ path: `m${i}.ts`, explicit: false }));

describe("V8 tuned for a one-shot scan", () => {
  it("turns off the optimizing compiler's inlining for a scan of many files, where the process allows it", async () => {
    const set: string[] = [];
    await scanFiles(dir, listed(5), {}, 1, { setV8Flags: (flags) => set.push(flags) });
    expect(set).toEqual([]);
    await scanFiles(dir, listed(FILES), {}, 1, { setV8Flags: (flags) => set.push(flags) });
    expect(set).toEqual(["--no-turbo-inlining"]);
    expect(ONE_SCAN_V8_FLAGS).toBe("--no-turbo-inlining");
  });

  it("is done by `autopilot scan` through the process's streams, which only the real CLI gives", async () => {
    const set: string[] = [];
    const out: string[] = [];
    const io = {
      cwd: dir,
      stdout: (text: string) => out.push(text),
      stderr: () => {},
      stdin: async () => "",
      untilStopped: async () => {},
    };
    expect(await main(["scan", "--all", "."], io)).toBe(0);
    expect(await main(["scan", "--all", "."], { ...io, setV8Flags: (flags: string) => set.push(flags) })).toBe(0);
    expect(out.join("")).toContain(`no secrets found in ${FILES} file(s)`);
    expect(set).toEqual([ONE_SCAN_V8_FLAGS]);
    expect(processIo().setV8Flags).toBeTypeOf("function");
  });
});

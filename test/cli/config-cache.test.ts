/**
 * `autopilot check` keeps a validated configuration as `autopilot scan` keeps its allowlist: read
 * back only for the very text and build, from an entry of the user's own with a configuration's
 * shape; so a check on a repository with `.github/autopilot.yml` loads no schema the second time.
 */
import { chmodSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cachedConfig } from "../../src/cli/config-cache.js";
import type { Config } from "../../src/config/index.js";
import { defaultConfig } from "../../src/config/index.js";
import { tempDir, writeFiles } from "./cli-harness.js";

const text = "secrets:\n  allowlist:\n    paths: [fixtures/**]\n";

function validated(): Config {
  const config = defaultConfig();
  config.secrets.allowlist.paths = ["fixtures/**"];
  return config;
}

/** A validation that counts its calls, as the configuration module would answer. */
function counting(config: Config = validated()) {
  const calls = { count: 0 };
  return {
    calls,
    validate: async () => {
      calls.count += 1;
      return config;
    },
  };
}

describe("the configuration cache of autopilot check", () => {
  it("validates a configuration once per content and build, then reads it back whole", async () => {
    const cache = { dir: join(tempDir(), "cache"), build: "0.1.0:1" };
    const { calls, validate } = counting();
    expect(await cachedConfig(text, validate, cache)).toEqual(validated());
    expect(await cachedConfig(text, validate, cache)).toEqual(validated());
    expect(calls.count).toBe(1);
    expect(readdirSync(cache.dir)).toEqual([expect.stringMatching(/^config-[0-9a-f]{16}\.json$/)]);

    await cachedConfig(`${text}# edited\n`, validate, cache);
    expect(calls.count).toBe(2);
    await cachedConfig(text, validate, { ...cache, build: "0.1.0:2" });
    expect(calls.count).toBe(3);
  });

  it("keeps the working tree's copy and a revision's apart, even with the same text", async () => {
    const cache = { dir: join(tempDir(), "cache"), build: "b" };
    const { calls, validate } = counting();
    await cachedConfig(text, validate, cache, "working tree");
    await cachedConfig(text, validate, cache, "ref:main");
    expect(calls.count).toBe(2);
    expect(readdirSync(cache.dir)).toHaveLength(2);
    // an entry for another source, renamed onto this one's name, is not read back
    const [a, b] = readdirSync(cache.dir).map((name) => join(cache.dir, name));
    const [textA, textB] = [readFileSync(a!, "utf8"), readFileSync(b!, "utf8")];
    writeFileSync(a!, textB, { mode: 0o600 });
    writeFileSync(b!, textA, { mode: 0o600 });
    await cachedConfig(text, validate, cache, "working tree");
    await cachedConfig(text, validate, cache, "ref:main");
    expect(calls.count).toBe(4);
  });

  it("keeps nothing of an invalid configuration: its errors are reported on every run", async () => {
    const cache = { dir: join(tempDir(), "cache"), build: "b" };
    let calls = 0;
    const invalid = async (): Promise<Config> => {
      calls += 1;
      throw new Error("invalid configuration in .github/autopilot.yml");
    };
    await expect(cachedConfig("merge: [", invalid, cache)).rejects.toThrow(/invalid configuration/);
    await expect(cachedConfig("merge: [", invalid, cache)).rejects.toThrow(/invalid configuration/);
    expect(calls).toBe(2);
  });

  it("does not trust an entry without a configuration's keys and allowlist: it validates again", async () => {
    const cache = { dir: join(tempDir(), "cache"), build: "b" };
    const { calls, validate } = counting();
    await cachedConfig(text, validate, cache);
    const entry = join(cache.dir, readdirSync(cache.dir)[0]!);
    const written = JSON.parse(readFileSync(entry, "utf8"));
    const { review: _, ...withoutReview } = written.config;
    for (const config of [
      { paths: ["**"] },
      withoutReview,
      { ...written.config, gates: "off" },
      { ...written.config, secrets: { allowlist: { paths: "**" } } },
      { ...written.config, secrets: null },
      [written.config],
    ]) {
      writeFileSync(entry, JSON.stringify({ ...written, config }), { mode: 0o600 });
      expect(await cachedConfig(text, validate, cache)).toEqual(validated());
    }
    expect(calls.count).toBe(7);
  });

  it("does not read an entry others could have written, nor one for another text or build", async () => {
    const cache = { dir: join(tempDir(), "cache"), build: "b" };
    const { calls, validate } = counting();
    await cachedConfig(text, validate, cache);
    const entry = join(cache.dir, readdirSync(cache.dir)[0]!);
    const written = JSON.parse(readFileSync(entry, "utf8"));
    const widened = { ...written.config, secrets: { ...written.config.secrets, allowlist: { paths: ["**"] } } };
    writeFileSync(entry, JSON.stringify({ ...written, config: widened }));
    chmodSync(entry, 0o666);
    expect(await cachedConfig(text, validate, cache)).toEqual(validated());
    for (const other of [
      { build: "b", text: `${text}# other\n` },
      { build: "a", text },
    ]) {
      writeFileSync(entry, JSON.stringify({ ...other, config: widened }), { mode: 0o600 });
      expect(await cachedConfig(text, validate, cache)).toEqual(validated());
    }
    expect(calls.count).toBe(4);
  });
});

/** Modules replaced by recorders: what loading the configuration, in this process, imported. */
const recorded = new Set<string>();
const schemaModules = ["../../src/config/parse-config.js", "../../src/config/format-config-issues.js", "zod", "yaml"];

describe("autopilot check's configuration, read back from the cache", () => {
  beforeEach(() => {
    vi.resetModules();
    recorded.clear();
  });
  afterEach(() => {
    for (const specifier of schemaModules) vi.doUnmock(specifier);
  });

  it("imports no schema, YAML parser or zod the second time, and gives the same configuration", async () => {
    const root = tempDir();
    writeFiles(root, { ".github/autopilot.yml": text });
    const cache = { dir: join(tempDir(), "cache"), build: "b" };
    const first = await (await import("../../src/cli/load-config-file.js")).loadConfigFile(
      root,
      undefined,
      async () => cache,
    );
    expect(first.secrets.allowlist.paths).toEqual(["fixtures/**"]);

    vi.resetModules();
    for (const specifier of schemaModules)
      vi.doMock(specifier, () => {
        recorded.add(specifier);
        return {};
      });
    const { loadConfigFile } = await import("../../src/cli/load-config-file.js");
    expect(await loadConfigFile(root, undefined, async () => cache)).toEqual(first);
    expect([...recorded]).toEqual([]);
    // an edited file is validated again: the recorders see the schemas asked for
    writeFiles(root, { ".github/autopilot.yml": `${text}paused: true\n` });
    await loadConfigFile(root, undefined, async () => cache).catch(() => undefined);
    expect(recorded.size).toBeGreaterThan(0);
  });
});

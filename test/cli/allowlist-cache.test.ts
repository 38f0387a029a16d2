import { chmodSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { cachedAllowlist, defaultAllowlistCache } from "../../src/cli/allowlist-cache.js";
import type { SecretAllowlist } from "../../src/core/secrets/index.js";
import { tempDir, writeFiles } from "./cli-harness.js";

/** A validation that counts its calls, as the configuration module would answer. */
function counting(allowlist: SecretAllowlist) {
  const calls = { count: 0 };
  return {
    calls,
    validate: async () => {
      calls.count += 1;
      return allowlist;
    },
  };
}

const config = "secrets:\n  allowlist:\n    paths: [fixtures/**]\n";

describe("the allowlist cache of autopilot scan", () => {
  it("validates a configuration once per content and build, then reads it back", async () => {
    const cache = { dir: join(tempDir(), "cache"), build: "0.1.0:1" };
    const { calls, validate } = counting({ paths: ["fixtures/**"] });
    expect(await cachedAllowlist(config, validate, cache)).toEqual({ paths: ["fixtures/**"] });
    expect(await cachedAllowlist(config, validate, cache)).toEqual({ paths: ["fixtures/**"] });
    expect(calls.count).toBe(1);

    await cachedAllowlist(`${config}# edited\n`, validate, cache);
    expect(calls.count).toBe(2);
    await cachedAllowlist(config, validate, { ...cache, build: "0.1.0:2" });
    expect(calls.count).toBe(3);
  });

  it("keeps nothing of an invalid configuration: its errors are reported on every run", async () => {
    const cache = { dir: join(tempDir(), "cache"), build: "b" };
    let calls = 0;
    const invalid = async (): Promise<SecretAllowlist> => {
      calls += 1;
      throw new Error("invalid configuration in .github/autopilot.yml");
    };
    await expect(cachedAllowlist("secrets: [", invalid, cache)).rejects.toThrow(/invalid configuration/);
    await expect(cachedAllowlist("secrets: [", invalid, cache)).rejects.toThrow(/invalid configuration/);
    expect(calls).toBe(2);
  });

  it("does not trust an entry of another shape: it validates the file again", async () => {
    const cache = { dir: join(tempDir(), "cache"), build: "b" };
    const { calls, validate } = counting({ regexes: ["^x$"] });
    await cachedAllowlist(config, validate, cache);
    const [entry] = readdirSync(cache.dir);
    for (const foreign of ['{"paths":"**"}', '{"everything":["**"]}', '["**"]', "{not json", '{"paths":[1]}']) {
      writeFileSync(join(cache.dir, entry!), foreign);
      expect(await cachedAllowlist(config, validate, cache)).toEqual({ regexes: ["^x$"] });
    }
    expect(calls.count).toBe(6);
  });

  it("scans without a cache where none can be written", async () => {
    const home = tempDir();
    writeFileSync(join(home, ".cache"), "a file where the cache directory would be\n");
    const cache = { dir: join(home, ".cache", "autopilot"), build: "b" };
    const { calls, validate } = counting({ fingerprints: ["sha256:00"] });
    expect(await cachedAllowlist(config, validate, cache)).toEqual({ fingerprints: ["sha256:00"] });
    expect(await cachedAllowlist(config, validate, cache)).toEqual({ fingerprints: ["sha256:00"] });
    expect(calls.count).toBe(2);
  });

  it("does not read an entry others could have written: it could widen the allowlist", async () => {
    const cache = { dir: join(tempDir(), "cache"), build: "b" };
    const { calls, validate } = counting({ paths: [] });
    await cachedAllowlist(config, validate, cache);
    const entry = join(cache.dir, readdirSync(cache.dir)[0]!);
    writeFileSync(entry, JSON.stringify({ ...JSON.parse(readFileSync(entry, "utf8")), allowlist: { paths: ["**"] } }));
    chmodSync(entry, 0o666);
    expect(await cachedAllowlist(config, validate, cache)).toEqual({ paths: [] });
    expect(calls.count).toBe(2);
  });

  it("reads an entry back only for the very text and build it was validated for, whatever its name", async () => {
    const cache = { dir: join(tempDir(), "cache"), build: "b" };
    const { calls, validate } = counting({ paths: [] });
    await cachedAllowlist(config, validate, cache);
    const entry = join(cache.dir, readdirSync(cache.dir)[0]!);
    // another text, or another build, whose entry took this name (names are not collision-proof)
    for (const other of [
      { build: "b", text: `${config}# other\n` },
      { build: "a", text: config },
    ]) {
      writeFileSync(entry, JSON.stringify({ ...other, allowlist: { paths: ["**"] } }), { mode: 0o600 });
      expect(await cachedAllowlist(config, validate, cache)).toEqual({ paths: [] });
    }
    expect(calls.count).toBe(3);
    expect(await cachedAllowlist(config, validate, cache)).toEqual({ paths: [] });
    expect(calls.count).toBe(3); // the entry written back by the last validation
  });

  it("lives in the user's cache directory for the compiled CLI, and is off in CI or when asked", () => {
    const dist = tempDir();
    writeFiles(dist, { "config/index.js": "export {};\n", "cli/allowlist-cache.js": "" });
    const moduleUrl = pathToFileURL(join(dist, "cli/allowlist-cache.js")).href;
    const home = tempDir();
    expect(defaultAllowlistCache({ HOME: home }, moduleUrl)?.dir).toBe(join(home, ".cache", "autopilot"));
    expect(defaultAllowlistCache({ HOME: home, XDG_CACHE_HOME: "/x/cache" }, moduleUrl)?.dir).toBe(
      "/x/cache/autopilot",
    );
    expect(defaultAllowlistCache({ HOME: home, CI: "true" }, moduleUrl)).toBeUndefined();
    expect(defaultAllowlistCache({ HOME: home, AUTOPILOT_NO_CACHE: "1" }, moduleUrl)).toBeUndefined();
  });

  it("is off when the CLI runs from its sources, whose schemas change without a build", () => {
    expect(defaultAllowlistCache({ HOME: tempDir() })).toBeUndefined();
  });
});

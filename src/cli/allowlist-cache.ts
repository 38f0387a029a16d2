import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { version } from "../version.js";
import type { SecretAllowlist } from "../core/secrets/index.js";
import { workingTreeSource } from "./config-source.js";

/** Where and for which build of the CLI the cache holds validated allowlists (scan), configurations (check). */
export interface AllowlistCache {
  /** a directory of the user's own (e.g. ~/.cache/autopilot) */
  dir: string;
  /** changes whenever the configuration's validation may have changed (version, build) */
  build: string;
}

/**
 * The cache of the compiled CLI: `$XDG_CACHE_HOME/autopilot` (or `~/.cache/autopilot`), for this
 * version and build (every build rewrites the compiled configuration modules, so their time and
 * size change). None when the CLI runs from its TypeScript sources, whose schemas change without
 * a build; nor in CI (`CI` set), where a scan runs once per job and a runner's home may outlive a
 * job that could plant entries; nor when `AUTOPILOT_NO_CACHE` is set or there is no home.
 * `moduleUrl` is this module's, for tests.
 */
export function defaultAllowlistCache(
  env: Record<string, string | undefined>,
  moduleUrl: string = import.meta.url,
): AllowlistCache | undefined {
  if (moduleUrl.endsWith(".ts") || env.AUTOPILOT_NO_CACHE || env.CI) return undefined;
  const home = env.HOME || homedir();
  const base = env.XDG_CACHE_HOME || (home ? join(home, ".cache") : "");
  const schema = statSync(new URL("../config/index.js", moduleUrl), { throwIfNoEntry: false });
  if (!base || !schema) return undefined;
  return { dir: join(base, "autopilot"), build: `${version}:${schema.mtimeMs}:${schema.size}` };
}

/**
 * The secrets allowlist of a configuration file's `text`, validated by `validate` (which loads
 * the schemas, YAML parser and zod: a tenth of a second, more than the whole scan of a few
 * files) once per content and build of the CLI, then read back from `cache`. Only a valid
 * file's allowlist is kept, so an invalid file is reported every time. The cache is a
 * convenience: a missing, unreadable, foreign-shaped or unwritable entry falls back to
 * `validate`.
 *
 * An entry holds the build, the source (where the text was read: `working tree`, or `ref:<ref>`
 * for a git revision) and the text it was validated for, and is read back only for exactly
 * those: its name (a 64-bit FNV-1a of all three) only finds it, so texts whose names collide
 * merely replace each other's entry. A configuration read at a check's base is thus never
 * answered by an entry the working tree's copy left, nor the other way round. No cryptographic hash is needed, and node:crypto, which takes a
 * one-file scan several milliseconds to load, is not loaded.
 */
export function cachedAllowlist(
  text: string,
  validate: () => Promise<SecretAllowlist>,
  cache: AllowlistCache | undefined,
  source: string = workingTreeSource,
): Promise<SecretAllowlist> {
  return cachedValue("allowlist", isAllowlist, text, validate, cache, source);
}

/**
 * What the cache keeps, each in entries named after it: `allowlist-…` for a scan, `config-…` for
 * a check (config-cache.ts).
 */
export type Kind = "allowlist" | "config";
const kinds: readonly Kind[] = ["allowlist", "config"];

export function cachedValue<T>(
  kind: Kind,
  isValue: (value: unknown) => value is T,
  text: string,
  validate: () => Promise<T>,
  cache: AllowlistCache | undefined,
  source: string,
): Promise<T> {
  if (cache === undefined) return validate();
  const path = join(cache.dir, `${kind}-${entryName(`${cache.build}\0${source}`, text)}.json`);
  const hit = readEntry(path, kind, isValue, { build: cache.build, source, text });
  if (hit !== undefined) return Promise.resolve(hit);
  return validate().then((value) => {
    writeEntry(cache.dir, path, { build: cache.build, source, text, [kind]: value });
    return value;
  });
}

/** What an entry holds: the value (under its kind's name), and the build, source and text it was validated for. */
interface Entry {
  build: string;
  source: string;
  text: string;
}

/** 16 hex digits: two 32-bit FNV-1a hashes (different offsets) of the build and source, a NUL and the text. */
function entryName(buildAndSource: string, text: string): string {
  const key = `${buildAndSource}\0${text}`;
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x01000193);
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}

/**
 * The value of an entry this user wrote (owned by them, writable by no one else: an entry could
 * widen the allowlist, so one another account could have written is not read), for this build,
 * source and text.
 */
function readEntry<T>(path: string, kind: Kind, isValue: (value: unknown) => value is T, key: Entry): T | undefined {
  let value: unknown;
  try {
    const stat = statSync(path);
    if ((process.getuid && stat.uid !== process.getuid()) || (stat.mode & 0o022) !== 0) return undefined;
    value = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const entry = value as Partial<Entry> & Record<string, unknown>;
  if (entry.build !== key.build || entry.source !== key.source || entry.text !== key.text || !isValue(entry[kind]))
    return undefined;
  return entry[kind];
}

const allowlistKeys = new Set(["paths", "regexes", "fingerprints"]);

export function isAllowlist(value: unknown): value is SecretAllowlist {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  return Object.entries(value).every(
    ([key, list]) => allowlistKeys.has(key) && Array.isArray(list) && list.every((item) => typeof item === "string"),
  );
}

/** entries not written for this long are removed when another is written (old builds, old files) */
const MAX_AGE_MS = 30 * 24 * 3600 * 1000;

function writeEntry(dir: string, path: string, entry: Entry & Record<string, unknown>): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const now = Date.now();
    for (const name of readdirSync(dir)) {
      const old = join(dir, name);
      if (kinds.some((kind) => name.startsWith(`${kind}-`)) && now - statSync(old).mtimeMs > MAX_AGE_MS)
        rmSync(old, { force: true });
    }
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(entry), { mode: 0o600 });
    renameSync(temp, path); // readers see the whole entry or none
  } catch {
    // no cache (read-only home, say): the next scan validates again
  }
}

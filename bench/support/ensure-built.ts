/** dist/ as `npm run build` makes it, for the benchmarks that run the compiled CLI. */
import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** Rebuilds dist/ (tsc -p tsconfig.build.json) when a source is newer than the compiled CLI. */
export function ensureBuilt(): string {
  const main = path.join(repoRoot, "dist/cli/main.js");
  const built = statSync(main, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (newestMtime(path.join(repoRoot, "src")) <= built) return "dist/ up to date";
  execFileSync(
    process.execPath,
    [path.join(repoRoot, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"],
    { cwd: repoRoot, stdio: "inherit" },
  );
  return "dist/ rebuilt by the benchmark (tsc -p tsconfig.build.json)";
}

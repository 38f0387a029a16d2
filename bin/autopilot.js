#!/usr/bin/env node
// The `autopilot` CLI. Runs the compiled CLI from dist/ (built by `npm run build`, which `npm ci`
// triggers through `prepare`).
import { existsSync } from "node:fs";
import module from "node:module";

// Node 22.1+ keeps the compiled code of the modules it loads (in the system's temporary directory),
// so that a CLI a pre-commit hook runs on every commit does not parse them every time; a no-op on 20.
module.enableCompileCache?.();

const compiled = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(compiled)) {
  process.stderr.write("autopilot: dist/ is missing; run `npm run build` first\n");
  process.exit(2);
}
const { main } = await import(compiled.href);
process.exitCode = await main(process.argv.slice(2));

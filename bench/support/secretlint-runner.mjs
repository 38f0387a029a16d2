// secretlint's core over every file below a directory, as one small process: what its CLI does
// minus the CLI's per-file bookkeeping, which grows with the square of the file count. Files are
// read and linted one after the other with the recommended preset, as the CLI does. Prints
// `{"files":…,"findings":…}`. Usage: node secretlint-runner.mjs CORE_URL PRESET_URL DIR
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const [coreUrl, presetUrl, root] = process.argv.slice(2);
const { lintSource } = await import(coreUrl);
const { creator } = await import(presetUrl);
const config = { rules: [{ id: "@secretlint/secretlint-rule-preset-recommend", rule: creator }] };

function* walk(dir) {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

let files = 0;
let findings = 0;
for (const file of walk(root)) {
  const content = readFileSync(file, "utf8");
  const result = await lintSource({ source: { filePath: file, content, contentType: "text" }, options: { config } });
  findings += result.messages.length;
  files += 1;
}
process.stdout.write(`${JSON.stringify({ files, findings })}\n`);
// secretlint's profiler leaves deferred performance-observer work behind; it is not part of a scan
process.exit(0);

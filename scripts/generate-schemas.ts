/**
 * Writes the files generated from the zod schemas, so the published schemas and the configuration
 * reference cannot drift from the code:
 *   docs/autopilot.schema.json, docs/configuration.md, ops/schemas/*.schema.json (por.json included)
 *
 *   npx tsx scripts/generate-schemas.ts           write them
 *   npx tsx scripts/generate-schemas.ts --check   exit 1 if any is missing or out of date
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { configJsonSchema, jsonFileText, jsonSchemaFor, renderConfigDocs } from "../src/config/index.js";
import { modelDecisionSchema } from "../src/core/model-decisions/model-decision.js";
import { planSchema } from "../src/core/plan/index.js";
import { queueEntrySchema } from "../src/core/queue/index.js";
import { taskFileFrontMatterSchema } from "../src/core/task/task-spec.js";

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export interface GeneratedFile {
  /** Relative to the output root, with forward slashes. */
  path: string;
  content: string;
}

export interface GenerateSchemasOptions {
  /** Where generated files are compared or written; the project root unless a test says otherwise. */
  outDir?: string;
  /** Compare only: report stale files and write nothing. */
  check?: boolean;
}

export interface GenerateSchemasResult {
  files: GeneratedFile[];
  /** Files whose content on disk differs from what the schemas produce (or that do not exist). */
  stale: string[];
  /** Files written (never in check mode). */
  written: string[];
}

/** Every generated file's path and expected content. */
export function buildGeneratedFiles(): GeneratedFile[] {
  const exampleYaml = readFileSync(join(projectRoot, ".github/autopilot.yml"), "utf8");
  return [
    { path: "docs/autopilot.schema.json", content: jsonFileText(configJsonSchema()) },
    { path: "docs/configuration.md", content: renderConfigDocs({ exampleYaml }) },
    {
      path: "ops/schemas/task-file.schema.json",
      content: jsonFileText(
        jsonSchemaFor(taskFileFrontMatterSchema, {
          title: "Autopilot task file front matter (ops/tasks/T-<n>.md)",
          description: "The YAML front matter of a task file: the task spec from the issue plus where the task lives.",
        }),
      ),
    },
    {
      path: "ops/schemas/model-decision.schema.json",
      content: jsonFileText(
        jsonSchemaFor(modelDecisionSchema, {
          title: "Autopilot model decision (one line of ops/model-decisions.jsonl)",
          description: "One LLM call: task, role, provider, model, tokens, cost estimate, latency and outcome.",
        }),
      ),
    },
    {
      path: "ops/schemas/queue-line.schema.json",
      content: jsonFileText(
        jsonSchemaFor(queueEntrySchema, {
          title: "Autopilot queue entry (one line of ops/queue.jsonl)",
          description: "One task in the queue: its spec, status, branch, PR and the history of its transitions.",
        }),
      ),
    },
    {
      path: "ops/schemas/por.schema.json",
      content: jsonFileText(
        jsonSchemaFor(planSchema, {
          title: "Autopilot plan of record (ops/por.json)",
          description:
            "Phases in order, each listing its work items by WBS id, and the work items with their refs and dependencies.",
        }),
      ),
    },
  ];
}

export function generateSchemas(options: GenerateSchemasOptions = {}): GenerateSchemasResult {
  const outDir = options.outDir ?? projectRoot;
  const files = buildGeneratedFiles();
  const stale: string[] = [];
  const written: string[] = [];
  for (const file of files) {
    const target = join(outDir, file.path);
    const current = existsSync(target) ? readFileSync(target, "utf8") : undefined;
    if (current === file.content) continue;
    stale.push(file.path);
    if (options.check) continue;
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.content);
    written.push(file.path);
  }
  return { files, stale, written };
}

const runCli = (args: string[]): number => {
  const unknown = args.filter((arg) => arg !== "--check");
  if (unknown.length > 0) {
    console.error(`generate-schemas: unknown argument ${unknown[0]}; the only option is --check`);
    return 2;
  }
  const check = args.includes("--check");
  const result = generateSchemas({ check });
  if (check) {
    for (const path of result.stale) console.error(`${path} is out of date: run \`npm run schemas\``);
    if (result.stale.length === 0) console.log("generated files are up to date");
    return result.stale.length > 0 ? 1 : 0;
  }
  for (const path of result.written) console.log(`wrote ${path}`);
  if (result.written.length === 0) console.log("generated files were already up to date");
  return 0;
};

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  process.exitCode = runCli(process.argv.slice(2));
}

import { stringify } from "yaml";
import { autopilotModes, riskLevels } from "../core/task/task-spec.js";
import { configJsonSchema } from "./config-json-schema.js";
import { configFilePath } from "./config-schema.js";
import { defaultConfig } from "./default-config.js";
import { formatConfigIssues } from "./format-config-issues.js";
import { parseConfig } from "./parse-config.js";

type JsonSchema = Record<string, unknown>;

const isObject = (value: unknown): value is JsonSchema =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const propertiesOf = (schema: JsonSchema): [string, JsonSchema][] =>
  isObject(schema.properties)
    ? Object.entries(schema.properties).filter((entry): entry is [string, JsonSchema] => isObject(entry[1]))
    : [];

const requiredOf = (schema: JsonSchema): string[] =>
  Array.isArray(schema.required) ? schema.required.map(String) : [];

/** Table cells may not contain raw pipes or line breaks. */
const cell = (text: string): string => text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");

const code = (text: string): string => (text.includes("`") ? `\`\` ${text} \`\`` : `\`${text}\``);

const isFixedObject = (schema: JsonSchema): boolean => schema.type === "object" && propertiesOf(schema).length > 0;

const numberType = (schema: JsonSchema): string => {
  const name = schema.type === "integer" ? "integer" : "number";
  const low =
    schema.minimum ?? (schema.exclusiveMinimum === undefined ? undefined : `>${String(schema.exclusiveMinimum)}`);
  const high = schema.maximum;
  if (low !== undefined && high !== undefined) return `${name}, ${String(low)}–${String(high)}`;
  if (typeof low === "string") return `${name} ${low.replace(">", "> ")}`;
  if (low !== undefined) return `${name} ≥ ${String(low)}`;
  if (high !== undefined) return `${name} ≤ ${String(high)}`;
  return name;
};

const typeOf = (schema: JsonSchema): string => {
  if (schema.const !== undefined) return code(JSON.stringify(schema.const));
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => code(String(value))).join(" | ");
  switch (schema.type) {
    case "integer":
    case "number":
      return numberType(schema);
    case "array": {
      const items = isObject(schema.items) ? typeOf(schema.items) : "values";
      return `list of ${items === "string" ? "strings" : items.includes(" or ") ? `(${items})` : items}`;
    }
    case "object": {
      const values = schema.additionalProperties;
      if (isObject(values) && propertiesOf(schema).length === 0) {
        const shape = isFixedObject(values)
          ? `{ ${propertiesOf(values)
              .map(([key]) => key)
              .join(", ")} }`
          : typeOf(values);
        return `map of name → ${shape}`;
      }
      return "mapping";
    }
    default: {
      // a union (`anyOf`): its alternatives, each as it would read alone
      const options = Array.isArray(schema.anyOf) ? schema.anyOf.filter(isObject) : [];
      if (options.length > 0)
        return options
          .map((option) =>
            option.type === "object"
              ? `{ ${propertiesOf(option)
                  .map(([key]) => key)
                  .join(", ")} }`
              : typeOf(option),
          )
          .join(" or ");
      return typeof schema.type === "string" ? schema.type : "any";
    }
  }
};

const defaultOf = (schema: JsonSchema, required: boolean): string => {
  if (schema.default !== undefined) return code(JSON.stringify(schema.default));
  return required ? "**required**" : "—";
};

/** Keys shown as a single row (with a table of their own further down) instead of one row per cell. */
const collapsed: Readonly<Record<string, { type: string; fallback: string }>> = {
  "merge.policy": { type: "risk → mode → decision", fallback: "see below" },
};

interface Row {
  key: string;
  schema: JsonSchema;
  required: boolean;
}

/** Rows for every leaf under an object; nested fixed-shape objects are flattened into dotted keys. */
const rowsOf = (schema: JsonSchema, prefix: string, keep: (key: string) => boolean = () => true): Row[] =>
  propertiesOf(schema).flatMap(([name, child]) => {
    const key = prefix === "" ? name : `${prefix}.${name}`;
    if (!keep(key)) return [];
    if (isFixedObject(child) && collapsed[key] === undefined) return rowsOf(child, key, keep);
    return [{ key, schema: child, required: requiredOf(schema).includes(name) }];
  });

const table = (rows: readonly Row[]): string =>
  [
    "| Key | Type | Default | Description |",
    "|---|---|---|---|",
    ...rows.map((row) => {
      const special = collapsed[row.key];
      const type = special?.type ?? typeOf(row.schema);
      const fallback = special?.fallback ?? defaultOf(row.schema, row.required);
      return `| ${cell(code(row.key))} | ${cell(type)} | ${cell(fallback)} | ${cell(String(row.schema.description ?? ""))} |`;
    }),
  ].join("\n");

const dispatchSection = (schema: JsonSchema): string => {
  const variants = Array.isArray(schema.oneOf) ? schema.oneOf.filter(isObject) : [];
  return variants
    .map((variant) => {
      const target =
        isObject(variant.properties) && isObject(variant.properties.target)
          ? String(variant.properties.target.const)
          : "?";
      const rows = rowsOf(variant, "dispatch");
      return [`### \`target: ${target}\``, "", String(variant.description ?? ""), "", table(rows)].join("\n");
    })
    .join("\n\n");
};

const policyMatrix = (): string => {
  const policy = defaultConfig().merge.policy;
  return [
    `| risk \\ mode | ${autopilotModes.map((mode) => code(mode)).join(" | ")} |`,
    `|---|${autopilotModes.map(() => "---").join("|")}|`,
    ...riskLevels.map(
      (risk) => `| ${code(risk)} | ${autopilotModes.map((mode) => code(policy[risk][mode])).join(" | ")} |`,
    ),
  ].join("\n");
};

/** A deliberately broken file whose real, current error output the reference shows. */
const brokenExample = `paused: yes
merge:
  method: fast-forward
  policy:
    critical: { full: auto }
dispatch:
  target: mention
  handle: claude
defaults:
  budgt: { files: 20 }
`;

const validationSection = (): string => {
  const result = parseConfig(brokenExample);
  if (result.ok) throw new Error("render-config-docs: the broken example unexpectedly validates");
  return [
    "## Validation errors",
    "",
    `Autopilot reads \`${configFilePath}\` from the default branch whenever it handles an event. When the file is invalid, the \`autopilot/config\` check run fails and lists **every** problem at once, each with its key, line and column, and Autopilot takes no other action in the repository until the file is fixed. \`npx autopilot config validate\` prints the same list locally.`,
    "",
    "Besides types and allowed values, these rules are checked:",
    "",
    "- Unknown keys are errors, so a typo cannot silently fall back to a default; the message suggests the key you probably meant.",
    "- State labels must all differ from each other and from the trigger label.",
    "- `merge.policy` may never say `auto` for mode `disabled`, and says `auto` for `critical` only with `merge.allow_auto_critical: true`.",
    "- `merge.required_checks` lists external CI only: the `autopilot/*` checks are always required.",
    "- `secrets.allowlist.regexes` must compile as JavaScript regular expressions and may not match the empty string (that would allowlist everything); fingerprints are `sha256:` plus 16 lowercase hex digits.",
    "- `dispatch` needs `workflow` for `target: workflow_dispatch` and an `@handle` for `target: mention`; input templates may only use the documented placeholders.",
    "- `owners` are GitHub logins without `@`; paths and globs are relative to the repository root.",
    "",
    "For example, this file:",
    "",
    "```yaml",
    brokenExample.trimEnd(),
    "```",
    "",
    "is reported as:",
    "",
    formatConfigIssues(result.issues),
  ].join("\n");
};

export interface RenderConfigDocsOptions {
  /** A complete, valid configuration shown as the example (this project's own `.github/autopilot.yml`). */
  exampleYaml: string;
}

/** `docs/configuration.md`, generated from the zod schema so the reference cannot drift from the code. */
export function renderConfigDocs(options: RenderConfigDocsOptions): string {
  const example = parseConfig(options.exampleYaml);
  if (!example.ok) {
    throw new Error(`render-config-docs: the example configuration is invalid:\n${formatConfigIssues(example.issues)}`);
  }
  const schema = configJsonSchema() as JsonSchema;
  const sections = propertiesOf(schema);
  const general = sections
    .filter(([, child]) => !isFixedObject(child) && !Array.isArray(child.oneOf))
    .map(([name]) => name);
  const parts: string[] = [
    "<!-- Generated by scripts/generate-schemas.ts from src/config/. Do not edit by hand: run `npm run schemas`. -->",
    "",
    `# Configuration reference: \`${configFilePath}\``,
    "",
    `${String(schema.description ?? "")} The file is optional and so is every key: a missing or empty file gives the defaults listed here, and anything you set is merged over them key by key.`,
    "",
    "Editors that understand JSON Schema can check the file as you type; the schema is [`docs/autopilot.schema.json`](autopilot.schema.json). With the YAML language server, start the file with `# yaml-language-server: $schema=<url of autopilot.schema.json>`.",
    "",
    "## General",
    "",
    table(rowsOf(schema, "", (key) => general.includes(key))),
  ];
  for (const [name, child] of sections) {
    if (general.includes(name)) continue;
    parts.push("", `## \`${name}\``, "", String(child.description ?? ""), "");
    if (name === "dispatch") {
      parts.push(`Default: ${code(JSON.stringify(child.default))}.`, "", dispatchSection(child));
    } else {
      parts.push(table(rowsOf(child, name)));
    }
    if (name === "merge") {
      parts.push(
        "",
        "### Default merge policy",
        "",
        "Rows are the task's risk level, columns its mode. `auto` merges once gates, review and required checks pass; `approval` also waits for `merge.required_approvals` human approvals; `never` leaves the merge to a human.",
        "",
        policyMatrix(),
      );
    }
  }
  parts.push(
    "",
    "## Example",
    "",
    "This project's own configuration:",
    "",
    "```yaml",
    options.exampleYaml.trimEnd(),
    "```",
    "",
    "## Every default",
    "",
    "What an empty file means, spelled out:",
    "",
    "```yaml",
    stringify(defaultConfig(), { lineWidth: 0 }).trimEnd(),
    "```",
    "",
    validationSection(),
    "",
  );
  return parts.join("\n");
}

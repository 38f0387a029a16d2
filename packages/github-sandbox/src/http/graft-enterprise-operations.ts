import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { OpenApiDocument } from "./openapi-document.js";

/**
 * The GitHub Enterprise Server site-admin operations the sandbox implements, so tests can make
 * real accounts (`POST /admin/users`) and tokens for them, as an admin of a GHES instance does.
 * api.github.com has no such endpoints; they are taken from GHES's own description.
 */
export const enterpriseAdminTemplates: readonly string[] = ["/admin/users", "/admin/users/{username}/authorizations"];

/** The newest `ghes-3.<minor>.json` the installed `@octokit/openapi` ships. */
export function newestEnterpriseDescription(generatedDir: string): string {
  const minors = readdirSync(generatedDir)
    .map((name) => /^ghes-3\.(\d+)\.json$/.exec(name)?.[1])
    .filter((minor): minor is string => minor !== undefined)
    .map(Number)
    .sort((a, b) => b - a);
  if (minors[0] === undefined) throw new Error(`sandbox: no ghes-3.*.json description in ${generatedDir}`);
  return join(generatedDir, `ghes-3.${minors[0]}.json`);
}

/** Every `#/components/<kind>/<name>` a value mentions, directly. */
function componentRefs(value: unknown, found: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) componentRefs(item, found);
  } else if (typeof value === "object" && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (key === "$ref" && typeof inner === "string" && inner.startsWith("#/components/")) found.add(inner);
      else componentRefs(inner, found);
    }
  }
}

/**
 * Copies `templates` from the GHES description into `document`, with every component they reach
 * that `document` lacks (a component both have is the same object on both; api.github.com's wins).
 */
export function graftEnterpriseOperations(
  document: OpenApiDocument,
  enterprisePath: string,
  templates: readonly string[] = enterpriseAdminTemplates,
): void {
  const enterprise = JSON.parse(readFileSync(enterprisePath, "utf8")) as OpenApiDocument;
  const pending = new Set<string>();
  for (const template of templates) {
    const item = enterprise.paths[template];
    if (!item) throw new Error(`sandbox: ${enterprisePath} does not describe ${template}`);
    if (document.paths[template]) throw new Error(`sandbox: ${template} is already described; nothing to graft`);
    document.paths[template] = item;
    componentRefs(item, pending);
  }
  const done = new Set<string>();
  for (const ref of pending) {
    if (done.has(ref)) continue;
    done.add(ref);
    const [kind = "", name = ""] = ref.slice("#/components/".length).split("/");
    if (document.components[kind]?.[name] !== undefined) continue;
    const component = enterprise.components[kind]?.[name];
    if (component === undefined) throw new Error(`sandbox: ${ref} is missing from ${enterprisePath}`);
    (document.components[kind] ??= {})[name] = component;
    const inner = new Set<string>();
    componentRefs(component, inner);
    for (const next of inner) pending.add(next);
  }
}

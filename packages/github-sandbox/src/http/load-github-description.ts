import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { restDocumentationUrl } from "./github-error-body.js";
import { graftEnterpriseOperations, newestEnterpriseDescription } from "./graft-enterprise-operations.js";
import { normalizeNullable } from "./normalize-nullable.js";
import { httpMethods, type OpenApiDocument, type OperationObject, type ParameterObject } from "./openapi-document.js";
import { resolveRef } from "./resolve-ref.js";

/** One operation of GitHub's REST API, with what routing and validation need already worked out. */
export interface DescribedOperation {
  operationId: string;
  /** Upper case, as on the wire. */
  method: string;
  /** The path template as GitHub writes it: `/repos/{owner}/{repo}/git/refs/{ref}`. */
  template: string;
  operation: OperationObject;
  /** Path-item and operation parameters, `$ref`s followed, the operation's own winning. */
  parameters: ParameterObject[];
  /** Where GitHub's documentation describes it; error bodies point there as GitHub's do. */
  documentationUrl: string;
}

export interface GithubDescription {
  /** Normalized for ajv (see `normalizeNullable`); treat as read-only. */
  document: OpenApiDocument;
  operations: ReadonlyMap<string, DescribedOperation>;
  /** Milliseconds spent reading, parsing and indexing the file. */
  loadMs: number;
}

let cached: GithubDescription | undefined;

/**
 * GitHub answers `line: null` and `position: null` for an outdated review comment (a later push
 * changed its lines), as its webhook schema types them (`integer | null`); the REST description
 * still says `integer`. Marked nullable so the sandbox's response checks accept GitHub's answer.
 */
function markOutdatedAnchorsNullable(document: OpenApiDocument): void {
  const schemas = (
    document.components as
      | { schemas?: Record<string, { properties?: Record<string, Record<string, unknown>> }> }
      | undefined
  )?.schemas;
  for (const name of ["pull-request-review-comment", "review-comment"]) {
    for (const field of ["line", "position"]) {
      const property = schemas?.[name]?.properties?.[field];
      if (property) property.nullable = true;
    }
  }
}

function describeOperations(document: OpenApiDocument): Map<string, DescribedOperation> {
  const operations = new Map<string, DescribedOperation>();
  for (const [template, item] of Object.entries(document.paths)) {
    const shared = (item.parameters ?? []).map((p) => resolveRef<ParameterObject>(document, p));
    for (const method of httpMethods) {
      const operation = item[method];
      if (!operation) continue;
      const own = (operation.parameters ?? []).map((p) => resolveRef<ParameterObject>(document, p));
      const parameters = [...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)), ...own];
      operations.set(operation.operationId, {
        operationId: operation.operationId,
        method: method.toUpperCase(),
        template,
        operation,
        parameters,
        documentationUrl: operation.externalDocs?.url ?? restDocumentationUrl,
      });
    }
  }
  return operations;
}

/**
 * GitHub's REST description for api.github.com from `@octokit/openapi`, parsed once per process,
 * plus the few GitHub Enterprise Server site-admin operations taken from the newest GHES
 * description (see `graftEnterpriseOperations`). Only those two files are read: the package's own
 * entry point would parse all ten descriptions (about 400 MB of JSON).
 */
export function loadGithubDescription(): GithubDescription {
  if (cached) return cached;
  const started = performance.now();
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve("@octokit/openapi/package.json"));
  const text = readFileSync(join(packageDir, "generated", "api.github.com.json"), "utf8");
  const document = JSON.parse(text) as OpenApiDocument;
  graftEnterpriseOperations(document, newestEnterpriseDescription(join(packageDir, "generated")));
  markOutdatedAnchorsNullable(document);
  normalizeNullable(document.paths);
  normalizeNullable(document.components);
  const operations = describeOperations(document);
  cached = { document, operations, loadMs: performance.now() - started };
  return cached;
}

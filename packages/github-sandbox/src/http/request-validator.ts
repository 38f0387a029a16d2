import type { Ajv, ErrorObject, ValidateFunction } from "ajv";
import { bodySchemaExceptions } from "./body-schema-exceptions.js";
import { createAjv } from "./create-ajv.js";
import { describeValidationErrors } from "./describe-validation-errors.js";
import { inspectValue } from "./inspect-value.js";
import type { DescribedOperation, GithubDescription } from "./load-github-description.js";
import type { MediaTypeObject, RequestBodyObject, ResponseObject } from "./openapi-document.js";
import { parseJsonBody } from "./parse-json-body.js";
import { escapePointerToken, inlineRefs, resolvedPointer, resolveRef } from "./resolve-ref.js";
import { SandboxHttpError } from "./sandbox-http-error.js";

export interface RequestInput {
  /** Decoded path parameters, as the route table captured them. */
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  /** The bytes received; empty or undefined when the request had no body. */
  rawBody: Buffer | undefined;
}

export interface ValidatedRequest {
  /** Coerced to the declared types: `pull_number` is a number. */
  params: Record<string, string | number>;
  /** Coerced, with the description's defaults filled in (`per_page: 30`, `page: 1`). */
  query: Record<string, unknown>;
  /** Parsed JSON when the operation takes JSON; the raw bytes when it takes something else. */
  body: unknown;
}

interface CompiledOperation {
  path: ValidateFunction;
  query: ValidateFunction;
  /** Undefined when the operation has no JSON body. */
  body: ValidateFunction | undefined;
}

const documentKey = "gh";
const isJsonMediaType = (type: string): boolean => type === "application/json" || /\+json$/.test(type);

function jsonMediaType(content: Record<string, MediaTypeObject> | undefined): string | undefined {
  const types = Object.keys(content ?? {});
  return types.includes("application/json") ? "application/json" : types.find(isJsonMediaType);
}

/** One line per problem, for a person reading a failed test: `/head/sha must be string (got nil)`. */
function describeResponseError(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  const where = error.instancePath || "(body)";
  if (error.keyword === "additionalProperties")
    return `${where} has ${String(params.additionalProperty)}, not in the description`;
  if (error.keyword === "enum")
    return `${where} ${inspectValue(error.data)} is not one of ${inspectValue(params.allowedValues)}`;
  if (error.keyword === "required") return `${where} ${error.message ?? "is missing a required property"}`;
  return `${where} ${error.message ?? "is invalid"} (got ${inspectValue(error.data).slice(0, 80)})`;
}

/**
 * A parameter arrives as a string, so `oneOf: [integer, string]` (`workflow_id`) would refuse
 * `"42"`, which coerces into both; GitHub reads such a parameter as either, i.e. `anyOf`.
 */
function eitherOf(schema: unknown): unknown {
  if (typeof schema !== "object" || schema === null || !("oneOf" in schema)) return schema;
  const { oneOf, ...rest } = schema as { oneOf: unknown };
  return { ...rest, anyOf: oneOf };
}

/**
 * Checks requests against GitHub's description the way GitHub does before a handler sees them:
 * path parameters (a mismatch is a 404, as GitHub's router never matches `pulls/abc`), query
 * parameters (coerced from strings, defaults filled in) and JSON bodies (400 for bad JSON, 422
 * with GitHub's message for anything the schema refuses). Also checks the sandbox's own responses
 * against the documented response schemas. Validators are compiled on first use per operation.
 */
export class RequestValidator {
  static readonly #shared = new WeakMap<GithubDescription, RequestValidator>();
  readonly #description: GithubDescription;
  /** Holds the whole description, so `$ref`s into `#/components` resolve; never coerces. */
  readonly #documentAjv: Ajv;
  /** Path and query strings are coerced to the declared types, as GitHub's parameters are. */
  readonly #parameterAjv: Ajv;
  readonly #compiled = new Map<string, CompiledOperation>();
  readonly #responses = new Map<string, ValidateFunction | undefined>();

  /** One validator per description: compiled validators are worth sharing between servers. */
  static forDescription(description: GithubDescription): RequestValidator {
    let validator = RequestValidator.#shared.get(description);
    if (!validator) {
      validator = new RequestValidator(description);
      RequestValidator.#shared.set(description, validator);
    }
    return validator;
  }

  constructor(description: GithubDescription) {
    this.#description = description;
    this.#documentAjv = createAjv();
    this.#documentAjv.addSchema(description.document, documentKey);
    this.#parameterAjv = createAjv({ coerceTypes: "array", useDefaults: true });
  }

  /** Throws `SandboxHttpError` with GitHub's status and body when GitHub would refuse the request. */
  validateRequest(described: DescribedOperation, input: RequestInput): ValidatedRequest {
    const compiled = this.#compile(described);
    const notFound = { documentationUrl: described.documentationUrl };

    const params: Record<string, unknown> = { ...input.params };
    if (!compiled.path(params)) throw new SandboxHttpError(404, "Not Found", notFound);

    const query: Record<string, unknown> = { ...input.query };
    if (!compiled.query(query)) this.#refuse(described, compiled.query.errors ?? [], query);

    return {
      params: params as Record<string, string | number>,
      query,
      body: this.#validateBody(described, compiled, input.rawBody),
    };
  }

  /**
   * Problems with a response the sandbox is about to send (empty when it is faithful): an
   * undocumented status, a body where none is documented, or a body the schema refuses.
   */
  validateResponse(operationId: string, status: number, body: unknown): string[] {
    const described = this.#description.operations.get(operationId);
    if (!described) return [`"${operationId}" is not an operation of GitHub's description`];
    const responses = described.operation.responses ?? {};
    const key = String(status) in responses ? String(status) : "default" in responses ? "default" : undefined;
    if (key === undefined) {
      return [
        `${status} is not a documented status of ${operationId} (documented: ${Object.keys(responses).join(", ")})`,
      ];
    }
    const cacheKey = `${operationId} ${key}`;
    if (!this.#responses.has(cacheKey)) this.#responses.set(cacheKey, this.#compileResponse(described, key));
    const validate = this.#responses.get(cacheKey);
    if (!validate) {
      const empty = body === undefined || body === null || body === "";
      return empty ? [] : [`${operationId} ${status} has no body in the description, but one was sent`];
    }
    if (body === undefined) return [`${operationId} ${status} has a body in the description, but none was sent`];
    // Validate what the client will parse: undefined fields vanish, dates become strings.
    const sent: unknown = JSON.parse(JSON.stringify(body));
    return validate(sent) ? [] : (validate.errors ?? []).map(describeResponseError);
  }

  #validateBody(described: DescribedOperation, compiled: CompiledOperation, rawBody: Buffer | undefined): unknown {
    const hasBody = rawBody !== undefined && rawBody.toString("utf8").trim() !== "";
    const { operation, documentationUrl } = described;
    if (!operation.requestBody) {
      if (!hasBody || described.method === "GET") return undefined;
      return this.#refuseUnexpectedBody(described, rawBody);
    }
    if (!compiled.body) return hasBody ? rawBody : undefined;

    const requestBody = resolveRef<RequestBodyObject>(this.#description.document, operation.requestBody);
    if (!hasBody && !requestBody.required) return undefined;
    // GitHub validates a missing required body as nil: "For 'links/0/schema', nil is not an object."
    const body = hasBody ? parseJsonBody(rawBody, documentationUrl) : null;
    if (!compiled.body(body)) this.#refuse(described, compiled.body.errors ?? [], body);
    return body;
  }

  /** An operation without a body still answers keys sent to it: `"enabled" is not a permitted key.` */
  #refuseUnexpectedBody(described: DescribedOperation, rawBody: Buffer): undefined {
    const text = rawBody.toString("utf8");
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      // GitHub ignores a body an operation does not read; only a JSON object's keys are refused.
      if (error instanceof SyntaxError) return undefined;
      throw error;
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return undefined;
    const keys = Object.keys(parsed);
    if (keys.length === 0) return undefined;
    const lines = keys.map((key) => `${JSON.stringify(key)} is not a permitted key.`);
    throw new SandboxHttpError(422, `Invalid request.\n\n${lines.join("\n")}`, {
      documentationUrl: described.documentationUrl,
    });
  }

  #refuse(described: DescribedOperation, errors: readonly ErrorObject[], data: unknown): never {
    const lines = describeValidationErrors(errors, data);
    throw new SandboxHttpError(422, `Invalid request.\n\n${lines.join("\n")}`, {
      documentationUrl: described.documentationUrl,
    });
  }

  #compile(described: DescribedOperation): CompiledOperation {
    const existing = this.#compiled.get(described.operationId);
    if (existing) return existing;
    const compiled: CompiledOperation = {
      path: this.#parameterAjv.compile(this.#parameterSchema(described, "path")),
      query: this.#parameterAjv.compile(this.#parameterSchema(described, "query")),
      body: this.#compileBody(described),
    };
    this.#compiled.set(described.operationId, compiled);
    return compiled;
  }

  #parameterSchema(described: DescribedOperation, where: "path" | "query"): Record<string, unknown> {
    const { document } = this.#description;
    const parameters = described.parameters.filter((p) => p.in === where);
    return {
      type: "object",
      properties: Object.fromEntries(parameters.map((p) => [p.name, eitherOf(inlineRefs(document, p.schema ?? {}))])),
      required: parameters.filter((p) => p.required).map((p) => p.name),
    };
  }

  #operationPointer(described: DescribedOperation): string {
    return `#/paths/${escapePointerToken(described.template)}/${described.method.toLowerCase()}`;
  }

  #compileBody(described: DescribedOperation): ValidateFunction | undefined {
    const { document } = this.#description;
    const { requestBody } = described.operation;
    if (!requestBody) return undefined;
    const exception = bodySchemaExceptions[described.operationId];
    if (exception) return this.#documentAjv.compile(exception);
    const pointer = resolvedPointer(document, `${this.#operationPointer(described)}/requestBody`, requestBody);
    const content = resolveRef<RequestBodyObject>(document, requestBody).content;
    const mediaType = jsonMediaType(content);
    if (!mediaType || !content?.[mediaType]?.schema) return undefined;
    return this.#schemaAt(`${pointer}/content/${escapePointerToken(mediaType)}/schema`);
  }

  #compileResponse(described: DescribedOperation, key: string): ValidateFunction | undefined {
    const { document } = this.#description;
    const response = described.operation.responses?.[key];
    if (!response) return undefined;
    const pointer = resolvedPointer(document, `${this.#operationPointer(described)}/responses/${key}`, response);
    const content = resolveRef<ResponseObject>(document, response).content;
    const mediaType = jsonMediaType(content);
    if (!mediaType || !content?.[mediaType]?.schema) return undefined;
    return this.#schemaAt(`${pointer}/content/${escapePointerToken(mediaType)}/schema`);
  }

  #schemaAt(pointer: string): ValidateFunction {
    const validate = this.#documentAjv.getSchema(`${documentKey}${pointer}`);
    if (!validate) throw new Error(`sandbox: no schema at ${pointer} in GitHub's description`);
    return validate;
  }
}

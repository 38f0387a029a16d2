/**
 * The parts of an OpenAPI 3.0 document the sandbox reads. GitHub's description is far richer;
 * everything else is carried along untyped and handed to ajv as is.
 */
export type SchemaObject = Record<string, unknown>;

export interface Reference {
  $ref: string;
}

export interface ParameterObject {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: SchemaObject;
  /** GitHub's extension: the parameter may contain `/` (refs, file paths, `base...head`). */
  "x-multi-segment"?: boolean;
}

export interface MediaTypeObject {
  schema?: SchemaObject;
}

export interface RequestBodyObject {
  required?: boolean;
  content?: Record<string, MediaTypeObject>;
}

export interface ResponseObject {
  description?: string;
  content?: Record<string, MediaTypeObject>;
}

export interface OperationObject {
  operationId: string;
  summary?: string;
  externalDocs?: { url?: string };
  parameters?: Array<ParameterObject | Reference>;
  requestBody?: RequestBodyObject | Reference;
  responses?: Record<string, ResponseObject | Reference>;
  deprecated?: boolean;
}

export const httpMethods = ["get", "put", "post", "patch", "delete", "head", "options", "trace"] as const;
export type HttpMethod = (typeof httpMethods)[number];

export type PathItemObject = Partial<Record<HttpMethod, OperationObject>> & {
  parameters?: Array<ParameterObject | Reference>;
};

export interface OpenApiDocument {
  openapi: string;
  info: { version: string };
  paths: Record<string, PathItemObject>;
  components: Record<string, Record<string, unknown>>;
}

import type { ServerResponse } from "node:http";
import { rateLimitHeaders, type RateLimitState } from "./rate-limit-counter.js";

/** What the server answers, before GitHub's standard headers are added. */
export interface Outcome {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ResponseContext {
  requestId: string;
  /** The client's `x-github-api-version`, echoed as GitHub does; 2022-11-28 when none was sent. */
  apiVersion: string;
  rateLimit: RateLimitState;
  date: Date;
  /** HEAD: headers only. */
  omitBody: boolean;
}

const jsonContentType = "application/json; charset=utf-8";

function serialize(body: unknown): { payload: Buffer; contentType: string } {
  if (Buffer.isBuffer(body)) return { payload: body, contentType: "application/octet-stream" };
  if (typeof body === "string") return { payload: Buffer.from(body), contentType: "text/plain; charset=utf-8" };
  return { payload: Buffer.from(JSON.stringify(body)), contentType: jsonContentType };
}

/**
 * Sends an outcome with the headers every GitHub API response carries: `Date`, the request id,
 * the selected API version and the rate-limit counters. A 204 or 304, or an outcome without a
 * body, goes out with no body and no content type, as GitHub's do.
 */
export function writeResponse(response: ServerResponse, outcome: Outcome, context: ResponseContext): void {
  const { rateLimit } = context;
  const headers: Record<string, string> = {
    date: context.date.toUTCString(),
    "x-github-request-id": context.requestId,
    "x-github-api-version-selected": context.apiVersion,
    "x-github-media-type": "github.v3; format=json",
    ...rateLimitHeaders(rateLimit),
  };
  const bodiless = outcome.status === 204 || outcome.status === 304 || outcome.body === undefined;
  const serialized = bodiless ? undefined : serialize(outcome.body);
  if (serialized) headers["content-type"] = serialized.contentType;
  for (const [name, value] of Object.entries(outcome.headers ?? {})) headers[name.toLowerCase()] = value;
  headers["content-length"] = String(serialized?.payload.length ?? 0);
  response.writeHead(outcome.status, headers);
  response.end(context.omitBody ? undefined : serialized?.payload);
}

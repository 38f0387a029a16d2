import type { IncomingHttpHeaders } from "node:http";
import type { Principal } from "../auth/index.js";

/** A request that reached a handler: routed, authenticated and checked against GitHub's description. */
export interface SandboxRequest {
  /** GitHub's operation id (`git/create-ref`), or `graphql`. */
  operationId: string;
  /** Upper case; HEAD arrives as GET. */
  method: string;
  /** The path template, `/repos/{owner}/{repo}/git/refs`; `/graphql` for GraphQL. */
  template: string;
  /** Path parameters, decoded and coerced to their declared types (`pull_number` is a number). */
  params: Readonly<Record<string, string | number>>;
  /** Query parameters, coerced, with the description's defaults (`per_page: 30`). */
  query: Readonly<Record<string, unknown>>;
  /** The parsed JSON body; raw bytes for operations that take something else; undefined if none. */
  body: unknown;
  /** Who is calling: an installation, a user, or the app itself on the JWT routes. */
  principal: Principal;
  headers: IncomingHttpHeaders;
  /** The request target as received, `/api/v3/repos/acme/widgets?per_page=5`. */
  url: string;
  /** The API base URL as this client uses it (with `/api/v3` if it came that way), for `url` fields. */
  apiUrl: string;
}

export interface SandboxResponse {
  status: number;
  /** JSON-serialized unless it is a string or Buffer; omit for 204. */
  body?: unknown;
  /** Extra headers (`location`, `link`); they override the defaults, `content-type` included. */
  headers?: Record<string, string>;
}

export type SandboxHandler = (request: SandboxRequest) => Promise<SandboxResponse>;

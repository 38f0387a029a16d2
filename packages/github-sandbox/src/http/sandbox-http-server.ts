import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { SandboxApiError } from "../sandbox-api-error.js";
import type { SandboxLog } from "../webhooks/index.js";
import { authenticateRequest, authenticateToken, type SandboxAuthenticator } from "./authenticate-request.js";
import { createRequestId } from "./create-request-id.js";
import { FaultInjector, type FaultKind, type FaultMatch, type FaultRule } from "./fault-injector.js";
import { RequestHold } from "./request-hold.js";
import { conditionalGet } from "./conditional-get.js";
import { faultOutcome, secondaryRateLimitOutcome } from "./fault-outcome.js";
import { ContentCreationLimiter, createsContent, type ContentCreationLimit } from "./content-creation-limiter.js";
import { githubErrorBody, restDocumentationUrl } from "./github-error-body.js";
import { graphqlQueryCost } from "./graphql-query-cost.js";
import { loadGithubDescription, type GithubDescription } from "./load-github-description.js";
import { parseJsonBody } from "./parse-json-body.js";
import type { RateLimitAccounts } from "./primary-rate-limit.js";
import type { RateLimitOptions, RateLimitResource, RateLimitState, RateLimitSubject } from "./rate-limit-counter.js";
import { RateLimitGate, type RateLimitCaller } from "./rate-limit-gate.js";
import { readRequestBody } from "./read-request-body.js";
import { RequestValidator } from "./request-validator.js";
import { RouteTable, stripEnterprisePrefix, type RouteMatch } from "./route-table.js";
import { SandboxHttpError } from "./sandbox-http-error.js";
import type { SandboxHandler, SandboxResponse } from "./sandbox-request.js";
import { writeResponse, type Outcome } from "./write-response.js";

export interface SandboxHttpServerOptions {
  auth: SandboxAuthenticator;
  /** Defaults to `loadGithubDescription()`, parsed once per process. */
  description?: GithubDescription;
  log?: SandboxLog;
  /** Default 127.0.0.1; the sandbox is not meant to be reachable from elsewhere. */
  host?: string;
  /** Default 0: a free port, read back from `url`. */
  port?: number;
  /** Check every handler response against the documented schema and answer 500 when it differs. */
  validateResponses?: boolean;
  faults?: readonly FaultRule[];
  /** GitHub's limit on content-generating requests; off unless given (`githubContentCreationLimit`: GitHub's). */
  contentCreationLimit?: ContentCreationLimit;
  /** Drives fault rates; injectable for deterministic tests. */
  random?: () => number;
  /** Milliseconds since the epoch, for `Date` and rate-limit windows. */
  now?: () => number;
  /** GitHub's primary rate limits (budgets and window); default GitHub's numbers. */
  rateLimits?: RateLimitOptions;
  /** Users' ids and Actions' installation, for the budgets' keys and messages; default `standaloneAccounts`. */
  rateLimitAccounts?: RateLimitAccounts;
  /** Default 64 MiB. */
  maxBodyBytes?: number;
}

/** One request as the server saw it, for tests and for counting REST calls per lifecycle. */
export interface RecordedRequest {
  method: string;
  /** Without `/api/v3` and without the query. */
  path: string;
  operationId: string | undefined;
  status: number;
  durationMs: number;
  requestId: string;
  /** Set when an injected fault answered (or slowed) the request. */
  fault?: FaultKind;
  /** Set when a rate limit refused the request: the content-creation limit or a spent primary budget. */
  limited?: "content_creation" | "primary_rate_limit";
}

/** The operation id GraphQL requests are handed to, at `POST /graphql` and `POST /api/graphql`. */
export const graphqlOperationId = "graphql";

const defaultApiVersion = "2022-11-28";
const silentLog: SandboxLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

interface Exchange {
  method: string;
  url: string;
  path: string;
  /** The client uses a GitHub Enterprise base URL (`…/api/v3`). */
  enterprise: boolean;
  route: RouteMatch | undefined;
  operationId: string | undefined;
  documentationUrl: string;
  requestId: string;
  fault?: FaultKind;
  limited?: RecordedRequest["limited"];
  caller: RateLimitCaller;
  resource: RateLimitResource;
  /** What the request was charged against its budget (GraphQL: points); unset when nothing. */
  cost?: number;
}

/** GitHub errors thrown by handlers or by the sandbox's stores, as the outcome GitHub sends. */
function knownErrorOutcome(error: unknown, documentationUrl: string): Outcome | undefined {
  if (error instanceof SandboxHttpError) {
    const { documentationUrl: url = documentationUrl, errors, headers } = error.extra;
    return { status: error.status, body: githubErrorBody(error.status, error.message, url, errors), headers };
  }
  if (error instanceof SandboxApiError) {
    return { status: error.status, body: githubErrorBody(error.status, error.message, documentationUrl) };
  }
  return undefined;
}

function resourceOf(operationId: string | undefined): RateLimitResource {
  if (operationId === graphqlOperationId) return "graphql";
  if (operationId === "search/code") return "code_search";
  return operationId?.startsWith("search/") ? "search" : "core";
}

/** GitHub: "Accessing this endpoint does not count against your REST API rate limit." */
const rateLimitOperationId = "rate-limit/get";

/**
 * The sandbox's HTTP face: GitHub's REST paths (at the root and under `/api/v3`) routed by GitHub's
 * own description, authenticated like GitHub, checked against the description, and answered by
 * the handlers registered per operation id. Operations without a handler answer 404 and are
 * logged loudly; faults can be injected per route; every request is recorded.
 */
export class SandboxHttpServer {
  readonly #auth: SandboxAuthenticator;
  readonly #description: GithubDescription;
  readonly #routes: RouteTable;
  readonly #validator: RequestValidator;
  readonly #log: SandboxLog;
  readonly #host: string;
  readonly #port: number;
  readonly #validateResponses: boolean;
  readonly #faults: FaultInjector;
  readonly #now: () => number;
  readonly #maxBodyBytes: number;
  readonly #rateLimits: RateLimitGate;
  #contentLimiter: ContentCreationLimiter | undefined;
  readonly #handlers = new Map<string, SandboxHandler>();
  /** Paths outside the API (signed download URLs), by prefix: no authentication, as on GitHub's storage hosts. */
  readonly #downloads = new Map<string, (path: string) => SandboxResponse>();
  readonly #recorded: RecordedRequest[] = [];
  #server: Server | undefined;
  #url: string | undefined;
  readonly #holds: RequestHold[] = [];

  constructor(options: SandboxHttpServerOptions) {
    this.#auth = options.auth;
    this.#description = options.description ?? loadGithubDescription();
    this.#routes = RouteTable.fromDescription(this.#description);
    this.#validator = RequestValidator.forDescription(this.#description);
    this.#log = options.log ?? silentLog;
    this.#host = options.host ?? "127.0.0.1";
    this.#port = options.port ?? 0;
    this.#validateResponses = options.validateResponses ?? false;
    this.#faults = new FaultInjector(options.random);
    this.#faults.set(options.faults ?? []);
    this.#now = options.now ?? Date.now;
    this.#maxBodyBytes = options.maxBodyBytes ?? 64 * 1024 * 1024;
    this.#rateLimits = new RateLimitGate(this.#now, options.rateLimits, options.rateLimitAccounts);
    this.setContentCreationLimit(options.contentCreationLimit);
  }

  /** Turns GitHub's content-creation limit on (counting from now) or off (`undefined`). */
  setContentCreationLimit(limit: ContentCreationLimit | undefined): void {
    this.#contentLimiter = limit === undefined ? undefined : new ContentCreationLimiter(limit, this.#now);
  }

  /** The API base URL, `http://127.0.0.1:<port>`; the same routes answer under `<url>/api/v3`. */
  get url(): string {
    if (this.#url === undefined) throw new Error("SandboxHttpServer: not started; await start() first");
    return this.#url;
  }

  get validator(): RequestValidator {
    return this.#validator;
  }

  /** Answers `operationId` (`git/create-ref`, or `graphql`) with `handler`, replacing any earlier one. */
  register(operationId: string, handler: SandboxHandler): void {
    if (operationId !== graphqlOperationId && !this.#description.operations.has(operationId)) {
      throw new Error(`SandboxHttpServer: "${operationId}" is not an operation of GitHub's REST description`);
    }
    this.#handlers.set(operationId, handler);
  }

  /**
   * Answers `GET <prefix>...` outside GitHub's API: the storage URLs an API redirect points at
   * (a job's log), which GitHub serves from another host, signed in the URL, without a token.
   */
  registerDownload(prefix: string, handler: (path: string) => SandboxResponse): void {
    this.#downloads.set(prefix, handler);
  }

  /**
   * Holds the next `times` requests `match` names unanswered until `release()` on the hold returned
   * (its `reached` resolves once one waits): a slow answer for a test that waits on events, not on time.
   */
  holdRequests(match: FaultMatch, times = 1): RequestHold {
    const hold = new RequestHold(match, times);
    this.#holds.push(hold);
    return hold;
  }

  /** Replaces every fault rule; `setFaults([])` turns injection off. */
  setFaults(rules: readonly FaultRule[]): void {
    this.#faults.set(rules);
  }

  /** `subject`'s budget for `resource` as it stands, uncounted: what `GET /rate_limit` tells that caller. */
  rateLimit(subject: RateLimitSubject, resource: RateLimitResource = "core"): RateLimitState {
    return this.#rateLimits.state(subject, resource);
  }

  requests(): RecordedRequest[] {
    return this.#recorded.map((recorded) => ({ ...recorded }));
  }

  clearRequests(): void {
    this.#recorded.length = 0;
  }

  async start(): Promise<{ url: string }> {
    if (this.#server) return { url: this.url };
    const server = createServer((request, response) => {
      this.#handle(request, response).catch((error: unknown) => {
        this.#log.error({ err: error, url: request.url }, "sandbox: request failed outside any handler");
        if (!response.headersSent) response.writeHead(500).end();
      });
    });
    // Node closes an idle kept-alive socket after 5 s, about when a client (undici: the server's
    // hint less 1 s) still takes it for a next request; on a busy machine the two cross and the
    // request dies with ECONNRESET: two timers crossing on a busy machine, nothing GitHub's API
    // asks a client to handle. The sandbox keeps idle sockets longer, so its clients close first.
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.#port, this.#host, () => {
        server.off("error", reject);
        resolve();
      });
    });
    this.#server = server;
    this.#url = `http://${this.#host}:${(server.address() as AddressInfo).port}`;
    return { url: this.#url };
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    for (const hold of this.#holds.splice(0)) hold.release();
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = performance.now();
    const method = (request.method ?? "GET").toUpperCase();
    const url = request.url ?? "/";
    const rawPath = url.split("?")[0] ?? "/";
    const isGraphql = method === "POST" && (rawPath === "/graphql" || rawPath === "/api/graphql");
    const route = isGraphql ? undefined : this.#routes.match(method, url);
    const path = stripEnterprisePrefix(rawPath);
    const operationId = isGraphql ? graphqlOperationId : route?.operationId;
    const verdict = this.#auth.authenticate(request.headers.authorization);
    const ip = request.socket.remoteAddress ?? "127.0.0.1";
    const exchange: Exchange = {
      method,
      url,
      path,
      enterprise: path !== rawPath || rawPath === "/api/graphql",
      route,
      operationId,
      documentationUrl: route?.described.documentationUrl ?? restDocumentationUrl,
      requestId: createRequestId(),
      caller: this.#rateLimits.caller(verdict, ip),
      resource: resourceOf(operationId),
    };

    let answered: Outcome;
    try {
      answered = this.#download(method, url) ?? (await this.#process(request, exchange));
    } catch (error) {
      answered = knownErrorOutcome(error, exchange.documentationUrl) ?? this.#serverError(error, exchange);
    }
    const { outcome, uncounted } = conditionalGet(method, request.headers, answered);
    const rateLimit = this.#rateLimits.settle(exchange.caller, exchange.resource, {
      cost: exchange.cost,
      status: outcome.status,
      uncounted,
    });

    const versionHeader = request.headers["x-github-api-version"];
    writeResponse(response, outcome, {
      requestId: exchange.requestId,
      apiVersion: typeof versionHeader === "string" && versionHeader ? versionHeader : defaultApiVersion,
      rateLimit,
      date: new Date(this.#now()),
      omitBody: method === "HEAD",
    });
    this.#recorded.push({
      method,
      path: exchange.path,
      operationId: exchange.operationId,
      status: outcome.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      requestId: exchange.requestId,
      ...(exchange.fault ? { fault: exchange.fault } : {}),
      ...(exchange.limited ? { limited: exchange.limited } : {}),
    });
  }

  async #process(request: IncomingMessage, exchange: Exchange): Promise<Outcome> {
    const rawBody = await readRequestBody(request, this.#maxBodyBytes);

    const subject = {
      operationId: exchange.operationId,
      method: exchange.method,
      path: exchange.path,
      ...(rawBody === undefined ? {} : { rawBody }),
    };
    for (const hold of this.#holds) await hold.take(subject);
    if (exchange.operationId === rateLimitOperationId) return this.#rateLimits.status(exchange.caller);
    const cost = exchange.resource === "graphql" ? graphqlQueryCost(rawBody) : 1;
    const admission = this.#rateLimits.admit(exchange.caller, exchange.resource, cost);
    if ("refusal" in admission) {
      // nothing is done for a request over its budget: no handler runs, nothing is counted; a
      // conditional GET is refused too, though its 304 would have been free (best reading)
      exchange.limited = "primary_rate_limit";
      return admission.refusal;
    }
    exchange.cost = cost;
    const draw = this.#faults.draw(subject);
    if (draw.latencyMs > 0) {
      exchange.fault = "latency";
      await sleep(draw.latencyMs);
    }
    if (draw.failure) {
      exchange.fault = draw.failure.kind;
      const caller = { nowMs: this.#now(), subject: exchange.caller.subject, rateLimit: admission.state };
      return faultOutcome(draw.failure, exchange.requestId, caller);
    }

    const { route, operationId } = exchange;
    const limiter = createsContent(exchange.method, operationId, rawBody) ? this.#contentLimiter : undefined;
    const refused = limiter?.admit(request.headers.authorization);
    if (refused) {
      exchange.limited = "content_creation";
      return secondaryRateLimitOutcome(403, refused.retryAfterSeconds, exchange.requestId);
    }
    if (operationId === undefined) {
      return { status: 404, body: githubErrorBody(404, "Not Found", restDocumentationUrl) };
    }
    const handler = this.#handlers.get(operationId);
    if (!handler) return this.#notImplemented(exchange);

    const { authorization } = request.headers;
    const principal = route
      ? authenticateRequest(this.#auth, { ...route, documentationUrl: exchange.documentationUrl }, authorization)
      : authenticateToken(this.#auth, authorization, exchange.documentationUrl);
    const validated = route
      ? this.#validator.validateRequest(route.described, { params: route.params, query: route.query, rawBody })
      : { params: {}, query: {}, body: rawBody && parseJsonBody(rawBody) };

    const answer = await handler({
      operationId,
      method: route?.method ?? exchange.method,
      template: route?.template ?? "/graphql",
      params: validated.params,
      query: validated.query,
      body: validated.body,
      principal,
      headers: request.headers,
      url: exchange.url,
      apiUrl: exchange.enterprise ? `${this.url}/api/v3` : this.url,
    });
    return route && this.#validateResponses ? this.#checkResponse(operationId, answer) : answer;
  }

  /** `url` with its query: a download is signed in it. */
  #download(method: string, url: string): Outcome | undefined {
    if (method !== "GET") return undefined;
    const path = url;
    for (const [prefix, handler] of this.#downloads) if (path.startsWith(prefix)) return handler(path);
    return undefined;
  }

  #notImplemented(exchange: Exchange): Outcome {
    const template = exchange.route?.template ?? exchange.path;
    const what = `${exchange.method} ${template} [${exchange.operationId}]`;
    this.#log.warn(
      { method: exchange.method, template, operationId: exchange.operationId, url: exchange.url },
      `sandbox: ${what} is not implemented`,
    );
    const message = `Not Found (sandbox: ${what} is not implemented)`;
    return { status: 404, body: githubErrorBody(404, message, exchange.documentationUrl) };
  }

  /** With `validateResponses`, an answer GitHub's description would not allow becomes a loud 500. */
  #checkResponse(operationId: string, answer: SandboxResponse): Outcome {
    // a custom media type (`application/vnd.github.raw`, `.diff`) is not the JSON the schema describes
    if (typeof answer.body === "string" || Buffer.isBuffer(answer.body)) return answer;
    const problems = this.#validator.validateResponse(operationId, answer.status, answer.body);
    if (problems.length === 0) return answer;
    const message = `Sandbox response to ${operationId} (${answer.status}) does not match GitHub's description`;
    this.#log.error({ operationId, status: answer.status, problems }, `sandbox: ${message}`);
    return { status: 500, body: githubErrorBody(500, message, restDocumentationUrl, problems) };
  }

  #serverError(error: unknown, exchange: Exchange): Outcome {
    this.#log.error(
      { err: error, operationId: exchange.operationId, method: exchange.method, url: exchange.url },
      "sandbox: handler failed",
    );
    return { status: 500, body: { message: "Server Error" } };
  }
}

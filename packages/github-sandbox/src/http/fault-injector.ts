import { getOperationAST, parse } from "graphql";

export type FaultKind = "5xx" | "secondary_rate_limit" | "429" | "primary_rate_limit" | "latency";

/** Which requests a rule applies to; every given field must match, an empty match takes all. */
export interface FaultMatch {
  operationId?: string;
  method?: string;
  /** Compared with the path without GitHub Enterprise's `/api/v3` prefix: `/repos/acme/widgets/pulls`. */
  pathPrefix?: string;
  /** A GraphQL request whose operation has this root field (`createPullRequest`), under any alias. */
  graphqlField?: string;
}

interface FaultRuleCommon {
  match?: FaultMatch;
  /** Chance (0..1) that a matching request is hit; default 1. */
  rate?: number;
  /** Stop after hitting this many requests; default unlimited. */
  times?: number;
}

export type FaultRule = FaultRuleCommon &
  (
    | { kind: "5xx"; status?: 500 | 502 | 503 }
    | { kind: "secondary_rate_limit"; retryAfterSeconds?: number }
    /** GitHub's secondary rate limit answered with 429 instead of 403, as it is for some limits. */
    | { kind: "429"; retryAfterSeconds?: number }
    /** The hourly budget spent: 403 (or 429), `x-ratelimit-remaining: 0`, `x-ratelimit-reset` that far ahead. */
    | { kind: "primary_rate_limit"; status?: 403 | 429; resetAfterSeconds?: number }
    | { kind: "latency"; ms: number }
  );

export type FaultFailure =
  | { kind: "5xx"; status: 500 | 502 | 503 }
  | { kind: "secondary_rate_limit" | "429"; retryAfterSeconds: number }
  | { kind: "primary_rate_limit"; status: 403 | 429; resetAfterSeconds: number };

export interface FaultDraw {
  /** Added delay, summed over every latency rule that hit. */
  latencyMs: number;
  /** The first failure rule that hit, if any: the request is answered with it. */
  failure?: FaultFailure;
}

export interface FaultSubject {
  operationId: string | undefined;
  method: string;
  path: string;
  /** a GraphQL request's raw body, for `graphqlField` */
  rawBody?: Buffer;
}

/** The root fields of a GraphQL request's operation (none when the body is no GraphQL document). */
function rootFields(rawBody: Buffer | undefined): string[] {
  if (rawBody === undefined) return [];
  try {
    const { query, operationName } = JSON.parse(rawBody.toString("utf8")) as {
      query?: unknown;
      operationName?: unknown;
    };
    if (typeof query !== "string") return [];
    const operation = getOperationAST(parse(query), typeof operationName === "string" ? operationName : undefined);
    return (operation?.selectionSet.selections ?? []).flatMap((selection) =>
      selection.kind === "Field" ? [selection.name.value] : [],
    );
  } catch {
    return [];
  }
}

interface ActiveRule {
  rule: FaultRule;
  remaining: number;
}

/** GitHub's own default wait for a secondary rate limit. */
const defaultRetryAfterSeconds = 60;
/** How far ahead a primary limit's reset is unless told: the rest of a typical hour's window. */
const defaultResetAfterSeconds = 60 * 60;

function checkRule(rule: FaultRule): void {
  const rate = rule.rate ?? 1;
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`sandbox faults: rate must be within 0..1, got ${rule.rate}`);
  if (rule.times !== undefined && !(Number.isInteger(rule.times) && rule.times >= 0)) {
    throw new RangeError(`sandbox faults: times must be a whole number, got ${rule.times}`);
  }
  if (rule.kind === "latency" && !(rule.ms >= 0))
    throw new RangeError(`sandbox faults: latency ms must be >= 0, got ${rule.ms}`);
  let seconds: number | undefined;
  if (rule.kind === "primary_rate_limit") seconds = rule.resetAfterSeconds;
  else if (rule.kind === "secondary_rate_limit" || rule.kind === "429") seconds = rule.retryAfterSeconds;
  if (seconds !== undefined && !(Number.isInteger(seconds) && seconds >= 0)) {
    throw new RangeError(`sandbox faults: ${rule.kind} seconds must be a whole number >= 0, got ${seconds}`);
  }
}

/** Whether `subject` is a request `match` names (every given field matches; none given: any request). */
export const matchesFault = (match: FaultMatch | undefined, subject: FaultSubject): boolean =>
  (match?.operationId === undefined || match.operationId === subject.operationId) &&
  (match?.method === undefined || match.method.toUpperCase() === subject.method) &&
  (match?.pathPrefix === undefined || subject.path.startsWith(match.pathPrefix)) &&
  (match?.graphqlField === undefined || rootFields(subject.rawBody).includes(match.graphqlField));

/**
 * Decides, request by request, which injected faults hit: 5xx answers, GitHub's secondary rate
 * limit (403, or 429), its primary rate limit (budget spent) and added latency, each with a
 * rate and an optional budget. The random source is injectable so reliability tests are
 * deterministic.
 */
export class FaultInjector {
  readonly #random: () => number;
  #rules: ActiveRule[] = [];

  constructor(random: () => number = Math.random) {
    this.#random = random;
  }

  /** Replaces every rule; `set([])` turns faults off. */
  set(rules: readonly FaultRule[]): void {
    for (const rule of rules) checkRule(rule);
    this.#rules = rules.map((rule) => ({ rule: structuredClone(rule), remaining: rule.times ?? Infinity }));
  }

  draw(subject: FaultSubject): FaultDraw {
    const draw: FaultDraw = { latencyMs: 0 };
    for (const active of this.#rules) {
      const { rule } = active;
      if (active.remaining <= 0 || !matchesFault(rule.match, subject)) continue;
      if (rule.kind !== "latency" && draw.failure) continue;
      if (this.#random() >= (rule.rate ?? 1)) continue;
      active.remaining -= 1;
      if (rule.kind === "latency") draw.latencyMs += rule.ms;
      else if (rule.kind === "5xx") draw.failure = { kind: "5xx", status: rule.status ?? 500 };
      else if (rule.kind === "primary_rate_limit") {
        const resetAfterSeconds = rule.resetAfterSeconds ?? defaultResetAfterSeconds;
        draw.failure = { kind: rule.kind, status: rule.status ?? 403, resetAfterSeconds };
      } else draw.failure = { kind: rule.kind, retryAfterSeconds: rule.retryAfterSeconds ?? defaultRetryAfterSeconds };
    }
    return draw;
  }
}

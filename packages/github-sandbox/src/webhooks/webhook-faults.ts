type Payload = Record<string, unknown>;

/** Which deliveries a rule applies to: an event, optionally an action, optionally a test on the payload. */
export interface WebhookFaultMatch {
  event: string;
  action?: string;
  payload?: (payload: Payload) => boolean;
}

interface RuleBase {
  /** Default: every delivery. */
  match?: WebhookFaultMatch;
  /** How many matching deliveries the rule applies to (default 1; `Infinity` for all). */
  times?: number;
}

/**
 * Explicit, reproducible faults, applied to the deliveries of new events (not to redeliveries,
 * nor to the copies and releases the faults themselves make):
 * - `duplicate`: the delivery is sent twice. `guid: "same"` (default) repeats its `X-GitHub-Delivery`
 *   as GitHub's redelivery does (`redelivery: true`); `"new"` sends the same payload under a new
 *   GUID, as a second event would arrive. The copy follows at once, or is held like `hold`
 *   (`after`/`until`).
 * - `hold` (reordering): the delivery waits until `after` later deliveries (default 1) have been
 *   sent, or until a later delivery matching `until` has been sent, then goes out.
 * - `delay`: the delivery goes out `ms` milliseconds later; others overtake it meanwhile.
 * Nothing is held forever: `idle()` sends what is held at once, and waits for delays to end.
 */
export type WebhookFaultRule =
  | (RuleBase & { kind: "duplicate"; guid?: "same" | "new"; after?: number; until?: WebhookFaultMatch })
  | (RuleBase & { kind: "hold"; after?: number; until?: WebhookFaultMatch })
  | (RuleBase & { kind: "delay"; ms: number });

export interface WebhookFaults {
  /** Share of attempts (0..1) recorded as "dropped" and never sent. */
  dropRate?: number;
  /**
   * Share of deliveries (0..1) sent twice, right after each other; the copy keeps the GUID or
   * gets a new one at random.
   */
  duplicateRate?: number;
  /** Share of deliveries (0..1) held back until the next delivery has been sent. */
  reorderRate?: number;
  /** Share of deliveries (0..1) sent `delayMs` later. */
  delayRate?: number;
  /** Default 50. */
  delayMs?: number;
  /** Applied before the random faults; a delivery a rule holds or delays is not also drawn for. */
  rules?: readonly WebhookFaultRule[];
  /** Injectable for deterministic tests (see `seededRandom`); defaults to Math.random. */
  random?: () => number;
}

/** When a held delivery goes out: after `after` more sends, or after a send matching `until`. */
export interface HoldPlan {
  after: number;
  until?: WebhookFaultMatch;
}

/** What happens to one delivery. */
export interface FaultPlan {
  hold?: HoldPlan;
  delayMs?: number;
  duplicate?: { guid: "same" | "new"; hold?: HoldPlan };
}

export function matchesDelivery(match: WebhookFaultMatch | undefined, event: string, payload: Payload): boolean {
  if (!match) return true;
  if (match.event !== event) return false;
  if (match.action !== undefined && payload.action !== match.action) return false;
  return match.payload ? match.payload(payload) : true;
}

function holdPlan(after: number | undefined, until: WebhookFaultMatch | undefined, fallback: number): HoldPlan {
  return until ? { after: after ?? Infinity, until } : { after: after ?? fallback };
}

function checkRate(name: string, rate: number | undefined): number {
  const value = rate ?? 0;
  if (!(value >= 0 && value <= 1)) {
    throw new Error(`webhook faults: ${name} must be between 0 and 1, got ${String(rate)}`);
  }
  return value;
}

/** Throws a clear error for a configuration that cannot mean anything. */
export function checkWebhookFaults(faults: WebhookFaults): void {
  for (const name of ["dropRate", "duplicateRate", "reorderRate", "delayRate"] as const) checkRate(name, faults[name]);
  if (faults.delayMs !== undefined && !(faults.delayMs >= 0)) {
    throw new Error(`webhook faults: delayMs must be 0 or more, got ${String(faults.delayMs)}`);
  }
  for (const [index, rule] of (faults.rules ?? []).entries()) {
    if (rule.times !== undefined && !(rule.times >= 0)) {
      throw new Error(`webhook faults: rules[${index}].times must be 0 or more, got ${String(rule.times)}`);
    }
    if (rule.kind === "delay" && !(rule.ms >= 0)) {
      throw new Error(`webhook faults: rules[${index}] (delay) needs ms of 0 or more, got ${String(rule.ms)}`);
    }
    if (rule.kind !== "delay" && rule.after !== undefined && !(rule.after >= 0)) {
      throw new Error(`webhook faults: rules[${index}].after must be 0 or more, got ${String(rule.after)}`);
    }
    if (!["duplicate", "hold", "delay"].includes(rule.kind)) {
      throw new Error(`webhook faults: rules[${index}] has unknown kind "${String((rule as { kind: unknown }).kind)}"`);
    }
  }
}

/**
 * Decides the faults of one new delivery. `used` counts how often each rule has applied (it is
 * updated); rules come first, then the random shares, each drawn only when its rate is above 0.
 */
export function planFaults(faults: WebhookFaults, used: number[], event: string, payload: Payload): FaultPlan {
  const plan: FaultPlan = {};
  for (const [index, rule] of (faults.rules ?? []).entries()) {
    if ((used[index] ?? 0) >= (rule.times ?? 1) || !matchesDelivery(rule.match, event, payload)) continue;
    if (rule.kind === "duplicate" && plan.duplicate) continue;
    if (rule.kind !== "duplicate" && (plan.hold || plan.delayMs !== undefined)) continue;
    used[index] = (used[index] ?? 0) + 1;
    if (rule.kind === "hold") plan.hold = holdPlan(rule.after, rule.until, 1);
    else if (rule.kind === "delay") plan.delayMs = rule.ms;
    else {
      const hold = rule.after !== undefined || rule.until ? holdPlan(rule.after, rule.until, 0) : undefined;
      plan.duplicate = { guid: rule.guid ?? "same", ...(hold ? { hold } : {}) };
    }
  }
  const random = faults.random ?? Math.random;
  const draw = (rate: number | undefined): boolean => (rate ?? 0) > 0 && random() < (rate ?? 0);
  if (!plan.duplicate && draw(faults.duplicateRate)) plan.duplicate = { guid: random() < 0.5 ? "same" : "new" };
  if (!plan.hold && plan.delayMs === undefined) {
    if (draw(faults.reorderRate)) plan.hold = { after: 1 };
    else if (draw(faults.delayRate)) plan.delayMs = faults.delayMs ?? 50;
  }
  return plan;
}

/** A small seeded generator (mulberry32) for reproducible random faults: the same seed, the same draws. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

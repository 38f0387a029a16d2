import { type RecordSigner, sealMatches } from "../seal.js";

/**
 * What the dashboard issue remembers between refreshes, in a hidden line of its own body: the
 * git blob SHA of the queue it last showed and of the queue before that. "What changed" is the
 * difference between the two, so a refresh that finds the queue as it was (a sweep, a health
 * change) renders the same changes again instead of "nothing changed", and an unchanged
 * dashboard is not rewritten.
 */
export interface DashboardState {
  /** blob SHA of `ops/queue.jsonl` as the dashboard shows it */
  queue: string;
  /** blob SHA of the queue before its latest change; null until the queue has changed once */
  previous: string | null;
  /**
   * the app's seal of the two (`sealDashboardState`): any writer may edit the app's issue and
   * create blobs, so a line without a seal that holds is not believed (absent in older bodies)
   */
  seal?: string;
}

const open = "<!-- autopilot:dashboard-state ";
const close = " -->";
const shaPattern = /^[0-9a-f]{40}$/;

export const dashboardStateLine = (state: DashboardState): string => `${open}${JSON.stringify(state)}${close}`;

/** The state in a dashboard body; undefined when there is none or it was tampered with. */
export function parseDashboardState(body: string): DashboardState | undefined {
  const start = body.indexOf(open);
  if (start === -1) return undefined;
  const end = body.indexOf(close, start + open.length);
  if (end === -1) return undefined;
  try {
    const value = JSON.parse(body.slice(start + open.length, end)) as Partial<DashboardState>;
    const previousOk =
      value.previous === null || (typeof value.previous === "string" && shaPattern.test(value.previous));
    if (!(typeof value.queue === "string" && shaPattern.test(value.queue) && previousOk)) return undefined;
    const state = { queue: value.queue, previous: value.previous ?? null };
    return typeof value.seal === "string" ? { ...state, seal: value.seal } : state;
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/** What the seal signs: the two SHAs and the repository whose dashboard holds them (`sealedAt`'s form). */
const sealPayload = (state: DashboardState, where: string): string =>
  `autopilot dashboard state v1\n${where.toLowerCase()}\n${state.queue}\n${state.previous ?? ""}`;

/** The state with its seal, for the line the app writes. */
export async function sealDashboardState(
  state: DashboardState,
  sign: RecordSigner,
  where: string,
): Promise<DashboardState> {
  return { queue: state.queue, previous: state.previous, seal: await sign(sealPayload(state, where)) };
}

/**
 * The state a body's line holds when the app wrote it there: undefined when there is none, or it
 * is not sealed by the app for this repository (edited, copied from elsewhere, or older).
 */
export async function trustedDashboardState(
  body: string,
  verifiers: RecordSigner | readonly RecordSigner[],
  where: string,
): Promise<DashboardState | undefined> {
  const state = parseDashboardState(body);
  if (state?.seal === undefined) return undefined;
  return (await sealMatches(sealPayload(state, where), state.seal, verifiers)) ? state : undefined;
}

/** The state after a refresh that found the queue at blob `queueSha`. */
export function nextDashboardState(stored: DashboardState | undefined, queueSha: string): DashboardState {
  if (stored === undefined) return { queue: queueSha, previous: null };
  return stored.queue === queueSha
    ? { queue: stored.queue, previous: stored.previous }
    : { queue: queueSha, previous: stored.queue };
}

/** The refresh time changes every minute; two bodies that differ only there show the same thing. */
const withoutRefreshTime = (body: string): string =>
  body.replace(/\r\n?/g, "\n").replace(/^Refreshed [^.\n]*\. /m, "Refreshed. ");

export const sameDashboard = (a: string, b: string): boolean => withoutRefreshTime(a) === withoutRefreshTime(b);

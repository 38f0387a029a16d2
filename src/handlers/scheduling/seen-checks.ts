/**
 * Coalescing of merge evaluations. One push sets off up to four events that each ask for an
 * evaluation (a check run completed per gate, then the suite); those that arrive while one is
 * waiting collapse into it (the work queue's dedupe key), and those that arrive after an
 * evaluation has already read the finished checks bring nothing new. This remembers, per pull
 * request, which completed check runs and suites the last finished evaluation saw, so such a
 * late event is dropped instead of reading the PR, the queue, the checks and the reviews again.
 */

/** A check event that asks for an evaluation, with what it says happened. */
export type CheckTrigger =
  | { kind: "check_run"; id: number; conclusion: string | null; headSha: string }
  | { kind: "check_suite"; id: number; headSha: string };

/** What one evaluation saw completed on the head it read. */
export interface SeenChecks {
  headSha: string;
  /** `id:conclusion` of every completed run */
  runs: Set<string>;
  /** suites all of whose runs were completed */
  suites: Set<number>;
}

interface ListedRun {
  id: number;
  status: string;
  conclusion: string | null;
  check_suite: { id: number } | null;
}

export function seenChecksOf(headSha: string, runs: readonly ListedRun[]): SeenChecks {
  const seen: SeenChecks = { headSha, runs: new Set(), suites: new Set() };
  const open = new Set<number>();
  for (const run of runs) {
    const suite = run.check_suite?.id;
    if (run.status === "completed") {
      seen.runs.add(`${run.id}:${run.conclusion}`);
      if (suite !== undefined) seen.suites.add(suite);
    } else if (suite !== undefined) open.add(suite);
  }
  for (const suite of open) seen.suites.delete(suite);
  return seen;
}

/** Whether an evaluation that saw `seen` already accounted for what `trigger` reports. */
export function alreadySeen(seen: SeenChecks | undefined, trigger: CheckTrigger): boolean {
  if (!seen || seen.headSha !== trigger.headSha) return false;
  return trigger.kind === "check_run"
    ? seen.runs.has(`${trigger.id}:${trigger.conclusion}`)
    : seen.suites.has(trigger.id);
}

/** The last evaluation's view per pull request, bounded (oldest forgotten first). */
export class SeenChecksMemo {
  readonly #byPull = new Map<string, SeenChecks>();
  readonly #max: number;

  constructor(max = 2_000) {
    this.#max = max;
  }

  get(key: string): SeenChecks | undefined {
    return this.#byPull.get(key);
  }

  set(key: string, seen: SeenChecks | undefined): void {
    this.#byPull.delete(key);
    if (!seen) return;
    this.#byPull.set(key, seen);
    if (this.#byPull.size > this.#max) this.#byPull.delete(this.#byPull.keys().next().value as string);
  }
}

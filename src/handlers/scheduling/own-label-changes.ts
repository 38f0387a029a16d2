/**
 * The state labels this app instance itself put on or took off a task PR, remembered until their
 * webhook comes back. A label is no input of the merge policy (`decideMerge` reads the queue, the
 * PR, its checks, statuses and reviews): a state label only mirrors a queue move. Every move the
 * instance makes to a status in which a merge can follow (`review`, `in_progress`) is evaluated
 * by the one who made it (the evaluation that moved the task goes on deciding; any other move
 * queues an evaluation, `moveTask`), and a move to any other status leaves nothing to evaluate.
 * So the `pull_request.labeled`/`unlabeled` event such a change sets off asks nothing new and is
 * dropped, instead of reading the queue, the PR and its checks once more.
 *
 * Only what this instance remembers is dropped: the bot account is the same for every replica, so
 * "the sender is the app" alone does not say who made the change or whether it was evaluated. A
 * change by another replica (or by an older version of the app), a person's or another app's
 * label, is evaluated as before. Each change is claimed once; a PR's next own change replaces
 * what was left of its previous one (a label GitHub did not change sends no event), and memory
 * older than `ttlMs` is forgotten, so nothing remembered outlives the moment it stands for.
 */

export type LabelAction = "labeled" | "unlabeled";

interface Remembered {
  /** `labeled:<name>` / `unlabeled:<name>`, names lowercased as GitHub compares them */
  changes: string[];
  at: number;
}

const keyOf = (action: LabelAction, label: string): string => `${action}:${label.toLowerCase()}`;

export class OwnLabelChanges {
  readonly #byPull = new Map<string, Remembered>();
  readonly #ttlMs: number;
  readonly #max: number;
  readonly #now: () => number;

  constructor(options: { ttlMs?: number; max?: number; now?: () => number } = {}) {
    this.#ttlMs = options.ttlMs ?? 5 * 60_000;
    this.#max = options.max ?? 2_000;
    this.#now = options.now ?? Date.now;
  }

  /** Remembers the labels this instance just added to and removed from a PR (`pull`: `owner/repo#n`). */
  note(pull: string, change: { added: readonly string[]; removed: readonly string[] }): void {
    this.#byPull.delete(pull);
    const changes = [
      ...change.added.map((label) => keyOf("labeled", label)),
      ...change.removed.map((label) => keyOf("unlabeled", label)),
    ];
    if (changes.length === 0) return;
    this.#byPull.set(pull, { changes, at: this.#now() });
    if (this.#byPull.size > this.#max) this.#byPull.delete(this.#byPull.keys().next().value as string);
  }

  /** Whether this instance made exactly this change (and, then, forgets it: one event per change). */
  claim(pull: string, action: LabelAction, label: string): boolean {
    const remembered = this.#byPull.get(pull);
    if (!remembered) return false;
    if (this.#now() - remembered.at > this.#ttlMs) {
      this.#byPull.delete(pull);
      return false;
    }
    const at = remembered.changes.indexOf(keyOf(action, label));
    if (at < 0) return false;
    remembered.changes.splice(at, 1);
    if (remembered.changes.length === 0) this.#byPull.delete(pull);
    return true;
  }
}

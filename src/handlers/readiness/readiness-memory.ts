import type { BranchRule } from "../../core/doctor/index.js";
import type { KnownProtection } from "../../core/merge/index.js";
import type { ReadinessRecord } from "../../core/readiness/index.js";

/** What an instance read of the state branch's protection and of the rules on task branches, and when: they change without an event. */
export interface ProtectionRead {
  at: number;
  protection: KnownProtection;
  rules: BranchRule[] | undefined;
  /** the rules GitHub lists for a task branch's name (`taskBranchProbe`) */
  taskRules: BranchRule[] | undefined;
}

/** How long a protection read answers: a rule added in the meantime holds tasks at most this much later. */
export const protectionReadMs = 10 * 60_000;

/**
 * What one app instance remembers of each repository's readiness (owned by its `AppServices`):
 * the agent's workflow by the commit it was read at (a commit never changes), the state branch's
 * protection and the task branches' rules for `protectionReadMs` (and GitHub's last refusal of a
 * task's start for as long), the last `ops/readiness.json` it read or wrote, and whether a task
 * was held since the last release (only then do the default branch's check events cost a
 * readiness evaluation).
 */
export class ReadinessMemory {
  readonly #workflows = new Map<string, string | undefined>();
  readonly #protection = new Map<string, ProtectionRead>();
  readonly #records = new Map<string, ReadinessRecord>();
  readonly #held = new Set<string>();
  readonly #startRefusals = new Map<string, { at: number; reason: string }>();
  readonly #readHeads = new Map<string, string>();
  readonly #size: number;

  constructor(size = 256) {
    this.#size = size;
  }

  workflow(key: string): { text: string | undefined } | undefined {
    return this.#workflows.has(key) ? { text: this.#workflows.get(key) } : undefined;
  }

  keepWorkflow(key: string, text: string | undefined): void {
    this.#workflows.set(key, text);
    if (this.#workflows.size > this.#size) this.#workflows.delete(this.#workflows.keys().next().value as string);
  }

  protection(repo: string, now: number): ProtectionRead | undefined {
    const read = this.#protection.get(repo);
    return read !== undefined && now - read.at < protectionReadMs ? read : undefined;
  }

  keepProtection(repo: string, read: ProtectionRead): void {
    this.#protection.set(repo, read);
  }

  /**
   * GitHub refused to create a task's branch or its first commit (a rule or protection on task
   * branches): the protection read is dropped, so the next evaluation reads the rules again, and the
   * refusal holds new tasks for `protectionReadMs`, so a rule the app cannot read (classic branch
   * protection on a pattern) is not met again by every sweep.
   */
  keepStartRefusal(repo: string, at: number, reason: string): void {
    this.#protection.delete(repo);
    this.#startRefusals.set(repo, { at, reason });
  }

  /** Why GitHub refused the last task start in `repo`, while that refusal still holds new tasks. */
  startRefusal(repo: string, now: number): string | undefined {
    const refusal = this.#startRefusals.get(repo);
    if (refusal === undefined) return undefined;
    if (now - refusal.at < protectionReadMs) return refusal.reason;
    this.#startRefusals.delete(repo);
    return undefined;
  }

  record(repo: string): ReadinessRecord | undefined {
    return this.#records.get(repo);
  }

  keepRecord(repo: string, record: ReadinessRecord): void {
    this.#records.set(repo, record);
  }

  /** The default branch's head whose checks an evaluation read last (a display then reads them too, for free: 304). */
  checksRead(repo: string): string | undefined {
    return this.#readHeads.get(repo);
  }

  keepChecksRead(repo: string, sha: string): void {
    this.#readHeads.delete(repo);
    this.#readHeads.set(repo, sha);
    if (this.#readHeads.size > this.#size) this.#readHeads.delete(this.#readHeads.keys().next().value as string);
  }

  /** A new task was held in `repo`: the next change of its default branch's checks looks again. */
  held(repo: string): void {
    this.#held.add(repo);
  }

  isHolding(repo: string): boolean {
    return this.#held.has(repo);
  }

  released(repo: string): void {
    this.#held.delete(repo);
  }
}

/**
 * The caches one app instance keeps (owned by its `AppServices`, never module-level): what one
 * instance learned must not answer for another in the same process.
 */

/** Reads shared per delivery for a while: the jobs one webhook sets off run within seconds. */
export class DeliveryConfigReads<T> {
  readonly #entries = new Map<string, { at: number; result: Promise<T> }>();
  readonly #shareForMs: number;

  constructor(shareForMs = 60_000) {
    this.#shareForMs = shareForMs;
  }

  /** The read kept under `key`, else `load()`'s, kept unless it fails. */
  share(key: string, load: () => Promise<T>, now = Date.now()): Promise<T> {
    for (const [old, entry] of this.#entries) if (now - entry.at > this.#shareForMs) this.#entries.delete(old);
    const known = this.#entries.get(key);
    if (known) return known.result;
    const result = load();
    this.#entries.set(key, { at: now, result });
    result.catch(() => this.#entries.delete(key));
    return result;
  }
}

/** Texts by content hash, the oldest dropped past `size`: blobs never change. */
export class KeptBlobs {
  readonly #texts = new Map<string, string>();
  readonly #size: number;

  constructor(size = 32) {
    this.#size = size;
  }

  get(sha: string): string | undefined {
    return this.#texts.get(sha);
  }

  set(sha: string, text: string): void {
    this.#texts.set(sha, text);
    if (this.#texts.size > this.#size) this.#texts.delete(this.#texts.keys().next().value as string);
  }
}

/**
 * The merge method each repository accepted (`owner/repo` → method), so a repository that turned
 * squash off is not refused on every merge; the least recently used dropped past `size`.
 */
export class MergeMethodMemo<Method extends string = string> {
  readonly #methods = new Map<string, Method>();
  readonly #size: number;

  constructor(size = 500) {
    this.#size = size;
  }

  get(repository: string): Method | undefined {
    const method = this.#methods.get(repository);
    if (method === undefined) return undefined;
    this.#methods.delete(repository);
    this.#methods.set(repository, method);
    return method;
  }

  set(repository: string, method: Method): void {
    this.#methods.delete(repository);
    this.#methods.set(repository, method);
    if (this.#methods.size > this.#size) this.#methods.delete(this.#methods.keys().next().value as string);
  }

  forget(repository: string): void {
    this.#methods.delete(repository);
  }
}

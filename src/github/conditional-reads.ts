import type { GithubClient } from "./client.js";

/** A response kept for revalidation: its entity tag, what the caller got and its size. */
interface KeptResponse {
  etag: string;
  response: unknown;
  bytes: number;
}

/** Bodies larger than this are not kept: a diff or a large listing is rarely read twice unchanged. */
const maxKeptBytes = 512 * 1024;
/** All kept bodies together stay under this (the oldest go first), so a busy instance's memory is bounded. */
const maxTotalBytes = 32 * 1024 * 1024;

const headerOf = (headers: Record<string, unknown> | undefined, name: string): string | undefined => {
  const value = headers?.[name] ?? headers?.[name.toLowerCase()];
  return typeof value === "string" ? value : undefined;
};

/**
 * The app instance's conditional GETs (GitHub's "use conditional requests if appropriate"): each
 * GET's `ETag` is kept with its response, the next GET of the same URL sends it as
 * `If-None-Match`, and a `304 Not Modified` (which GitHub does not count against the rate limit)
 * is answered with the kept response. A 304 means the body is what it was, so nothing stale is
 * ever returned: every read still asks GitHub. Owned by `AppServices`; the oldest entries go first.
 */
export class ConditionalReads {
  readonly #kept = new Map<string, KeptResponse>();
  readonly #wrapped = new WeakSet<object>();
  readonly #size: number;
  #bytes = 0;
  #notModified = 0;

  constructor(size = 500) {
    this.#size = size;
  }

  /** Responses kept for revalidation, and their size together (bounded by the count and 32 MB). */
  get kept(): { responses: number; bytes: number } {
    return { responses: this.#kept.size, bytes: this.#bytes };
  }

  /** GETs answered 304 so far. */
  get notModified(): number {
    return this.#notModified;
  }

  /** Makes `octokit`'s GETs conditional (once per client). */
  install(octokit: GithubClient): void {
    if (this.#wrapped.has(octokit)) return;
    this.#wrapped.add(octokit);
    octokit.hook.wrap("request", async (request, options) => {
      const { method, url, headers } = octokit.request.endpoint.parse(options);
      if (method !== "GET") return request(options);
      // the media type changes the body (raw, diff); the URL names the repository, so its installation
      const key = `${headerOf(headers, "accept") ?? ""} ${url}`;
      const kept = this.#kept.get(key);
      try {
        // in place: the hooks Octokit's plugins wrap around the request were bound to this object
        if (kept) options.headers = { ...options.headers, "if-none-match": kept.etag };
        const response = await request(options);
        this.#keep(key, response);
        return structuredClone(response);
      } catch (error) {
        if (kept === undefined || (error as { status?: number }).status !== 304) throw error;
        this.#notModified += 1;
        // the most recently used goes last, so the oldest is dropped first
        this.#kept.delete(key);
        this.#kept.set(key, kept);
        // a copy: a caller that changes what it got must not change what the next one gets
        return structuredClone(kept.response) as Awaited<ReturnType<typeof request>>;
      }
    });
  }

  #keep(key: string, response: { headers: Record<string, unknown>; data: unknown }): void {
    const etag = headerOf(response.headers, "etag");
    this.#drop(key);
    if (etag === undefined) return;
    const data = response.data;
    const bytes = typeof data === "string" ? data.length : JSON.stringify(data ?? null).length;
    if (bytes > maxKeptBytes) return;
    this.#kept.set(key, { etag, response, bytes });
    this.#bytes += bytes;
    while (this.#kept.size > this.#size || this.#bytes > maxTotalBytes)
      this.#drop(this.#kept.keys().next().value as string);
  }

  #drop(key: string): void {
    const kept = this.#kept.get(key);
    if (kept === undefined) return;
    this.#bytes -= kept.bytes;
    this.#kept.delete(key);
  }
}

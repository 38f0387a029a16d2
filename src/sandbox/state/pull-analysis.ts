import type { CompareResult, GitStore, Person } from "../git/index.js";
import type { IssueState, PullState, RepoState } from "./repo-state.js";

/** Who GitHub's own merge commits name as committer. */
export const githubCommitter: Person = { name: "GitHub", email: "noreply@github.com" };

/** GitHub's `mergeable` / `mergeable_state` and the test merge commit behind them. */
export interface Mergeability {
  mergeable: boolean | null;
  state: "clean" | "dirty" | "behind" | "draft" | "unknown";
  /** the test merge commit, GitHub's `merge_commit_sha` of an open pull request */
  testMergeSha: string | null;
}

type DryMerge = { ok: true; sha: string } | { ok: false };

/** Results keyed by commit shas, so they stay true forever; bounded so a long sandbox run stays small. */
class ShaCache<T> {
  readonly #entries = new Map<string, Promise<T>>();

  get(key: string, compute: () => Promise<T>): Promise<T> {
    const known = this.#entries.get(key);
    if (known) return known;
    const pending = compute();
    this.#entries.set(key, pending);
    pending.catch(() => this.#entries.delete(key));
    if (this.#entries.size > 256) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    return pending;
  }
}

const compares = new WeakMap<GitStore, ShaCache<CompareResult | undefined>>();
const dryMerges = new WeakMap<GitStore, ShaCache<DryMerge>>();

function cacheOf<T>(caches: WeakMap<GitStore, ShaCache<T>>, git: GitStore): ShaCache<T> {
  let cache = caches.get(git);
  if (!cache) {
    cache = new ShaCache<T>();
    caches.set(git, cache);
  }
  return cache;
}

/** The base branch's tip now, or where it was last seen (a deleted branch, a closed pull request). */
async function baseTipOf(repo: RepoState, pull: PullState, open: boolean): Promise<string> {
  if (!open) return pull.base.sha;
  return (await repo.git.getRef(`refs/heads/${pull.base.ref}`)) ?? pull.base.sha;
}

/**
 * What the pull request brings: the commits of head not on base and the files they change from
 * the merge base, as GitHub's commits/files/additions/deletions show them. A merged pull request
 * keeps what it had when it was merged (its `base.sha` is the base tip it was merged onto).
 */
export async function pullDiff(repo: RepoState, issue: IssueState): Promise<CompareResult | undefined> {
  const pull = issue.pull;
  if (!pull) return undefined;
  const base = await baseTipOf(repo, pull, issue.state === "open");
  return cacheOf(compares, repo.git).get(`${base}...${pull.head.sha}`, async () => {
    try {
      return await repo.git.compare(base, pull.head.sha);
    } catch {
      return undefined; // no history in common: nothing GitHub could list either
    }
  });
}

/** The test merge of head into base GitHub keeps for every open pull request; never moves a ref. */
function dryMerge(repo: RepoState, base: string, head: string): Promise<DryMerge> {
  return cacheOf(dryMerges, repo.git).get(`${base}:${head}`, async () => {
    const result = await repo.git.merge({
      base,
      head,
      method: "merge",
      message: `Merge ${head} into ${base}`,
      author: githubCommitter,
      committer: githubCommitter,
    });
    return result.ok ? { ok: true, sha: result.sha } : { ok: false };
  });
}

/**
 * GitHub's `mergeable` and `mergeable_state`: unknown once closed; dirty when head does not merge
 * cleanly into base; draft for a draft; behind when base has commits head lacks; clean otherwise.
 */
export async function mergeabilityOf(repo: RepoState, issue: IssueState): Promise<Mergeability> {
  const pull = issue.pull;
  const unknown: Mergeability = { mergeable: null, state: "unknown", testMergeSha: null };
  if (!pull || issue.state !== "open" || pull.merged) return unknown;
  const base = await repo.git.getRef(`refs/heads/${pull.base.ref}`);
  if (base === undefined) return unknown;
  let merged: DryMerge;
  try {
    merged = await dryMerge(repo, base, pull.head.sha);
  } catch {
    return unknown; // the head commit is gone
  }
  if (!merged.ok) return { mergeable: false, state: "dirty", testMergeSha: null };
  if (pull.draft) return { mergeable: true, state: "draft", testMergeSha: merged.sha };
  const upToDate = await repo.git.isAncestor(base, pull.head.sha);
  return { mergeable: true, state: upToDate ? "clean" : "behind", testMergeSha: merged.sha };
}

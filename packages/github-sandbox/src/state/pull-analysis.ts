import type { CompareResult, GitStore, Person } from "../git/index.js";
import { mergeRequirementsOf } from "./merge-requirements.js";
import type { IssueState, PullState, RepoState } from "./repo-state.js";
import { requiredChecksOn } from "./required-checks.js";
import { rulesetRequiredChecks } from "./rulesets.js";
import { pullRequestRuleOf, pullRequestRuleViolations } from "./rules/pull-request-rule.js";
import { updateRestricted } from "./rules/push-rules.js";

/** Who GitHub's own merge commits name as committer. */
export const githubCommitter: Person = { name: "GitHub", email: "noreply@github.com" };

/** GitHub's `mergeable` / `mergeable_state` and the test merge commit behind them. */
export interface Mergeability {
  mergeable: boolean | null;
  state: "clean" | "dirty" | "behind" | "blocked" | "unstable" | "draft" | "unknown";
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

/** Every path the pull request touches, both names of a renamed file: what CODEOWNERS is matched against. */
export async function changedPathsOf(repo: RepoState, issue: IssueState): Promise<string[]> {
  const files = (await pullDiff(repo, issue))?.files ?? [];
  return files.flatMap((file) =>
    file.previous_filename === undefined ? [file.filename] : [file.filename, file.previous_filename],
  );
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
 * Whether a check run or commit status on `sha` that the base does not require is failing or
 * still pending (latest run per app and name, latest status per context).
 */
function optionalChecksUnsettled(repo: RepoState, sha: string, required: ReadonlySet<string>): boolean {
  const runs = new Map<string, string>();
  for (const run of repo.checkRuns.values()) {
    if (run.headSha !== sha || required.has(run.name)) continue;
    const appId = repo.checkSuites.get(run.suiteId)?.appId ?? 0;
    runs.set(`${appId}:${run.name}`, run.status === "completed" ? (run.conclusion ?? "") : "pending");
  }
  const statuses = new Map<string, string>();
  for (const status of repo.statuses)
    if (status.sha === sha && !required.has(status.context)) statuses.set(status.context, status.state);
  const fine = new Set(["success", "neutral", "skipped"]);
  return [...runs.values(), ...statuses.values()].some((verdict) => !fine.has(verdict));
}

/**
 * GitHub's `mergeable` and `mergeable_state`: unknown once closed; dirty when head does not merge
 * cleanly into base; draft for a draft; blocked while the base's protection is not satisfied
 * (reviews, code owners, required checks); behind only when the protection requires an up-to-date
 * head (strict checks) and base has commits head lacks; unstable when a check that is not
 * required fails or is pending; clean otherwise. An unprotected base never makes a pull request
 * `behind`: GitHub merges it as it is.
 */
export async function mergeabilityOf(
  repo: RepoState,
  issue: IssueState,
  reader: "rest" | "webhook" = "rest",
): Promise<Mergeability> {
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
  const key = `${issue.number}:${base}:${pull.head.sha}`;
  if (repo.mergeabilityComputed && !repo.mergeabilityComputed.has(key)) {
    // an API read starts GitHub's background computation, done by the next read; a payload does not
    if (reader === "rest") repo.mergeabilityComputed.add(key);
    return unknown;
  }
  if (!merged.ok) return { mergeable: false, state: "dirty", testMergeSha: null };
  const mergeable = (state: Mergeability["state"]): Mergeability => ({
    mergeable: true,
    state,
    testMergeSha: merged.sha,
  });
  if (pull.draft) return mergeable("draft");
  // an active `update` rule lets nobody move the base, merges included ("does not allow updates")
  if (updateRestricted(repo, pull.base.ref)) return mergeable("blocked");
  const protection = repo.protections.get(pull.base.ref);
  if (protection) {
    const requirements = await mergeRequirementsOf(repo, issue, protection, base, await changedPathsOf(repo, issue));
    if (requirements.blockedBy !== undefined) return mergeable("blocked");
    if (requirements.behind) return mergeable("behind");
  }
  const pullRule = pullRequestRuleOf(repo, pull.base.ref);
  if (
    pullRule &&
    (await pullRequestRuleViolations(repo, issue, pullRule, base, await changedPathsOf(repo, issue))).length
  )
    return mergeable("blocked");
  // active rulesets' required checks block as classic protection's do
  const rulesetChecks = rulesetRequiredChecks(repo, pull.base.ref);
  if (rulesetChecks) {
    if (!requiredChecksOn(repo, pull.head.sha, rulesetChecks.checks).satisfied) return mergeable("blocked");
    if (rulesetChecks.strict && !(await repo.git.isAncestor(base, pull.head.sha))) return mergeable("behind");
  }
  const required = new Set([
    ...(protection?.requiredStatusChecks?.checks.map((check) => check.context) ?? []),
    ...(rulesetChecks?.checks.map((check) => check.context) ?? []),
  ]);
  return mergeable(optionalChecksUnsettled(repo, pull.head.sha, required) ? "unstable" : "clean");
}

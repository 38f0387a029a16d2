import type { LabelsConfig } from "../config/index.js";
import type { QueueStatus } from "../core/queue/index.js";
import type { Risk } from "../core/task/index.js";
import type { GithubClient, RepoRef } from "./client.js";
import { isAlreadyExists, isNotFound } from "./errors.js";
import {
  allRiskLabels,
  allStateLabels,
  defaultLabelNames,
  labelDefinitionFor,
  riskLabelFor,
  stateLabelFor,
} from "./label-vocabulary.js";

/** How many issue and pull request node ids one instance keeps per repository before it forgets the oldest. */
const labelableIdsKept = 5000;

/**
 * Lower-cased names of the labels known to exist, with their node ids, per GitHub host and
 * repository: after the first look, ensuring labels costs no call. One app instance keeps one (its
 * `AppServices`); a label deleted by hand later is re-created by GitHub itself (grey, no
 * description) when the app adds it by name, and by the app when GitHub answers that its node id
 * no longer resolves (`forget`, then a fresh look). It also keeps the node ids of the issues and
 * pull requests it has seen, which the label mutations address: a node id never changes.
 */
export class KnownLabels {
  readonly #known = new Map<string, Promise<Map<string, string | undefined>>>();
  /** "<host> owner/repo" → issue or PR number → node id */
  readonly #labelables = new Map<string, Map<string, string>>();

  #key(octokit: GithubClient, { owner, repo }: RepoRef): string {
    return `${String(octokit.request.endpoint.DEFAULTS.baseUrl)} ${owner}/${repo}`.toLowerCase();
  }

  /** The repository's labels (lower-cased name → node id), looked up once; a failed look is not remembered. */
  of(octokit: GithubClient, { owner, repo }: RepoRef): Promise<Map<string, string | undefined>> {
    const key = this.#key(octokit, { owner, repo });
    let known = this.#known.get(key);
    if (known === undefined) {
      known = octokit
        .paginate(octokit.rest.issues.listLabelsForRepo, { owner, repo, per_page: 100 })
        .then((labels) => new Map(labels.map((label) => [label.name.toLowerCase(), label.node_id])));
      known.catch(() => this.#known.delete(key));
      this.#known.set(key, known);
    }
    return known;
  }

  /** Forgets the repository's labels: the next use looks again (a label was deleted or recreated). */
  forget(octokit: GithubClient, ref: RepoRef): void {
    this.#known.delete(this.#key(octokit, ref));
  }

  /** The node id of issue or pull request `number` (`kind`), when this instance has seen it. */
  labelableId(octokit: GithubClient, ref: RepoRef, kind: "issue" | "pull", number: number): string | undefined {
    return this.#labelables.get(this.#key(octokit, ref))?.get(`${kind} ${number}`);
  }

  rememberLabelable(octokit: GithubClient, ref: RepoRef, kind: "issue" | "pull", number: number, id: string): void {
    const key = this.#key(octokit, ref);
    const ids = this.#labelables.get(key) ?? this.#labelables.set(key, new Map()).get(key)!;
    ids.delete(`${kind} ${number}`);
    ids.set(`${kind} ${number}`, id);
    if (ids.size > labelableIdsKept) ids.delete(ids.keys().next().value as string);
  }

  forgetLabelable(octokit: GithubClient, ref: RepoRef, kind: "issue" | "pull", number: number): void {
    this.#labelables.get(this.#key(octokit, ref))?.delete(`${kind} ${number}`);
  }
}

/**
 * Makes sure the labels exist in the repository, creating the missing ones with the vocabulary's
 * color and description (GitHub would otherwise create them grey on first use). A concurrent
 * creator winning the race (422 `already_exists`) is fine. Returns the names it created.
 */
export async function ensureLabels(
  octokit: GithubClient,
  { owner, repo }: RepoRef,
  names: readonly string[],
  labels: LabelsConfig = defaultLabelNames,
  /** what the app instance already knows; without it, the repository's labels are listed */
  knownLabels: KnownLabels = new KnownLabels(),
): Promise<string[]> {
  const known = await knownLabels.of(octokit, { owner, repo });
  const missing = [...new Set(names)].filter((name) => !known.has(name.toLowerCase()));
  const created = await Promise.all(
    missing.map(async (name) => {
      const { color, description } = labelDefinitionFor(name, labels);
      try {
        const { data } = await octokit.rest.issues.createLabel({ owner, repo, name, color, description });
        known.set(name.toLowerCase(), data.node_id);
        return name;
      } catch (error) {
        if (!isAlreadyExists(error)) throw error;
        // created meanwhile by someone else: its node id is read when a mutation needs it
        known.set(name.toLowerCase(), undefined);
        return undefined;
      }
    }),
  );
  return created.filter((name) => name !== undefined);
}

export interface SyncStateLabelsOptions extends RepoRef {
  /** An issue or pull request number. */
  issueNumber: number;
  status: QueueStatus;
  /** Omitted: risk labels are left as they are. */
  risk?: Risk;
  /** The labels the issue has now (from the webhook payload or a fresh read). */
  currentLabels: ReadonlyArray<string | { name: string }>;
  labels?: LabelsConfig;
  /** the app instance's known labels (`AppServices.labels`); without it, a label added lists them first */
  known?: KnownLabels;
}

export interface SyncStateLabelsResult {
  added: string[];
  removed: string[];
}

/**
 * Mirrors the queue on an issue or PR: exactly one state label (and one risk label when `risk` is
 * given), the others removed. Adds in one call, removes one call per label (GitHub has no bulk
 * removal short of replacing every label, which would race with people labeling by hand), and
 * makes no call at all when the labels are already right. A label someone removed meanwhile is fine.
 */
export async function syncStateLabels(
  octokit: GithubClient,
  options: SyncStateLabelsOptions,
): Promise<SyncStateLabelsResult> {
  const { owner, repo, issueNumber, status, risk, labels = defaultLabelNames, known } = options;
  const current = options.currentLabels.map((label) => (typeof label === "string" ? label : label.name));
  const has = (name: string) => current.some((label) => label.toLowerCase() === name.toLowerCase());

  const wanted = [stateLabelFor(status, labels), ...(risk === undefined ? [] : [riskLabelFor(risk, labels)])];
  const managed = [...allStateLabels(labels), ...(risk === undefined ? [] : allRiskLabels(labels))].map((name) =>
    name.toLowerCase(),
  );
  const wantedLower = wanted.map((name) => name.toLowerCase());
  const added = wanted.filter((name) => !has(name));
  const removed = current.filter(
    (name) => managed.includes(name.toLowerCase()) && !wantedLower.includes(name.toLowerCase()),
  );

  if (added.length > 0) {
    await ensureLabels(octokit, { owner, repo }, added, labels, known);
    await octokit.rest.issues.addLabels({ owner, repo, issue_number: issueNumber, labels: added });
  }
  for (const name of removed) {
    try {
      await octokit.rest.issues.removeLabel({ owner, repo, issue_number: issueNumber, name });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
  return { added, removed };
}

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

/**
 * Lower-cased names of the labels known to exist, per GitHub host and repository: after the first
 * look, ensuring labels costs no call. One app instance keeps one (its `AppServices`); a label
 * deleted by hand later is re-created by GitHub itself (grey, no description) when the app adds it
 * to an issue.
 */
export class KnownLabels {
  readonly #known = new Map<string, Promise<Set<string>>>();

  /** The repository's labels, looked up once; a failed look is not remembered. */
  of(octokit: GithubClient, { owner, repo }: RepoRef): Promise<Set<string>> {
    const key = `${String(octokit.request.endpoint.DEFAULTS.baseUrl)} ${owner}/${repo}`.toLowerCase();
    let known = this.#known.get(key);
    if (known === undefined) {
      known = octokit
        .paginate(octokit.rest.issues.listLabelsForRepo, { owner, repo, per_page: 100 })
        .then((labels) => new Set(labels.map((label) => label.name.toLowerCase())));
      known.catch(() => this.#known.delete(key));
      this.#known.set(key, known);
    }
    return known;
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
        await octokit.rest.issues.createLabel({ owner, repo, name, color, description });
        known.add(name.toLowerCase());
        return name;
      } catch (error) {
        if (!isAlreadyExists(error)) throw error;
        known.add(name.toLowerCase());
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
